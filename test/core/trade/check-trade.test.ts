/**
 * The trade check (checkTrade) on real repositories loaded from disk: what a change to
 * schedule.yaml says in people's words, who is affected and whether they all agreed (author,
 * approvals, an admin for someone away or gone), edits to history, only the fairness warnings the
 * change adds, hours gained and lost (daylight saving included), and the pull-request Markdown.
 *
 * The small repository (test/helpers/repo.ts): rotation "ops", New York, weekly from Monday
 * 2027-01-04 11:00, 8 shifts; "now" is 2027-01-05 12:00 New York unless a case says otherwise.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../../src/core/model/repository.js';
import type { OverrideEntry, ScheduleFile } from '../../../src/core/model/schemas.js';
import { validateRepository } from '../../../src/core/rules/validate-repository.js';
import { checkTrade, type TradeCheck } from '../../../src/core/trade/check-trade.js';
import { loadRepository } from '../../../src/io/load-repository.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

const PEOPLE = 'rotations/people.yaml';
const ROTATION = 'rotations/ops/rotation.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';
const NOW = DateTime.fromISO('2027-01-05T12:00:00-05:00', { setZone: true });
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

type Row = readonly [start: string, primary: string, secondary: string];

/** The small repository's schedule.yaml, row by row. */
const ROWS: readonly Row[] = [
  ['2027-01-04', 'ana', 'ben'],
  ['2027-01-11', 'cy', 'dee'],
  ['2027-01-18', 'eli', 'fay'],
  ['2027-01-25', 'ben', 'cy'],
  ['2027-02-01', 'dee', 'eli'],
  ['2027-02-08', 'fay', 'ana'],
  ['2027-02-15', 'ana', 'cy'],
  ['2027-02-22', 'ben', 'dee'],
];

const DINNER: OverrideEntry = {
  from: '2027-01-13T18:00',
  to: '2027-01-14T09:00',
  replace: 'dee',
  with: 'eli',
  reason: 'dinner',
};

function schedule(rows: readonly Row[], overrides?: OverrideEntry[]): ScheduleFile {
  return {
    rotation: 'ops',
    shifts: rows.map(([start, primary, secondary]) => ({ start, primary, secondary })),
    ...(overrides ? { overrides } : {}),
  };
}

/** `rows` with one slot of one shift given to someone else. */
function withSlot(rows: readonly Row[], index: number, slot: 'primary' | 'secondary', login: string): Row[] {
  return rows.map((row, position) => {
    if (position !== index) return row;
    const [start, primary, secondary] = row;
    return slot === 'primary' ? [start, login, secondary] : [start, primary, login];
  });
}

