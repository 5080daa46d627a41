/**
 * Bad input: every file format the CLI and the Actions read (people, rotation, schedule, playbook)
 * from the committed corpus, from generated extremes and from fast-check mutations of valid files,
 * and webhook payloads through `oncall triage --event`. Each must give exit 1 (or 0 where the
 * mutation left a valid file) with positioned, one-line messages, no stack trace, no file rewritten.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { webhookExample } from '../../test/helpers/action-runner.js';
import { makeRepo, removeRepos, runCli, smallRepoFiles } from '../../test/helpers/repo.js';
import { type CaseResult, checkFilesUnchanged, crashIn, Observer, snapshotFiles } from './measure.js';

const CORPUS = fileURLToPath(new URL('../../test/fixtures/bad-inputs', import.meta.url));

export const PEOPLE = 'rotations/people.yaml';
export const ROTATION = 'rotations/ops/rotation.yaml';
export const SCHEDULE = 'rotations/ops/schedule.yaml';
export const PLAYBOOK = 'playbooks/db.md';

export const VALID_PLAYBOOK = `---
system: db
title: Database
team: red
point_people: [ana, ben]
---
# Database

## Symptoms
Slow queries.

## Diagnose
Check the dashboard.

## Mitigate
Fail over.

## Escalate
Page the DBA.
`;

function validFiles(): Record<string, string> {
  return { ...smallRepoFiles(), [PLAYBOOK]: VALID_PLAYBOOK };
}

function targetOf(fixture: string): string {
  if (fixture.startsWith('people-')) return PEOPLE;
  if (fixture.startsWith('rotation-')) return ROTATION;
  if (fixture.startsWith('schedule-')) return SCHEDULE;
  return PLAYBOOK;
}

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * `oncall validate` (JSON and human) on a repository whose `file` holds `bytes`. `mustFail`: the
 * input is broken, so exit 1 is the only right answer; otherwise 0 is fine too (a mutation may
 * leave a valid file). A wrong exit, an unpositioned message or a stack trace counts as a crash.
 */
