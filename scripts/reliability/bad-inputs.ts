/**
 * Bad input: every file format the CLI and the Actions read (people, rotation, schedule, playbook)
 * from the committed corpus, from generated extremes, from files just under and just over each
 * limit and from fast-check mutations of valid files, and webhook payloads through
 * `oncall triage --event`. Each input says what it must give: refused for a named rule (checked
 * against `oncall validate --json`'s `errors[].rule` and a part of the message), accepted (just
 * under a limit), or either (a mutation may leave a valid file). A case that does not hold its
 * expectation is a failure of the harness (the input is not what it says) and fails the run; a
 * crash, a stack trace or a rewritten file is damage.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { MAX_ALIASES, MAX_DEPTH, MAX_YAML_BYTES } from '../../src/io/yaml-source.js';
import { CORPUS_EXPECTED } from '../../test/fixtures/bad-inputs.expected.js';
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

export function validFiles(): Record<string, string> {
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
  rule: string;
  message: string;
}

/**
 * What an input must give. `refused`: exit 1 with an error of this rule whose message holds
 * `message` (the reason the input is named for); `accepted`: exit 0 (a file just under a limit);
 * `notFor`: exit 0, or exit 1 without this rule and message (just under a limit in a file the
 * schema refuses anyway: no file of ours legitimately nests 100 deep); `either`: a mutation, which
 * may leave a valid file.
 */
export type Expectation =
  | { refused: { rule: string; message: string } }
  | { accepted: true }
  | { notFor: { rule: string; message: string } }
  | { either: true };

export interface BadInput {
  name: string;
  file: string;
  bytes: Buffer;
  expect: Expectation;
}

/**
 * A case's result: its damage, and `mismatch`, why the case did not hold its expectation (a
 * "bad" input that validates, or one refused for another reason than its own): the harness
 * tested something else than it says, so the run fails. `stillValid`: the input was valid (a
 * mutation that left a valid file, a file just under a limit): shown, not counted as a bad input.
 */
export interface InputResult extends CaseResult {
  mismatch: string[];
  stillValid?: boolean;
}

const refusedFor = (rule: string, message: string): Expectation => ({ refused: { rule, message } });

function describeErrors(errors: Diagnostic[]): string {
  const rules = [...new Set(errors.map((item) => `${item.rule} "${item.message.slice(0, 80)}"`))];
  return rules.slice(0, 3).join('; ') || 'no error';
}

/** The mismatch between what validate said and what the input expects, if any. */
function mismatchOf(expect: Expectation, code: number, errors: Diagnostic[]): string | undefined {
  const has = (want: { rule: string; message: string }) =>
    errors.some((item) => item.rule === want.rule && item.message.includes(want.message));
  if ('refused' in expect) {
    if (code === 0) return `validates: it is not a bad input (expected ${expect.refused.rule})`;
    if (!has(expect.refused)) {
      return `refused for another reason: ${describeErrors(errors)}, not ${expect.refused.rule} "${expect.refused.message}"`;
    }
  } else if ('accepted' in expect) {
    if (code !== 0) return `just under the limit, yet refused: ${describeErrors(errors)}`;
  } else if ('notFor' in expect) {
    if (code !== 0 && has(expect.notFor)) {
      return `just under the limit, yet refused for it: ${expect.notFor.rule} "${expect.notFor.message}"`;
    }
  }
  return undefined;
}

/**
 * `oncall validate` (JSON and human) and `oncall who` on a repository whose `file` holds `bytes`.
 * A wrong exit, an unpositioned message or a stack trace counts as a crash; an answer other than
 * the input's expectation as a mismatch.
 */