function scheduleYaml(file: ScheduleFile): string {
  const lines = [`rotation: ${file.rotation}`, 'shifts:'];
  for (const shift of file.shifts) {
    const entries = Object.entries(shift).map(([key, value]) => `${key}: ${value}`);
    lines.push(`  - { ${entries.join(', ')} }`);
  }
  if (file.overrides) {
    lines.push(file.overrides.length === 0 ? 'overrides: []' : 'overrides:');
    for (const entry of file.overrides) {
      const reason = entry.reason ? `, reason: ${entry.reason}` : '';
      lines.push(
        `  - { from: "${entry.from}", to: "${entry.to}", replace: ${entry.replace}, with: ${entry.with}${reason} }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

interface RepoChanges {
  /** Lines added to rotation.yaml. */
  rotation?: string;
  /** Replaces `start: 2027-01-04` in rotation.yaml. */
  start?: string;
  /** people.yaml entries added to the roster. */
  people?: string;
  /** A text replacement in people.yaml: [from, to]. */
  peopleEdit?: [string, string];
}

async function repository(head: ScheduleFile, changes: RepoChanges = {}): Promise<Repository> {
  const files = smallRepoFiles();
  let rotation = files[ROTATION] as string;
  if (changes.start) rotation = rotation.replace('start: 2027-01-04', `start: ${changes.start}`);
  if (changes.rotation) rotation += changes.rotation;
  let people = files[PEOPLE] as string;
  if (changes.peopleEdit) {
    expect(people).toContain(changes.peopleEdit[0]);
    people = people.replace(changes.peopleEdit[0], changes.peopleEdit[1]);
  }
  if (changes.people) people += changes.people;
  const root = makeRepo({ ...files, [ROTATION]: rotation, [PEOPLE]: people, [SCHEDULE]: scheduleYaml(head) });
  const loaded = await loadRepository(root);
  expect(loaded.diagnostics).toEqual([]);
  if (!loaded.repository) throw new Error('the test repository did not load');
  return loaded.repository;
}

interface TradeCase {
  base?: ScheduleFile;
  head: ScheduleFile;
  author?: string;
  approvals?: string[];
  now?: DateTime;
  repo?: RepoChanges;
}

async function trade({
  base = schedule(ROWS),
  head,
  author,
  approvals = [],
  now = NOW,
  repo,
}: TradeCase): Promise<TradeCheck> {
  return checkTrade({
    repository: await repository(head, repo),
    rotation: 'ops',
    base,
    head,
    author,
    approvals,
    now,
  });
}

const sorted = (logins: readonly string[]) => [...logins].sort();
const timeOf = (check: TradeCheck) =>
  Object.fromEntries(check.time.map(({ github, gained, lost }) => [github, { gained, lost }]));

/** ana and dee swap: dee's 2027-01-11 (secondary) for ana's 2027-02-15 (primary). */
const SWAP_ANA_DEE = schedule(withSlot(withSlot(ROWS, 1, 'secondary', 'ana'), 6, 'primary', 'dee'));
const SWAP_TEXT = 'ana takes 2027-01-11 from dee; dee takes 2027-02-15 from ana';
/** fay takes ben's primary slot of 2027-01-25; nobody takes anything back. */
const FAY_TAKES = schedule(withSlot(ROWS, 3, 'primary', 'fay'));

describe('checkTrade: the change in people’s words, who is affected, hours and consent', () => {
  interface Expected {
    changes: { kind: string; text: string }[];
    affected: string[];
    missing: string[];
    time: Record<string, { gained: number; lost: number }>;
    mentions?: string[];
  }
  const cases: (TradeCase & { name: string; expected: Expected })[] = [
    {
      name: 'a swap of two shifts, the author is one side',
      head: SWAP_ANA_DEE,
      author: 'ana',
      expected: {
        changes: [{ kind: 'swap', text: SWAP_TEXT }],
        affected: ['ana', 'dee'],
        missing: ['dee'],
        time: { ana: { gained: 168, lost: 168 }, dee: { gained: 168, lost: 168 } },
      },
    },
    {
      name: 'the same swap, approved by the other side',
      head: SWAP_ANA_DEE,
      author: 'ana',
      approvals: ['dee'],
      expected: {
        changes: [{ kind: 'swap', text: SWAP_TEXT }],
        affected: ['ana', 'dee'],
        missing: [],
        time: { ana: { gained: 168, lost: 168 }, dee: { gained: 168, lost: 168 } },
      },
    },
    {
      name: 'the same swap, opened by a third person who is not asked',
      head: SWAP_ANA_DEE,
      author: 'cy',
      approvals: ['ana'],
      expected: {
        changes: [{ kind: 'swap', text: SWAP_TEXT }],
        affected: ['ana', 'dee'],
        missing: ['dee'],
        time: { ana: { gained: 168, lost: 168 }, dee: { gained: 168, lost: 168 } },
      },
    },
    {
      name: 'a one-way take',
      head: FAY_TAKES,
      author: 'fay',
      expected: {
        changes: [{ kind: 'take', text: 'fay takes 2027-01-25 (primary) from ben' }],
        affected: ['ben', 'fay'],
        missing: ['ben'],
        time: { fay: { gained: 168, lost: 0 }, ben: { gained: 0, lost: 168 } },
      },
    },
    {
      name: 'a cover added (an override)',
      head: schedule(ROWS, [DINNER]),
      author: 'dee',
      expected: {
        changes: [
          { kind: 'cover-added', text: 'eli covers dee from 2027-01-13 18:00 to 2027-01-14 09:00 (dinner)' },
        ],
        affected: ['dee', 'eli'],
        missing: ['eli'],
        time: { eli: { gained: 15, lost: 0 }, dee: { gained: 0, lost: 15 } },
      },
    },
    {
      name: 'a cover added without a reason',
      head: schedule(ROWS, [{ ...DINNER, reason: undefined }]),
      author: 'dee',
      approvals: ['eli'],
      expected: {
        changes: [{ kind: 'cover-added', text: 'eli covers dee from 2027-01-13 18:00 to 2027-01-14 09:00' }],
        affected: ['dee', 'eli'],
        missing: [],
        time: { eli: { gained: 15, lost: 0 }, dee: { gained: 0, lost: 15 } },
      },
    },
    {
      name: 'a cover removed',
      base: schedule(ROWS, [DINNER]),
      head: schedule(ROWS, []),
      author: 'eli',
      expected: {
        changes: [
          {
            kind: 'cover-removed',
            text: 'eli no longer covers dee from 2027-01-13 18:00 to 2027-01-14 09:00',
          },
        ],
        affected: ['dee', 'eli'],
        missing: ['dee'],
        time: { eli: { gained: 0, lost: 15 }, dee: { gained: 15, lost: 0 } },
      },
    },
    {
      name: 'a cover whose reason alone changed is no change',
      base: schedule(ROWS, [DINNER]),
      head: schedule(ROWS, [{ ...DINNER, reason: 'birthday' }]),
      expected: { changes: [], affected: [], missing: [], time: {} },
    },
    {
      name: 'shifts appended: published, no consent needed, the people mentioned',
      head: schedule([...ROWS, ['2027-03-01', 'cy', 'fay']]),
      expected: {
        changes: [{ kind: 'published', text: '2027-03-01 published: cy, fay' }],
        affected: [],
        missing: [],
        time: {},
        mentions: ['cy', 'fay'],
      },
    },
    {
      name: 'the last shift removed',
      head: schedule(ROWS.slice(0, -1)),
      author: 'ben',
      expected: {
        changes: [{ kind: 'unpublished', text: 'the shift 2027-02-22 (ben, dee) is removed' }],
        affected: ['ben', 'dee'],
        missing: ['dee'],
        time: { ben: { gained: 0, lost: 168 }, dee: { gained: 0, lost: 168 } },
      },
    },
    {
      name: 'a shift inserted into a gap of the base',
      base: schedule(ROWS.filter(([start]) => start !== '2027-02-01')),
      head: schedule(ROWS),
      author: 'dee',
      approvals: ['eli'],
      expected: {
        changes: [{ kind: 'inserted', text: 'a shift 2027-02-01 is inserted: dee, eli' }],
        affected: ['dee', 'eli'],
        missing: [],
        time: { dee: { gained: 168, lost: 0 }, eli: { gained: 168, lost: 0 } },
      },
    },
    {
      name: 'primary and secondary swapped within one shift',
      head: schedule([ROWS[0] as Row, ['2027-01-11', 'dee', 'cy'], ...ROWS.slice(2)]),
      author: 'cy',
      expected: {
        changes: [{ kind: 'swap', text: 'dee takes 2027-01-11 from cy; cy takes 2027-01-11 from dee' }],
        affected: ['cy', 'dee'],
        missing: ['dee'],
        time: { cy: { gained: 168, lost: 168 }, dee: { gained: 168, lost: 168 } },
      },
    },
    {
      name: 'no change at all',
      head: schedule(ROWS),
      author: 'ana',
      expected: { changes: [], affected: [], missing: [], time: {} },
    },
  ];

  it.each(cases)('$name', async ({ name: _name, expected, ...input }) => {
    const check = await trade(input);
    expect(check.changes.map(({ kind, text }) => ({ kind, text }))).toEqual(expected.changes);
    expect(sorted(check.affected)).toEqual(sorted(expected.affected));
    expect(check.consent.missing).toEqual(expected.missing);
    expect(check.consent.ok).toBe(expected.missing.length === 0);
    expect(timeOf(check)).toEqual(expected.time);
    expect(check.mentions).toEqual(expected.mentions ?? []);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    // Everyone affected either agreed or is missing, never both, never neither.
    const given = check.consent.given.map((entry) => entry.github);
    expect(sorted([...given, ...check.consent.missing])).toEqual(sorted(check.affected));
  });

  it('the author’s consent is recorded as "author", an approval as "approval"', async () => {
    const check = await trade({ head: SWAP_ANA_DEE, author: 'ana', approvals: ['dee'] });
    expect(sorted(check.consent.given.map((entry) => `${entry.github}:${entry.by}`))).toEqual([
      'ana:author',
      'dee:approval',
    ]);
  });

  it('a swap carries both raw slot changes; a take carries one', async () => {
    const swap = await trade({ head: SWAP_ANA_DEE });
    expect(swap.changes[0]?.parts.map((part) => part.kind)).toEqual(['slot', 'slot']);
    const take = await trade({ head: FAY_TAKES });
    expect(take.changes[0]?.parts).toHaveLength(1);
  });

  it('a swap and an unrelated take in one pull request are two sentences', async () => {
    const head = schedule(
      withSlot(withSlot(withSlot(ROWS, 1, 'secondary', 'ana'), 6, 'primary', 'dee'), 3, 'primary', 'fay'),
    );
    const check = await trade({ head, author: 'ana', approvals: ['dee', 'ben', 'fay'] });
    expect(check.changes.map((change) => change.text)).toEqual([
      SWAP_TEXT,
      'fay takes 2027-01-25 (primary) from ben',
    ]);
    expect(sorted(check.affected)).toEqual(['ana', 'ben', 'dee', 'fay']);
    expect(check.consent.ok).toBe(true);
  });

  it('publishing and a take together: only the take needs consent', async () => {
    const head = schedule([...withSlot(ROWS, 3, 'primary', 'fay'), ['2027-03-01', 'cy', 'dee']]);
    const check = await trade({ head, author: 'fay' });
    expect(check.changes.map((change) => change.kind)).toEqual(['take', 'published']);
    expect(check.consent.missing).toEqual(['ben']);
    expect(check.mentions).toEqual(['cy', 'dee']);
  });
});

describe('checkTrade: history never changes', () => {
  const AFTER_TWO_WEEKS = at('2027-01-20T12:00:00-05:00'); // shifts 0 and 1 ended, shift 2 in progress

  it('an edit to a shift that ended is an edit-to-past error at the slot', async () => {
    const check = await trade({ head: schedule(withSlot(ROWS, 0, 'primary', 'dee')), now: AFTER_TWO_WEEKS });
    expect(check.errors.map(({ rule, severity, at: where }) => ({ rule, severity, at: where }))).toEqual([
      { rule: 'edit-to-past', severity: 'error', at: { file: SCHEDULE, path: ['shifts', 0, 'primary'] } },
    ]);
    expect(check.errors[0]?.message).toContain('2027-01-04');
    expect(check.warnings).toEqual([]);
  });

  it('a swap of an ended shift with a future one is an error for the ended side only', async () => {
    const head = schedule(withSlot(withSlot(ROWS, 1, 'secondary', 'ana'), 6, 'primary', 'dee'));
    const check = await trade({ head, now: AFTER_TWO_WEEKS, author: 'ana', approvals: ['dee'] });
    expect(check.errors.map((finding) => [finding.rule, finding.at.path])).toEqual([
      ['edit-to-past', ['shifts', 1, 'secondary']],
    ]);
    expect(check.consent.ok).toBe(true);
  });

  it('a change to a shift in progress is an edit-in-progress warning, not an error', async () => {
    const check = await trade({
      head: schedule(withSlot(ROWS, 2, 'primary', 'ana')),
      now: AFTER_TWO_WEEKS,
      author: 'ana',
      approvals: ['eli'],
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map(({ rule, severity, at: where }) => ({ rule, severity, at: where }))).toEqual([
      {
        rule: 'edit-in-progress',
        severity: 'warning',
        at: { file: SCHEDULE, path: ['shifts', 2, 'primary'] },
      },
    ]);
  });

  it('at the handoff instant the old shift has ended and the new one has not started', async () => {
    const handoff = at('2027-01-11T11:00:00-05:00');
    const ended = await trade({ head: schedule(withSlot(ROWS, 0, 'primary', 'dee')), now: handoff });
    expect(ended.errors.map((finding) => finding.rule)).toEqual(['edit-to-past']);
    const starting = await trade({ head: schedule(withSlot(ROWS, 1, 'primary', 'ana')), now: handoff });
    expect(starting.errors).toEqual([]);
    expect(starting.warnings).toEqual([]);
    const justBefore = await trade({
      head: schedule(withSlot(ROWS, 0, 'primary', 'dee')),
      now: handoff.minus({ minutes: 1 }),
    });
    expect(justBefore.errors).toEqual([]);
    expect(justBefore.warnings.map((finding) => finding.rule)).toEqual(['edit-in-progress']);
  });

  it('a cover that ended may be neither added nor removed', async () => {
    const added = await trade({ head: schedule(ROWS, [DINNER]), now: AFTER_TWO_WEEKS });
    expect(added.errors.map((finding) => [finding.rule, finding.at.path])).toEqual([
      ['edit-to-past', ['overrides', 0, 'from']],
    ]);
    const removed = await trade({
      base: schedule(ROWS, [DINNER]),
      head: schedule(ROWS, []),
      now: AFTER_TWO_WEEKS,
    });
    expect(removed.errors.map((finding) => finding.rule)).toEqual(['edit-to-past']);
    expect(removed.errors[0]?.at.file).toBe(SCHEDULE);
    expect(removed.errors[0]?.message).toContain('the cover of dee by eli');
  });

  it('a cover in progress is a warning', async () => {
    const check = await trade({ head: schedule(ROWS, [DINNER]), now: at('2027-01-13T20:00:00-05:00') });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((finding) => [finding.rule, finding.at.path])).toEqual([
      ['edit-in-progress', ['overrides', 0, 'from']],
    ]);
  });

  it('publishing after history ended is not an edit of history', async () => {
    const late = at('2027-02-03T12:00:00-05:00');
    const check = await trade({ head: schedule([...ROWS, ['2027-03-01', 'cy', 'fay']]), now: late });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
  });
});

describe('checkTrade: an admin stands in for someone who cannot approve', () => {
  /** fay is an admin; dee is away 2027-01-04..08, so away at NOW (2027-01-05) but back for 2027-01-11. */
  const ADMIN_AND_AWAY: RepoChanges = {
    rotation: 'admins: [fay]\n',
    peopleEdit: [
      '  - { github: dee, name: Dee, team: red, timezone: America/New_York }',
      '  - { github: dee, name: Dee, team: red, timezone: America/New_York, away: [{ from: 2027-01-04, to: 2027-01-08 }] }',
    ],
  };

  it('covers someone away now', async () => {
    const check = await trade({
      head: SWAP_ANA_DEE,
      author: 'ana',
      approvals: ['fay'],
      repo: ADMIN_AND_AWAY,
    });
    expect(check.consent).toEqual({
      ok: true,
      missing: [],
      given: [
        { github: 'dee', by: 'admin', admin: 'fay' },
        { github: 'ana', by: 'author' },
      ],
    });
  });

  it('does not cover someone present', async () => {
    const check = await trade({ head: FAY_TAKES, author: 'ana', approvals: ['fay'], repo: ADMIN_AND_AWAY });
    expect(check.consent.ok).toBe(false);
    expect(check.consent.missing).toEqual(['ben']);
    // fay's own approval is her consent as the taker.
    expect(check.consent.given).toEqual([{ github: 'fay', by: 'approval' }]);
  });

  it('does not cover someone whose time away is over or not yet begun', async () => {
    const back = await trade({
      head: SWAP_ANA_DEE,
      author: 'ana',
      approvals: ['fay'],
      repo: ADMIN_AND_AWAY,
      now: at('2027-01-09T00:00:00-05:00'), // dee's last away day was 2027-01-08
    });
    expect(back.consent.missing).toEqual(['dee']);
    const before = await trade({
      head: SWAP_ANA_DEE,
      author: 'ana',
      approvals: ['fay'],
      repo: ADMIN_AND_AWAY,
      now: at('2027-01-03T23:59:00-05:00'),
    });
    expect(before.consent.missing).toEqual(['dee']);
  });

  it('an approval from someone who is not an admin does not stand in', async () => {
    const check = await trade({ head: SWAP_ANA_DEE, author: 'ana', approvals: ['cy'], repo: ADMIN_AND_AWAY });
    expect(check.consent.missing).toEqual(['dee']);
  });

  it('without an admin approval someone away is still missing', async () => {
    const check = await trade({ head: SWAP_ANA_DEE, author: 'ana', repo: ADMIN_AND_AWAY });
    expect(check.consent.missing).toEqual(['dee']);
  });

  it('the admin as author does not stand in: only an approval does', async () => {
    const check = await trade({
      head: SWAP_ANA_DEE,
      author: 'fay',
      approvals: ['ana'],
      repo: ADMIN_AND_AWAY,
    });
    expect(check.consent.missing).toEqual(['dee']);
  });

  it('covers someone who has left, and someone no longer in the roster', async () => {
    const repo: RepoChanges = {
      rotation: 'admins: [fay]\n',
      people: '  - { github: gus, name: Gus, team: red, timezone: America/New_York, left: 2026-12-31 }\n',
    };
    const base = schedule(withSlot(withSlot(ROWS, 7, 'primary', 'gus'), 6, 'secondary', 'zed'));
    const check = await trade({ base, head: schedule(ROWS), author: 'ben', approvals: ['cy', 'fay'], repo });
    expect(check.changes.map((change) => change.text)).toEqual([
      'cy takes 2027-02-15 (secondary) from zed',
      'ben takes 2027-02-22 (primary) from gus',
    ]);
    expect(check.consent.ok).toBe(true);
    expect(check.consent.given).toContainEqual({ github: 'gus', by: 'admin', admin: 'fay' });
    expect(check.consent.given).toContainEqual({ github: 'zed', by: 'admin', admin: 'fay' });
    const withoutAdmin = await trade({ base, head: schedule(ROWS), author: 'ben', approvals: ['cy'], repo });
    expect(sorted(withoutAdmin.consent.missing)).toEqual(['gus', 'zed']);
  });
});

describe('checkTrade: logins are compared without regard to case', () => {
  it('author and approvals in other cases count', async () => {
    const check = await trade({ head: SWAP_ANA_DEE, author: 'ANA', approvals: ['Dee'] });
    expect(check.consent.ok).toBe(true);
    expect(check.consent.missing).toEqual([]);
  });

  it('rewriting a login in another case is no change', async () => {
    const head = schedule(withSlot(withSlot(ROWS, 3, 'primary', 'BEN'), 6, 'secondary', 'Cy'));
    const check = await trade({ head });
    expect(check.changes).toEqual([]);
    expect(check.affected).toEqual([]);
    expect(check.consent.ok).toBe(true);
  });

  it('a swap written in mixed case still pairs and names each person once', async () => {
    const head = schedule(withSlot(withSlot(ROWS, 1, 'secondary', 'Ana'), 6, 'primary', 'DEE'));
    const check = await trade({ head, author: 'ana', approvals: ['dee'] });
    expect(check.changes.map((change) => change.kind)).toEqual(['swap']);
    expect(check.changes[0]?.text).toBe('Ana takes 2027-01-11 from dee; DEE takes 2027-02-15 from ana');
    expect(check.affected.map((login) => login.toLowerCase()).sort()).toEqual(['ana', 'dee']);
    expect(check.time).toHaveLength(2);
    expect(check.consent.ok).toBe(true);
  });

  it('a cover that differs only in case is the same cover', async () => {
    const base = schedule(ROWS, [DINNER]);
    const head = schedule(ROWS, [{ ...DINNER, replace: 'DEE', with: 'Eli' }]);
    const check = await trade({ base, head });
    expect(check.changes).toEqual([]);
  });
});

describe('checkTrade: fairness', () => {
  /** min_gap_shifts 1: ana already holds 2027-02-08 and 2027-02-15 back to back in the base. */
  const GAP: RepoChanges = { rotation: 'rules: { min_gap_shifts: 1 }\n' };

  it('the base already has a warning (the premise of the next test)', async () => {
    const loaded = await repository(schedule(ROWS), GAP);
    const warnings = validateRepository(loaded, NOW).filter((finding) => finding.severity === 'warning');
    expect(warnings.map((finding) => [finding.rule, finding.at.path])).toEqual([
      ['min_gap_shifts', ['shifts', 6, 'primary']],
    ]);
  });

  it('reports the warning the change adds and not the one that was there', async () => {
    const check = await trade({ head: FAY_TAKES, author: 'fay', approvals: ['ben'], repo: GAP });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toMatchObject({
      rule: 'min_gap_shifts',
      severity: 'warning',
      at: { file: SCHEDULE, path: ['shifts', 3, 'primary'] },
    });
    expect(check.warnings[0]?.message).toMatch(/^fay is on call again 1 shift\(s\) after 2027-01-18/);
  });

  it('a change that adds no warning reports none, even with old ones around', async () => {
    // cy and fay swap 2027-02-08 and 2027-02-15; ana's back-to-back weeks stay as they were.
    const head = schedule(withSlot(withSlot(ROWS, 5, 'primary', 'cy'), 6, 'secondary', 'fay'));
    const check = await trade({ head, author: 'cy', approvals: ['fay'], repo: GAP });
    expect(check.changes.map((change) => change.text)).toEqual([
      'cy takes 2027-02-08 from fay; fay takes 2027-02-15 from cy',
    ]);
    expect(check.warnings).toEqual([]);
  });

  it('enforce: error turns the new finding into an error', async () => {
    const repo: RepoChanges = { rotation: 'rules: { min_gap_shifts: { value: 1, enforce: error } }\n' };
    const check = await trade({ head: FAY_TAKES, author: 'fay', approvals: ['ben'], repo });
    expect(check.errors.map((finding) => [finding.rule, finding.at.path])).toContainEqual([
      'min_gap_shifts',
      ['shifts', 3, 'primary'],
    ]);
  });

  it('the fairness table shows shifts ahead before and after for the people concerned', async () => {
    const check = await trade({ head: FAY_TAKES, author: 'fay' });
    const rows = Object.fromEntries(check.fairness.map((row) => [row.github, row]));
    expect(Object.keys(rows).sort()).toEqual(['ben', 'fay']);
    expect(rows.ben?.before.shifts).toBe(3);
    expect(rows.ben?.after.shifts).toBe(2);
    expect(rows.fay?.before.shifts).toBe(2);
    expect(rows.fay?.after.shifts).toBe(3);
    expect(rows.fay?.after.prorated).toBeGreaterThan(rows.fay?.before.prorated ?? Number.POSITIVE_INFINITY);
    expect(rows.ben?.after.prorated).toBeLessThan(rows.ben?.before.prorated ?? Number.NEGATIVE_INFINITY);
  });

  it('the fairness table includes the people of newly published shifts', async () => {
    const check = await trade({ head: schedule([...ROWS, ['2027-03-01', 'cy', 'fay']]) });
    const rows = Object.fromEntries(check.fairness.map((row) => [row.github, row]));
    expect(Object.keys(rows).sort()).toEqual(['cy', 'fay']);
    expect(rows.cy?.after.shifts).toBe((rows.cy?.before.shifts ?? 0) + 1);
    expect(rows.fay?.after.shifts).toBe((rows.fay?.before.shifts ?? 0) + 1);
  });
});

describe('checkTrade: hours gained and lost', () => {
  /** The schedule carried on to 2027-03-15; US daylight saving starts Sunday 2027-03-14. */
  const SPRING: readonly Row[] = [
    ...ROWS,
    ['2027-03-01', 'cy', 'fay'],
    ['2027-03-08', 'dee', 'eli'],
    ['2027-03-15', 'ana', 'ben'],
  ];

  it('a 7-day shift is 168 hours', async () => {
    const check = await trade({ head: FAY_TAKES });
    expect(timeOf(check)).toEqual({ fay: { gained: 168, lost: 0 }, ben: { gained: 0, lost: 168 } });
  });

  it('the week daylight saving starts is 167 hours', async () => {
    const check = await trade({
      base: schedule(SPRING),
      head: schedule(withSlot(SPRING, 9, 'primary', 'fay')),
    });
    expect(check.changes.map((change) => change.text)).toEqual(['fay takes 2027-03-08 (primary) from dee']);
    expect(timeOf(check)).toEqual({ fay: { gained: 167, lost: 0 }, dee: { gained: 0, lost: 167 } });
  });

  it('a night cover across the spring-forward change is an hour short', async () => {
    const cover: OverrideEntry = {
      from: '2027-03-13T22:00',
      to: '2027-03-14T04:00',
      replace: 'dee',
      with: 'ana',
    };
    const check = await trade({ base: schedule(SPRING), head: schedule(SPRING, [cover]) });
    expect(timeOf(check)).toEqual({ ana: { gained: 5, lost: 0 }, dee: { gained: 0, lost: 5 } });
  });

  it('the week daylight saving ends is 169 hours', async () => {
    // US daylight saving ends Sunday 2027-11-07.
    const FALL: Row[] = [
      ['2027-10-25', 'ana', 'ben'],
      ['2027-11-01', 'cy', 'dee'],
      ['2027-11-08', 'eli', 'fay'],
      ['2027-11-15', 'ben', 'cy'],
      ['2027-11-22', 'dee', 'ana'],
    ];
    const check = await trade({
      base: schedule(FALL),
      head: schedule(withSlot(withSlot(FALL, 1, 'primary', 'fay'), 2, 'secondary', 'cy')),
      repo: { start: '2027-10-25' },
      now: at('2027-10-26T12:00:00-04:00'),
    });
    expect(check.changes.map((change) => change.text)).toEqual([
      'fay takes 2027-11-01 from cy; cy takes 2027-11-08 from fay',
    ]);
    expect(timeOf(check)).toEqual({ fay: { gained: 169, lost: 168 }, cy: { gained: 168, lost: 169 } });
  });
});
