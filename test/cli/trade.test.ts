/**
 * `oncall trade --base FILE --head FILE [--author LOGIN] [--approvals a,b]` through the CLI on real
 * temporary repositories: the JSON document field for field, exit codes (0 may merge, 1 errors or
 * missing consent, 2 bad usage), broken base or head files reported with positions under the
 * repository path of schedule.yaml, and the human output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const SCHEDULE = 'rotations/ops/schedule.yaml';
const CORPUS = fileURLToPath(new URL('../fixtures/bad-inputs', import.meta.url));

/** The small repository's schedule.yaml. */
const BASE = smallRepoFiles()[SCHEDULE] as string;

/** BASE with one line's text replaced; the replaced text must be there exactly once. */
function edit(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

/** ana and dee swap: dee's secondary of 2027-01-11 for ana's primary of 2027-02-15. */
const SWAPPED = edit(
  edit(
    BASE,
    'start: 2027-01-11, primary: cy, secondary: dee',
    'start: 2027-01-11, primary: cy, secondary: ana',
  ),
  'start: 2027-02-15, primary: ana, secondary: cy',
  'start: 2027-02-15, primary: dee, secondary: cy',
);
const SWAP_TEXT = 'ana takes 2027-01-11 from dee; dee takes 2027-02-15 from ana';

/**
 * A repository whose schedule.yaml is `head` (as in a pull request's checkout) with the base
 * version beside it; returns the paths to pass to --base and --head.
 */
function tradeRepo(base: string, head: string, extra: Record<string, string> = {}) {
  const root = makeRepo({ ...smallRepoFiles(), [SCHEDULE]: head, 'pr/base.yaml': base, ...extra });
  return { root, base: path.join(root, 'pr/base.yaml'), head: path.join(root, SCHEDULE) };
}

function trade(files: { root: string; base: string; head: string }, args: string[] = [], at?: string) {
  return runCli(['trade', '--root', files.root, '--base', files.base, '--head', files.head, ...args], at);
}

/** 1-based line and column of `needle` on the line that contains `lineMarker`. */
function positionOf(text: string, lineMarker: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(lineMarker));
  expect(index).toBeGreaterThanOrEqual(0);
  const column = (lines[index] as string).indexOf(needle, (lines[index] as string).indexOf(lineMarker));
  expect(column).toBeGreaterThanOrEqual(0);
  return { line: index + 1, column: column + 1 };
}