export async function validateCase(
  name: string,
  file: string,
  bytes: Buffer,
  mustFail: boolean,
): Promise<CaseResult> {
  const obs = new Observer(name);
  try {
    const root = makeRepo(validFiles());
    writeFileSync(path.join(root, file), bytes);
    const before = snapshotFiles(root);
    const allowed = mustFail ? [1] : [0, 1];
    const json = await runCli(['validate', '--root', root, '--json']);
    const crash = crashIn(json.stdout + json.stderr);
    if (!allowed.includes(json.code) || crash) {
      obs.count('crashes', 1, `validate --json: exit ${json.code}${crash ? `, ${crash}` : ''}`);
    } else {
      let doc: { ok: boolean; errors: Diagnostic[] } | undefined;
      try {
        doc = JSON.parse(json.stdout);
      } catch {
        obs.count('crashes', 1, 'validate --json: stdout is not one JSON document');
      }
      if (doc && json.code === 1) {
        const bad = doc.errors.filter(
          (item) =>
            !item.file ||
            !(Number.isInteger(item.line) && item.line >= 1) ||
            !(Number.isInteger(item.column) && item.column >= 1) ||
            /\n/.test(item.message),
        );
        if (doc.errors.length === 0) obs.count('crashes', 1, 'exit 1 without an error');
        obs.count('crashes', bad.length, `unpositioned or multi-line message: ${JSON.stringify(bad[0])}`);
      }
    }
    const human = await runCli(['validate', '--root', root]);
    const humanCrash = crashIn(human.stdout + human.stderr);
    if (!allowed.includes(human.code) || humanCrash || human.code !== json.code) {
      obs.count('crashes', 1, `validate: exit ${human.code}${humanCrash ? `, ${humanCrash}` : ''}`);
    }
    // `who` reads the same files for another purpose: it answers (0) or refuses (1), never crashes.
    const who = await runCli(['who', '--root', root, '--json']);
    const whoCrash = crashIn(who.stdout + who.stderr);
    if (![0, 1].includes(who.code) || whoCrash) {
      obs.count('crashes', 1, `who: exit ${who.code}${whoCrash ? `, ${whoCrash}` : ''}`);
    }
    checkFilesUnchanged(obs, root, before);
  } catch (err) {
    obs.count('crashes', 1, `threw in-process: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  } finally {
    removeRepos();
  }
  return obs.result();
}

export function corpusFixtures(): string[] {
  return readdirSync(CORPUS).sort();
}

export async function corpusCase(fixture: string): Promise<CaseResult> {
  const bytes = readFileSync(path.join(CORPUS, fixture));
  const result = await validateCase(`corpus ${fixture}`, targetOf(fixture), bytes, true);
  if (!readFileSync(path.join(CORPUS, fixture)).equals(bytes)) {
    result.damage.rewritten += 1;
    result.findings.push(`the fixture ${fixture} itself changed`);
  }
  return result;
}

/** Extremes the corpus does not hold: sizes, depths, encodings, characters, impossible values. */
export function generatedInputs(): { name: string; file: string; bytes: Buffer }[] {
  const files = validFiles();
  const people = files[PEOPLE] as string;
  const rotation = files[ROTATION] as string;
  const schedule = files[SCHEDULE] as string;
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  return [
    { name: 'people over 2 MiB', file: PEOPLE, bytes: utf8(`${people}# ${'x'.repeat(2 * 1024 * 1024)}\n`) },
    {
      name: 'playbook over 2 MiB',
      file: PLAYBOOK,
      bytes: utf8(`${VALID_PLAYBOOK}\n${'padding line\n'.repeat(170_000)}`),
    },
    {
      name: 'people: flow sequences nested 20,000 deep',
      file: PEOPLE,
      bytes: utf8(`people: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
    },
    {
      name: 'rotation: block maps nested 3,000 deep',
      file: ROTATION,
      bytes: utf8(
        `name: ops\nrules:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`,
      ),
    },
    {
      name: 'people: a 1.5 MiB name on one line',
      file: PEOPLE,
      bytes: utf8(people.replace('name: Ana', `name: ${'A'.repeat(1_500_000)}`)),
    },
    {
      name: 'people: raw BEL and ESC control characters in a name',
      file: PEOPLE,
      bytes: utf8(people.replace('name: Ana', 'name: An\u0007a\u001b[31m')),
    },
    {
      name: 'people: a right-to-left override in a login',
      file: PEOPLE,
      bytes: utf8(people.replace('github: ana,', 'github: "an\u202ea",')),
    },
    {
      name: 'people: UTF-16LE with a byte-order mark',
      file: PEOPLE,
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(people, 'utf16le')]),
    },
    {
      name: 'people: joined 2027-13-01',
      file: PEOPLE,
      bytes: utf8(people.replace('joined: 2026-01-01', 'joined: 2027-13-01')),
    },
    {
      name: 'schedule: a shift on 2027-02-29 (not a leap year)',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('start: 2027-02-22', 'start: 2027-02-29')),
    },
    {
      name: 'schedule: __proto__ inside a shift',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('secondary: ben }', 'secondary: ben, __proto__: { polluted: yes } }')),
    },
    {
      name: 'schedule: constructor at the root',
      file: SCHEDULE,
      bytes: utf8(`${schedule}constructor: { prototype: { polluted: true } }\n`),
    },
    {
      name: 'rotation: an unknown zone Mars/Olympus_Mons',
      file: ROTATION,
      bytes: utf8(rotation.replace('timezone: America/New_York', 'timezone: Mars/Olympus_Mons')),
    },
    {
      name: 'rotation: handoff at 24:30',
      file: ROTATION,
      bytes: utf8(rotation.replace('time: "11:00"', 'time: "24:30"')),
    },
    {
      name: 'rotation: 10,000 aliases of one anchor',
      file: ROTATION,
      bytes: utf8(
        `${rotation}x-refs: &a [1]\nx-many: [${Array.from({ length: 10_000 }, () => '*a').join(', ')}]\n`,
      ),
    },
    {
      name: 'rotation: a YAML 1.1 merge key',
      file: ROTATION,
      bytes: utf8(`base: &base { length_days: 7 }\n${rotation.replace('shift: {', 'shift: { <<: *base,')}`),
    },
    { name: 'playbook: an empty file', file: PLAYBOOK, bytes: Buffer.alloc(0) },
    { name: 'people: a null document (~)', file: PEOPLE, bytes: utf8('~\n') },
    {
      name: 'rotation: a !!js/function tag',
      file: ROTATION,
      bytes: utf8(rotation.replace('name: ops', 'name: !!js/function "function () { return 1 }"')),
    },
    {
      name: 'schedule: rotation is a number',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('rotation: ops', 'rotation: 0x1F')),
    },
  ];
}

/** Tokens a careless edit or a hostile one puts into YAML. */
const TOKENS = [
  '__proto__: { x: 1 }',
  'constructor: 1',
  '&a ',
  '*a',
  '*undefined_alias',
  '!!js/undefined ',
  '!!binary ',
  '\t',
  '\u0000',
  '\u0007',
  '\r',
  '\u2028',
  '\ufeff',
  '{',
  '[',
  ']',
  '}',
  ': ',
  '- ',
  '"',
  "'",
  '? ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '<<: *a',
  '0755',
  '1_000',
  '0x1F',
  '.inf',
  'yes',
  'NO',
  '~',
  '2027-02-30',
  '2027-01-05T25:00',
  '+99:00',
  'Mars/Phobos',
  'America/New_Yrok',
  '11:00:00:00',
  '-1',
  '1e309',
  'x'.repeat(5000),
  '\n  - github: zed\n',
  '#',
];

type Mutation =
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replace-line'; line: number; text: string }
  | { kind: 'swap-value'; occurrence: number; value: string };

function mutationArbitrary(length: number, lines: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(length),
      token: fc.constantFrom(...TOKENS),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(length),
      length: fc.integer({ min: 1, max: 40 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(length) }),
    fc.record({
      kind: fc.constant('replace-line' as const),
      line: fc.nat(Math.max(0, lines - 1)),
      text: fc.string({ unit: 'binary', maxLength: 60 }),
    }),
    fc.record({
      kind: fc.constant('swap-value' as const),
      occurrence: fc.nat(40),
      value: fc.oneof(
        fc.constantFrom(...TOKENS),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      ),
    }),
  );
}

function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'insert':
      return text.slice(0, mutation.at) + mutation.token + text.slice(mutation.at);
    case 'delete':
      return text.slice(0, mutation.at) + text.slice(mutation.at + mutation.length);
    case 'truncate':
      return text.slice(0, mutation.at);
    case 'replace-line': {
      const lines = text.split('\n');
      lines[mutation.line % lines.length] = mutation.text;
      return lines.join('\n');
    }
    case 'swap-value': {
      // The scalar after the n-th ": " (mod how many there are).
      const positions = [...text.matchAll(/: ([^,\n}\]]+)/g)];
      const match = positions[mutation.occurrence % Math.max(1, positions.length)];
      if (!match || match.index === undefined) return text;
      const start = match.index + 2;
      return text.slice(0, start) + mutation.value + text.slice(start + (match[1] as string).length);
    }
  }
}

/** `runs` fast-check mutations of each valid file (a fixed seed: the same inputs every run). */
export function fuzzInputs(runs: number, seed = 20270104): { name: string; file: string; bytes: Buffer }[] {
  const files = validFiles();
  const inputs: { name: string; file: string; bytes: Buffer }[] = [];
  for (const [index, file] of [PEOPLE, ROTATION, SCHEDULE, PLAYBOOK].entries()) {
    const text = files[file] as string;
    const samples = fc.sample(mutationArbitrary(text.length, text.split('\n').length), {
      seed: seed + index,
      numRuns: runs,
    });
    samples.forEach((mutation, n) => {
      const mutated = applyMutation(text, mutation);
      if (mutated === text) return;
      inputs.push({
        name: `fuzz ${path.basename(file)} #${n + 1} (${mutation.kind})`,
        file,
        bytes: Buffer.from(mutated, 'utf8'),
      });
    });
  }
  return inputs;
}