export async function validateCase(input: BadInput): Promise<InputResult> {
  const { name, file, bytes, expect } = input;
  const obs = new Observer(name);
  const mismatch: string[] = [];
  let stillValid: boolean | undefined;
  try {
    const root = makeRepo(validFiles());
    writeFileSync(path.join(root, file), bytes);
    const before = snapshotFiles(root);
    const json = await runCli(['validate', '--root', root, '--json']);
    const crash = crashIn(json.stdout + json.stderr);
    if (![0, 1].includes(json.code) || crash) {
      obs.count('crashes', 1, `validate --json: exit ${json.code}${crash ? `, ${crash}` : ''}`);
    } else {
      let doc: { ok: boolean; errors: Diagnostic[] } | undefined;
      try {
        doc = JSON.parse(json.stdout);
      } catch {
        obs.count('crashes', 1, 'validate --json: stdout is not one JSON document');
      }
      if (doc) {
        const wrong = mismatchOf(expect, json.code, doc.errors);
        if (wrong) mismatch.push(wrong);
        // A valid file (a mutation that left one, a file just under a limit) is no bad input.
        stillValid = json.code === 0;
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
    if (humanCrash || human.code !== json.code) {
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
  return { ...obs.result(), mismatch, ...(stillValid !== undefined && { stillValid }) };
}

export function corpusFixtures(): string[] {
  return readdirSync(CORPUS).sort();
}

/** A corpus file as an input: refused for the rule its line in bad-inputs.expected.ts names. */
export function corpusInput(fixture: string): BadInput {
  const expected = CORPUS_EXPECTED[fixture];
  return {
    name: `corpus ${fixture}`,
    file: targetOf(fixture),
    bytes: readFileSync(path.join(CORPUS, fixture)),
    // A fixture missing from the table can be refused for nothing in particular: a mismatch.
    expect: refusedFor(expected?.rule ?? '(not in bad-inputs.expected.ts)', expected?.message ?? ''),
  };
}

export async function corpusCase(fixture: string): Promise<InputResult> {
  const input = corpusInput(fixture);
  const result = await validateCase(input);
  if (!readFileSync(path.join(CORPUS, fixture)).equals(input.bytes)) {
    result.damage.rewritten += 1;
    result.findings.push(`the fixture ${fixture} itself changed`);
  }
  return result;
}

/** The content hash of an input: the file it replaces and its bytes. */
export function inputHash(input: Pick<BadInput, 'file' | 'bytes'>): string {
  return createHash('sha256').update(input.file).update('\0').update(input.bytes).digest('hex');
}

/** Inputs with the same content as an earlier one: "b is a copy of a" for each. */
export function duplicateInputs(inputs: readonly Pick<BadInput, 'name' | 'file' | 'bytes'>[]): string[] {
  const seen = new Map<string, string>();
  const copies: string[] = [];
  for (const input of inputs) {
    const hash = inputHash(input);
    const first = seen.get(hash);
    if (first) copies.push(`${input.name} is a copy of ${first}`);
    else seen.set(hash, input.name);
  }
  return copies;
}

/** Extremes the corpus does not hold: sizes, depths, encodings, characters, impossible values. */
export function generatedInputs(): BadInput[] {
  const files = validFiles();
  const people = files[PEOPLE] as string;
  const rotation = files[ROTATION] as string;
  const schedule = files[SCHEDULE] as string;
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const tooDeep = refusedFor('yaml-syntax', `nesting is deeper than ${MAX_DEPTH} levels`);
  const schema = (message: string) => refusedFor('schema', message);
  return [
    {
      name: 'people over 2 MiB',
      file: PEOPLE,
      bytes: utf8(`${people}# ${'x'.repeat(2 * 1024 * 1024)}\n`),
      expect: refusedFor('file-too-large', 'larger than 2 MiB'),
    },
    {
      name: 'playbook over 2 MiB',
      file: PLAYBOOK,
      bytes: utf8(`${VALID_PLAYBOOK}\n${'padding line\n'.repeat(170_000)}`),
      expect: refusedFor('file-too-large', 'larger than 2 MiB'),
    },
    {
      name: 'people: flow sequences nested 20,000 deep',
      file: PEOPLE,
      bytes: utf8(`people: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
      expect: tooDeep,
    },
    {
      // One space of indent a level keeps it far under the size limit (about 0.5 MB).
      name: 'rotation: block maps nested 1,000 deep',
      file: ROTATION,
      bytes: utf8(
        `name: ops\nrules:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`,
      ),
      expect: tooDeep,
    },
    {
      name: 'people: block sequences nested 5,000 deep on one line',
      file: PEOPLE,
      bytes: utf8(`people:\n${'- '.repeat(5000)}x\n`),
      expect: tooDeep,
    },
    {
      // An anchor sends the file to the positioned parser: the depth must still be refused first.
      name: 'people: an anchor, an alias and flow maps nested 20,000 deep',
      file: PEOPLE,
      bytes: utf8(`x: &a 1\ny: *a\npeople: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`),
      expect: tooDeep,
    },
    {
      name: 'people: a 1.5 MiB name on one line',
      file: PEOPLE,
      bytes: utf8(people.replace('name: Ana', `name: ${'A'.repeat(1_500_000)}`)),
      expect: schema('name must be at most 200 characters'),
    },
    {
      name: 'people: raw BEL and ESC control characters in a name',
      file: PEOPLE,
      bytes: utf8(people.replace('name: Ana', 'name: An\u0007a\u001b[31m')),
      expect: refusedFor('yaml-syntax', 'control character U+0007'),
    },
    {
      name: 'people: a right-to-left override in a login',
      file: PEOPLE,
      bytes: utf8(people.replace('github: ana,', 'github: "an\u202ea",')),
      expect: schema('github must be a GitHub login'),
    },
    {
      name: 'people: UTF-16LE with a byte-order mark',
      file: PEOPLE,
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(people, 'utf16le')]),
      expect: refusedFor('encoding', 'not UTF-8'),
    },
    {
      name: 'people: joined 2027-13-01',
      file: PEOPLE,
      bytes: utf8(people.replace('joined: 2026-01-01', 'joined: 2027-13-01')),
      expect: schema('joined must be a calendar date'),
    },
    {
      name: 'schedule: a shift on 2027-02-29 (not a leap year)',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('start: 2027-02-22', 'start: 2027-02-29')),
      expect: schema('start must be a calendar date'),
    },
    {
      name: 'schedule: __proto__ inside a shift',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('secondary: ben }', 'secondary: ben, __proto__: { polluted: yes } }')),
      expect: refusedFor('forbidden-key', '"__proto__" cannot be used as a key'),
    },
    {
      name: 'schedule: constructor at the root',
      file: SCHEDULE,
      bytes: utf8(`${schedule}constructor: { prototype: { polluted: true } }\n`),
      expect: refusedFor('forbidden-key', '"constructor" cannot be used as a key'),
    },
    {
      name: 'rotation: an unknown zone Mars/Olympus_Mons',
      file: ROTATION,
      bytes: utf8(rotation.replace('timezone: America/New_York', 'timezone: Mars/Olympus_Mons')),
      expect: refusedFor('unknown-timezone', '"Mars/Olympus_Mons" is not an IANA timezone'),
    },
    {
      name: 'rotation: handoff at 24:30',
      file: ROTATION,
      bytes: utf8(rotation.replace('time: "11:00"', 'time: "24:30"')),
      expect: schema('handoff.time must be a time of day'),
    },
    {
      name: 'rotation: 10,000 aliases of one anchor',
      file: ROTATION,
      bytes: utf8(
        `${rotation}x-refs: &a [1]\nx-many: [${Array.from({ length: 10_000 }, () => '*a').join(', ')}]\n`,
      ),
      expect: refusedFor('alias-limit', `more than ${MAX_ALIASES} aliases`),
    },
    {
      // YAML 1.2 has no merge key: `<<` stays a key, which work_hours does not have.
      name: 'rotation: a YAML 1.1 merge key',
      file: ROTATION,
      bytes: utf8(
        rotation
          .replace('shift: {', 'shift: &shift {')
          .concat('work_hours: { <<: *shift, days: [mon], start: "09:00", end: "18:00" }\n'),
      ),
      expect: schema('unknown key "<<"'),
    },
    {
      name: 'playbook: an empty file',
      file: PLAYBOOK,
      bytes: Buffer.alloc(0),
      expect: refusedFor('playbook-front-matter', 'starts with front matter'),
    },
    {
      name: 'people: a null document (~)',
      file: PEOPLE,
      bytes: utf8('~\n'),
      expect: schema('the file must be an object'),
    },
    {
      name: 'rotation: a !!js/function tag',
      file: ROTATION,
      bytes: utf8(rotation.replace('name: ops', 'name: !!js/function "function () { return 1 }"')),
      expect: refusedFor('yaml-syntax', 'Unresolved tag'),
    },
    {
      name: 'schedule: rotation is a number',
      file: SCHEDULE,
      bytes: utf8(schedule.replace('rotation: ops', 'rotation: 0x1F')),
      expect: schema('rotation must be a string'),
    },
  ];
}

/**
 * Each limit from both sides: a file just under it is accepted, one just over it refused with
 * the limit's rule. Sizes are exact byte counts (the limit is "larger than 2 MiB"), aliases
 * exactly 20 and 21, nesting 100 and 101 levels, a name of 200 and 201 characters.
 */
export function nearLimitInputs(): BadInput[] {
  const files = validFiles();
  const people = files[PEOPLE] as string;
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  /** `text` padded with a trailing comment to exactly `size` bytes. */
  const padded = (text: string, size: number, comment: string) => {
    const head = `${text}${comment}`;
    return utf8(`${head}${'x'.repeat(size - Buffer.byteLength(head) - 1)}\n`);
  };
  const size = (file: string, text: string, comment: string): BadInput[] => [
    {
      name: `${path.basename(file)} of exactly 2 MiB`,
      file,
      bytes: padded(text, MAX_YAML_BYTES, comment),
      expect: { accepted: true },
    },
    {
      name: `${path.basename(file)} of 2 MiB and 1 byte`,
      file,
      bytes: padded(text, MAX_YAML_BYTES + 1, comment),
      expect: refusedFor('file-too-large', 'larger than 2 MiB'),
    },
  ];
  // Extra people outside the rotation's teams, whose team and timezone are aliases: 2 a person.
  const aliased = (aliases: number) => {
    const lines = ['  - { github: pa, name: P A, team: &t other, timezone: &z Europe/Paris }'];
    for (let n = 0; n < Math.floor(aliases / 2); n++) {
      lines.push(`  - { github: p${n}, name: P ${n}, team: *t, timezone: *z }`);
    }
    if (aliases % 2 === 1) lines.push('  - { github: podd, name: P Odd, team: *t, timezone: Europe/Paris }');
    return utf8(`${people}${lines.join('\n')}\n`);
  };
  // `depth` levels in all: the people sequence, then flow sequences inside a person's name.
  const nested = (depth: number) =>
    utf8(people.replace('name: Ana', `name: ${'['.repeat(depth - 3)}x${']'.repeat(depth - 3)}`));
  const name = (length: number) => utf8(people.replace('name: Ana', `name: ${'A'.repeat(length)}`));
  return [
    ...size(PEOPLE, people, '# padding '),
    ...size(PLAYBOOK, VALID_PLAYBOOK, '\npadding '),
    {
      name: `people: exactly ${MAX_ALIASES} aliases`,
      file: PEOPLE,
      bytes: aliased(MAX_ALIASES),
      expect: { accepted: true },
    },
    {
      name: `people: ${MAX_ALIASES + 1} aliases`,
      file: PEOPLE,
      bytes: aliased(MAX_ALIASES + 1),
      expect: refusedFor('alias-limit', `more than ${MAX_ALIASES} aliases`),
    },
    {
      name: `people: nested exactly ${MAX_DEPTH} levels deep`,
      file: PEOPLE,
      bytes: nested(MAX_DEPTH),
      expect: { notFor: { rule: 'yaml-syntax', message: 'nesting is deeper' } },
    },
    {
      name: `people: nested ${MAX_DEPTH + 1} levels deep`,
      file: PEOPLE,
      bytes: nested(MAX_DEPTH + 1),
      expect: refusedFor('yaml-syntax', `nesting is deeper than ${MAX_DEPTH} levels`),
    },
    { name: 'people: a name of 200 characters', file: PEOPLE, bytes: name(200), expect: { accepted: true } },
    {
      name: 'people: a name of 201 characters',
      file: PEOPLE,
      bytes: name(201),
      expect: refusedFor('schema', 'name must be at most 200 characters'),
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

/**
 * `runs` fast-check mutations of each valid file (a fixed seed: the same inputs every run), each
 * with different content from every other and from `known` (the hashes of the other inputs): a
 * mutation that gives the same bytes as another (two cuts inside one trailing newline) is tried
 * once. `dropped` counts those left out. A mutation may leave a valid file: it is expected
 * either way, and counted apart from the bad inputs.
 */
export function fuzzInputs(
  runs: number,
  known: ReadonlySet<string> = new Set(),
  seed = 20270104,
): { inputs: BadInput[]; dropped: number } {
  const files = validFiles();
  const seen = new Set(known);
  for (const [file, text] of Object.entries(files)) seen.add(inputHash({ file, bytes: Buffer.from(text) }));
  const inputs: BadInput[] = [];
  let dropped = 0;
  for (const [index, file] of [PEOPLE, ROTATION, SCHEDULE, PLAYBOOK].entries()) {
    const text = files[file] as string;
    const samples = fc.sample(mutationArbitrary(text.length, text.split('\n').length), {
      seed: seed + index,
      numRuns: runs,
    });
    samples.forEach((mutation, n) => {
      const bytes = Buffer.from(applyMutation(text, mutation), 'utf8');
      const hash = inputHash({ file, bytes });
      if (seen.has(hash)) {
        dropped += 1;
        return;
      }
      seen.add(hash);
      inputs.push({
        name: `fuzz ${path.basename(file)} #${n + 1} (${mutation.kind})`,
        file,
        bytes,
        expect: { either: true },
      });
    });
  }
  return { inputs, dropped };
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