describe('oncall trade --json: the document', () => {
  it('has every field of the contract, and ours, for a swap awaiting consent', async () => {
    const run = await trade(tradeRepo(BASE, SWAPPED), ['--author', 'ana', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const doc = run.json();
    expect(Object.keys(doc)).toEqual([
      'rotation',
      'ok',
      'changes',
      'affected',
      'time',
      'consent',
      'mentions',
      'errors',
      'warnings',
      'fairness',
    ]);
    expect(doc).toEqual({
      rotation: 'ops',
      ok: false,
      changes: [{ kind: 'swap', text: SWAP_TEXT }],
      affected: ['dee', 'ana'],
      time: [
        { github: 'ana', gained: 168, lost: 168 },
        { github: 'dee', gained: 168, lost: 168 },
      ],
      consent: { ok: false, missing: ['dee'], given: [{ github: 'ana', by: 'author' }] },
      mentions: [],
      errors: [],
      warnings: [],
      fairness: [
        {
          github: 'dee',
          before: { shifts: 3, prorated: expect.any(Number) },
          after: { shifts: 3, prorated: expect.any(Number) },
        },
        {
          github: 'ana',
          before: { shifts: 3, prorated: expect.any(Number) },
          after: { shifts: 3, prorated: expect.any(Number) },
        },
      ],
    });
    // stdout is one JSON document and nothing else.
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
  });

  it('reports consent given by the author and by approvals, and exits 0', async () => {
    const run = await trade(tradeRepo(BASE, SWAPPED), ['--author', 'ana', '--approvals', 'dee', '--json']);
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc.ok).toBe(true);
    expect(doc.consent).toEqual({
      ok: true,
      missing: [],
      given: [
        { github: 'dee', by: 'approval' },
        { github: 'ana', by: 'author' },
      ],
    });
  });

  it('takes a comma-separated, spaced, mixed-case list of approvals', async () => {
    const run = await trade(tradeRepo(BASE, SWAPPED), ['--approvals', ' ANA , Dee,,', '--json']);
    expect(run.code).toBe(0);
    expect(run.json().consent.missing).toEqual([]);
  });

  it('publishing new shifts: no consent, the people mentioned, exit 0', async () => {
    const head = `${BASE}  - { start: 2027-03-01, primary: cy, secondary: fay }\n`;
    const run = await trade(tradeRepo(BASE, head), ['--json']);
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc.changes).toEqual([{ kind: 'published', text: '2027-03-01 published: cy, fay' }]);
    expect(doc.affected).toEqual([]);
    expect(doc.consent).toEqual({ ok: true, missing: [], given: [] });
    expect(doc.mentions).toEqual(['cy', 'fay']);
    expect(doc.time).toEqual([]);
    expect(doc.fairness.map((row: { github: string }) => row.github)).toEqual(['cy', 'fay']);
  });

  it('a cover: the sentence and the hours', async () => {
    const head = `${BASE}overrides:\n  - { from: "2027-01-13T18:00", to: "2027-01-14T09:00", replace: dee, with: eli, reason: dinner }\n`;
    const run = await trade(tradeRepo(BASE, head), ['--author', 'dee', '--approvals', 'eli', '--json']);
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc.changes).toEqual([
      { kind: 'cover-added', text: 'eli covers dee from 2027-01-13 18:00 to 2027-01-14 09:00 (dinner)' },
    ]);
    expect(doc.time).toEqual([
      { github: 'eli', gained: 15, lost: 0 },
      { github: 'dee', gained: 0, lost: 15 },
    ]);
  });

  it('no change at all: ok', async () => {
    const run = await trade(tradeRepo(BASE, BASE), ['--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      ok: true,
      changes: [],
      affected: [],
      consent: { ok: true, missing: [] },
    });
  });
});