/** Webhook payloads, broken: each through `oncall triage --event` must give exit 0 or 1, cleanly. */
export function webhookInputs(): { name: string; text: string }[] {
  const opened = () => webhookExample('issues', 'opened');
  const json = (edit: (event: ReturnType<typeof webhookExample>) => void) => {
    const event = opened();
    edit(event);
    return JSON.stringify(event);
  };
  return [
    { name: 'not JSON (cut off)', text: '{"action": "opened", "issue": {' },
    { name: 'an empty file', text: '' },
    { name: 'a JSON array', text: '[]' },
    { name: 'JSON null', text: 'null' },
    {
      name: 'issue is null',
      text: json((e) => {
        e.issue = null;
      }),
    },
    {
      name: 'issue.title is a number',
      text: json((e) => {
        e.issue.title = 42;
      }),
    },
    {
      name: 'issue.user missing',
      text: json((e) => {
        delete e.issue.user;
      }),
    },
    {
      name: 'labels is a string',
      text: json((e) => {
        e.issue.labels = 'incident';
      }),
    },
    {
      name: 'labels hold null, numbers and objects',
      text: json((e) => {
        e.issue.labels = [null, 5, { name: 7 }, 'sev:1'];
      }),
    },
    {
      name: '__proto__ and constructor keys in the issue',
      text: json((e) => {
        e.issue.title = 'x';
      }).replace(
        '"issue":{',
        '"issue":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      ),
    },
    {
      name: 'a 4 MB body',
      text: json((e) => {
        e.issue.body = `### Is it down for users?\n\nYes\n\n${'x'.repeat(4_000_000)}`;
      }),
    },
    {
      name: 'control characters and NUL in title and body',
      text: json((e) => {
        e.issue.title = '\u0000\u001b[2J\u0007down';
        e.issue.body = '### Which system?\n\n\u0000gravity\u202e';
        e.issue.labels = [{ name: 'incident' }];
      }),
    },
    {
      name: 'a 200,000-character title',
      text: json((e) => {
        e.issue.title = 'T'.repeat(200_000);
      }),
    },
    {
      name: 'action is "deleted"',
      text: json((e) => {
        e.action = 'deleted';
      }),
    },
    { name: 'JSON nested 50,000 deep', text: `{"issue": ${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
    {
      name: 'created_at is not a date',
      text: json((e) => {
        e.issue.created_at = '2027-02-30T25:00:00Z';
        e.issue.labels = [{ name: 'incident' }];
      }),
    },
  ];
}

export async function webhookCase(input: { name: string; text: string }): Promise<CaseResult> {
  const obs = new Observer(`triage --event: ${input.name}`);
  try {
    const root = makeRepo(validFiles());
    const eventFile = path.join(root, 'event.json');
    writeFileSync(eventFile, input.text);
    const before = snapshotFiles(root);
    const run = await runCli(['triage', '--root', root, '--event', eventFile, '--json']);
    const crash = crashIn(run.stdout + run.stderr);
    if (![0, 1].includes(run.code) || crash) {
      obs.count('crashes', 1, `exit ${run.code}${crash ? `, ${crash}` : ''}`);
    } else {
      try {
        JSON.parse(run.stdout);
      } catch {
        obs.count('crashes', 1, 'stdout is not one JSON document');
      }
    }
    if (({} as Record<string, unknown>).polluted !== undefined) {
      obs.count('crashes', 1, 'Object.prototype was polluted');
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    checkFilesUnchanged(obs, root, before);
  } catch (err) {
    obs.count('crashes', 1, `threw in-process: ${(err as Error).message}`);
  } finally {
    removeRepos();
  }
  return obs.result();
}