describe('oncall trade: exit codes', () => {
  const EDITED_PAST = edit(
    BASE,
    'start: 2027-01-04, primary: ana, secondary: ben',
    'start: 2027-01-04, primary: dee, secondary: ben',
  );
  /** Shift 2027-01-04 has ended; 2027-01-18 is in progress. */
  const LATER = '2027-01-20T12:00:00-05:00';

  it('0 when everyone agreed and there are no errors', async () => {
    expect((await trade(tradeRepo(BASE, SWAPPED), ['--author', 'dee', '--approvals', 'ana'])).code).toBe(0);
  });

  it('1 when someone’s consent is missing', async () => {
    expect((await trade(tradeRepo(BASE, SWAPPED), ['--author', 'dee'])).code).toBe(1);
    expect((await trade(tradeRepo(BASE, SWAPPED), [])).code).toBe(1);
  });

  it('1 on an edit to the past, even with everyone’s consent; the error points at the slot', async () => {
    const run = await trade(
      tradeRepo(BASE, EDITED_PAST),
      ['--author', 'ana', '--approvals', 'dee', '--json'],
      LATER,
    );
    expect(run.code).toBe(1);
    const doc = run.json();
    expect(doc.ok).toBe(false);
    expect(doc.consent.ok).toBe(true);
    expect(doc.errors).toEqual([
      {
        file: SCHEDULE,
        ...positionOf(EDITED_PAST, 'start: 2027-01-04', 'dee'),
        rule: 'edit-to-past',
        message: 'the shift of 2027-01-04 has ended: history never changes',
      },
    ]);
  });

  it('0 with an edit-in-progress warning, positioned', async () => {
    const head = edit(BASE, 'start: 2027-01-18, primary: eli', 'start: 2027-01-18, primary: ana');
    const run = await trade(
      tradeRepo(BASE, head),
      ['--author', 'ana', '--approvals', 'eli', '--json'],
      LATER,
    );
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([
      expect.objectContaining({
        file: SCHEDULE,
        ...positionOf(head, 'start: 2027-01-18', 'ana'),
        rule: 'edit-in-progress',
      }),
    ]);
  });

  it('1 on an integrity error of the new schedule, positioned in it', async () => {
    const head = edit(BASE, 'start: 2027-02-22, primary: ben', 'start: 2027-02-22, primary: zed');
    const run = await trade(tradeRepo(BASE, head), ['--author', 'ben', '--approvals', 'zed', '--json']);
    expect(run.code).toBe(1);
    expect(run.json().errors).toContainEqual({
      file: SCHEDULE,
      ...positionOf(head, 'start: 2027-02-22', 'zed'),
      rule: 'unknown-person',
      message: 'zed is not in the roster',
    });
  });

  it.each([
    [['--head', 'x.yaml'], /--base FILE is required/],
    [['--base', 'x.yaml'], /--head FILE is required/],
    [[], /--base FILE is required/],
  ])('2 when --base or --head is missing: %j', async (args, message) => {
    const root = makeRepo(smallRepoFiles());
    const run = await runCli(['trade', '--root', root, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['an unknown flag', ['--approver', 'dee']],
    ['a flag without its value', ['--author']],
    ['a positional argument', ['extra']],
    ['--at without an offset', ['--at', '2027-01-05T12:00']],
    ['an unknown rotation', ['--rotation', 'nope']],
  ])('2 on bad usage: %s', async (_name, args) => {
    const run = await trade(tradeRepo(BASE, SWAPPED), args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^oncall trade: /);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('2 when --root does not exist', async () => {
    const run = await runCli(['trade', '--root', '/nonexistent/oncall', '--base', 'a', '--head', 'b']);
    expect(run.code).toBe(2);
  });

  it('--help exits 0 and documents the flags', async () => {
    const run = await runCli(['trade', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--base FILE --head FILE');
    expect(run.stdout).toContain('--approvals');
  });
});

describe('oncall trade: broken base or head files', () => {
  const UNCLOSED = edit(
    BASE,
    '  - { start: 2027-01-25, primary: ben, secondary: cy }',
    '  - { start: 2027-01-25, primary: ben',
  );
  const UNKNOWN_KEY = edit(BASE, 'rotation: ops', 'rotation: ops\nowner: ana');

  it('a YAML error in the head: exit 1, positioned, named as the repository path', async () => {
    const run = await trade(tradeRepo(BASE, UNCLOSED), ['--json']);
    expect(run.code).toBe(1);
    const doc = run.json();
    expect(doc.ok).toBe(false);
    expect(doc.errors.length).toBeGreaterThan(0);
    for (const item of doc.errors) {
      expect(item.file).toBe(SCHEDULE);
      expect(item.line).toBeGreaterThanOrEqual(6);
      expect(item.column).toBeGreaterThanOrEqual(1);
      expect(item.message.startsWith('(base)')).toBe(false);
    }
    // The head is the repository's own file here: its error is said once, not twice.
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: SCHEDULE, line: 7, column: 3, rule: 'yaml-syntax' }),
    ]);
  });

  it('a YAML error in the base: exit 1, the message starts with "(base)"', async () => {
    const run = await trade(tradeRepo(UNCLOSED, BASE), ['--json']);
    expect(run.code).toBe(1);
    const doc = run.json();
    expect(doc.errors.length).toBeGreaterThan(0);
    for (const item of doc.errors) {
      expect(item.file).toBe(SCHEDULE);
      expect(item.message.startsWith('(base) ')).toBe(true);
      expect(item.line).toBeGreaterThanOrEqual(6);
    }
  });

  it('a schema error in the head, at the unknown key', async () => {
    const run = await trade(tradeRepo(BASE, UNKNOWN_KEY), ['--json']);
    expect(run.code).toBe(1);
    expect(run.json().errors).toEqual([
      expect.objectContaining({ file: SCHEDULE, line: 2, column: 1, rule: 'schema' }),
    ]);
  });

  it('a schema error in the base, at the unknown key, marked (base)', async () => {
    const run = await trade(tradeRepo(UNKNOWN_KEY, BASE), ['--json']);
    expect(run.code).toBe(1);
    const [item, ...rest] = run.json().errors;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ file: SCHEDULE, line: 2, column: 1, rule: 'schema' });
    expect(item.message).toMatch(/^\(base\) /);
  });

  it('errors in both: each one reported, the base’s marked', async () => {
    const run = await trade(tradeRepo(UNKNOWN_KEY, UNCLOSED), ['--json']);
    expect(run.code).toBe(1);
    const messages: string[] = run.json().errors.map((item: { message: string }) => item.message);
    expect(messages.some((message) => message.startsWith('(base) '))).toBe(true);
    expect(messages.some((message) => !message.startsWith('(base) '))).toBe(true);
  });

  it('a base file that does not exist: exit 1, said so', async () => {
    const files = tradeRepo(BASE, SWAPPED);
    const run = await trade({ ...files, base: path.join(files.root, 'pr/missing.yaml') }, ['--json']);
    expect(run.code).toBe(1);
    expect(run.json().errors).toEqual([
      expect.objectContaining({
        file: SCHEDULE,
        rule: 'missing-file',
        message: expect.stringMatching(/^\(base\) .*missing/),
      }),
    ]);
  });

  it('without --json: positioned lines on stderr, no stack trace', async () => {
    const run = await trade(tradeRepo(UNKNOWN_KEY, BASE));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${SCHEDULE}:2:1 schema \\(base\\) `, 'm'));
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('the repository’s own schedule.yaml broken while --head is another, valid file', async () => {
    const root = makeRepo({
      ...smallRepoFiles(),
      [SCHEDULE]: UNCLOSED,
      'pr/base.yaml': BASE,
      'pr/head.yaml': SWAPPED,
    });
    const run = await runCli([
      'trade',
      '--root',
      root,
      '--base',
      path.join(root, 'pr/base.yaml'),
      '--head',
      path.join(root, 'pr/head.yaml'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    const doc = run.json();
    // Whatever keeps the rotation from loading is said, with a position: never a bare failure.
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: SCHEDULE, line: 7, column: 3, rule: 'yaml-syntax' }),
    ]);
  });

  /** Schedule fixtures of the bad-input corpus that break the file itself (syntax or schema). */
  const PARSE_RULES = new Set(['yaml-syntax', 'duplicate-key', 'schema']);
  const expected: Record<string, [rule: string, line: number, column: number]> = {
    'schedule-duplicate-key-in-shift.yaml': ['duplicate-key', 5, 39],
    'schedule-empty-shift-entry.yaml': ['schema', 6, 4],
    'schedule-gap-missing-week.yaml': ['shift-gap', 7, 14],
    'schedule-horizon-under-four-weeks.yaml': ['horizon', 6, 14],
    'schedule-impossible-date-feb-30.yaml': ['schema', 11, 14],
    'schedule-list-at-root.yaml': ['schema', 2, 1],
    'schedule-multiple-documents.yaml': ['yaml-syntax', 13, 1],
    'schedule-override-ends-before-start.yaml': ['date-order', 13, 37],
    'schedule-override-hour-25.yaml': ['invalid-date', 13, 13],
    'schedule-override-impossible-offset.yaml': ['invalid-date', 13, 13],
    'schedule-override-not-on-call.yaml': ['override-not-on-call', 13, 66],
    'schedule-override-unquoted-space-datetime.yaml': ['schema', 13, 13],
    'schedule-person-twice-in-shift.yaml': ['duplicate-in-shift', 11, 51],
    'schedule-rotation-wrong-type.yaml': ['schema', 2, 11],
    'schedule-shift-on-a-tuesday.yaml': ['shift-weekday', 11, 14],
    'schedule-shifts-out-of-order.yaml': ['shift-order', 6, 14],
    'schedule-unknown-person.yaml': ['unknown-person', 6, 35],
    'schedule-unknown-slot.yaml': ['unknown-slot', 8, 40],
    'schedule-yaml11-merge-key.yaml': ['schema', 10, 11],
  };
  const scheduleFixtures = readdirSync(CORPUS).filter((name) => name.startsWith('schedule-'));

  it('every broken schedule of the corpus is listed here', () => {
    expect(scheduleFixtures.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(scheduleFixtures)('%s as the head: exit 1 with the same positioned error', async (fixture) => {
    const text = readFileSync(path.join(CORPUS, fixture), 'utf8');
    const run = await trade(tradeRepo(BASE, text), ['--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const [rule, line, column] = expected[fixture] ?? [];
    expect(run.json().errors).toContainEqual(expect.objectContaining({ file: SCHEDULE, rule, line, column }));
  });

  it.each(scheduleFixtures.filter((name) => PARSE_RULES.has(expected[name]?.[0] ?? '')))(
    '%s as the base: exit 1 with the same positioned error, marked (base)',
    async (fixture) => {
      const text = readFileSync(path.join(CORPUS, fixture), 'utf8');
      const run = await trade(tradeRepo(text, BASE), ['--json']);
      expect(run.code).toBe(1);
      const [rule, line, column] = expected[fixture] ?? [];
      expect(run.json().errors).toContainEqual(
        expect.objectContaining({
          file: SCHEDULE,
          rule,
          line,
          column,
          message: expect.stringMatching(/^\(base\) /),
        }),
      );
    },
  );
});

describe('oncall trade: human output', () => {
  it('says the change, the hours, and who must approve', async () => {
    const run = await trade(tradeRepo(BASE, SWAPPED), ['--author', 'ana']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(SWAP_TEXT);
    expect(run.stdout).toContain('ana gains 168 h and loses 168 h on call');
    expect(run.stdout).toContain('consent missing: dee must approve the pull request');
    expect(run.stdout).toMatch(/must approve/);
    expect(run.stdout).toContain('| person | shifts before | shifts after |');
  });

  it('says everyone agreed, and how', async () => {
    const run = await trade(tradeRepo(BASE, SWAPPED), ['--author', 'ana', '--approvals', 'dee']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(SWAP_TEXT);
    expect(run.stdout).toContain('consent: everyone agreed');
    expect(run.stdout).not.toContain('must approve');
  });

  it('prints errors as file:line:column lines', async () => {
    const head = edit(BASE, 'start: 2027-01-04, primary: ana', 'start: 2027-01-04, primary: dee');
    const run = await trade(
      tradeRepo(BASE, head),
      ['--author', 'ana', '--approvals', 'dee'],
      '2027-01-20T12:00:00-05:00',
    );
    expect(run.code).toBe(1);
    const { line, column } = positionOf(head, 'start: 2027-01-04', 'dee');
    expect(run.stdout).toContain(
      `${SCHEDULE}:${line}:${column} edit-to-past the shift of 2027-01-04 has ended`,
    );
  });

  it('publishing: who is newly scheduled, no approval asked', async () => {
    const head = `${BASE}  - { start: 2027-03-01, primary: cy, secondary: fay }\n`;
    const run = await trade(tradeRepo(BASE, head));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2027-03-01 published: cy, fay');
    expect(run.stdout).toContain('newly scheduled (no consent needed): cy, fay');
    expect(run.stdout).not.toContain('must approve');
  });
});
