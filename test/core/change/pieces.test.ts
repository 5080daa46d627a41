/** The change check's pieces: CODEOWNERS as GitHub reads it, the /approve-change command, hours moved. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { agreedBy, approveCommandSha, commandApprovals } from '../../../src/core/change/agreement.js';
import { ownersOf, parseCodeOwners } from '../../../src/core/change/codeowners.js';
import { isMachinery } from '../../../src/core/change/machinery.js';
import { compareTimeOnCall } from '../../../src/core/change/time-on-call.js';
import type { RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';

describe('CODEOWNERS', () => {
  const lines = parseCodeOwners(`# comment
*                          @acme/everyone
/.github/                  @acme/oncall-admins   # machinery
docs/*                     @docs
/rotations/*/rotation.yaml @fay
apps/                      @apps
/build/logs                @ops
/rotations/ops/rotation.yaml
`);
  it.each([
    ['.github/workflows/validate-pr.yml', ['@acme/oncall-admins']],
    ['README.md', ['@acme/everyone']],
    ['docs/a.md', ['@docs']],
    ['docs/sub/a.md', ['@acme/everyone']],
    ['rotations/night/rotation.yaml', ['@fay']],
    ['rotations/night/schedule.yaml', ['@acme/everyone']],
    ['rotations/ops/rotation.yaml', []],
    ['src/apps/x.ts', ['@apps']],
    ['build/logs/today.txt', ['@ops']],
    ['x/build/logs/today.txt', ['@acme/everyone']],
  ])('%s is owned by %j (the last matching line wins)', (file, owners) => {
    expect(ownersOf(lines, file)).toEqual(owners);
  });

  it('no line matches: no owners at all', () => {
    expect(ownersOf(parseCodeOwners('/docs/ @docs\n'), 'src/a.ts')).toBeUndefined();
  });
});

describe('the machinery', () => {
  it.each([
    ['.github/workflows/x.yml', true],
    ['actions/validate-pr/action.yml', true],
    ['dist/actions/validate-pr.js', true],
    ['package.json', true],
    ['package-lock.json', true],
    ['CODEOWNERS', true],
    ['docs/CODEOWNERS', true],
    ['docs/trades.md', false],
    ['rotations/ops/schedule.yaml', false],
    ['src/package.json.md', false],
  ])('%s: %s', (file, machinery) => {
    expect(isMachinery(file)).toBe(machinery);
  });
});

describe('/approve-change', () => {
  const sha = 'ab'.repeat(20);
  it.each([
    [`/approve-change ${sha}`, sha],
    [`/approve-change ${sha.toUpperCase()}\nthanks`, sha],
    [`  /approve-change ${sha}`, undefined],
    [`please /approve-change ${sha}`, undefined],
    [`/approve-change ${sha.slice(0, 7)}`, undefined],
    [`/approve-change ${sha} and more`, undefined],
    ['/approve-change', undefined],
  ])('%j names %s', (body, expected) => {
    expect(approveCommandSha(body)).toBe(expected);
  });

  it('counts only for the head commit, and never once edited', () => {
    const approvals = commandApprovals(
      [
        { login: 'ana', body: `/approve-change ${sha}`, edited: false },
        { login: 'ben', body: `/approve-change ${sha}`, edited: true },
        { login: 'cy', body: `/approve-change ${'0'.repeat(40)}`, edited: false },
      ],
      sha,
    );
    const agreement = { author: 'dee', committers: ['dee', 'eli'], approvals };
    expect(agreedBy(agreement, 'ANA')).toBe('command');
    expect(agreedBy(agreement, 'ben')).toBeUndefined();
    expect(agreedBy(agreement, 'cy')).toBeUndefined();
    // dee authored, but eli committed too: authorship does not count.
    expect(agreedBy(agreement, 'dee')).toBeUndefined();
    expect(agreedBy({ ...agreement, committers: ['dee', 'web-flow'] }, 'dee')).toBe('author');
  });
});

describe('time on call, each side read with its own rotation.yaml', () => {
  const rotation = {
    name: 'ops',
    members: { teams: ['red'] },
    slots: ['primary', 'secondary'],
    timezone: 'America/New_York',
    shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
    start: '2027-03-01',
    publish_weeks_ahead: 5,
  } as RotationFile;
  const schedule = {
    rotation: 'ops',
    shifts: [
      { start: '2027-03-01', primary: 'ana', secondary: 'ben' },
      { start: '2027-03-08', primary: 'cy', secondary: 'dee' },
      { start: '2027-03-15', primary: 'ana', secondary: 'cy' },
    ],
  } as ScheduleFile;
  const now = DateTime.fromISO('2027-03-02T00:00', { zone: 'America/New_York' });

  it('a handoff two hours earlier moves two hours at each future handoff, across the DST change of 2027-03-14', () => {
    const earlier = {
      ...rotation,
      shift: { ...rotation.shift, handoff: { weekday: 'monday', time: '09:00' } },
    } as RotationFile;
    const { moved, published } = compareTimeOnCall(
      { rotation, schedule },
      { rotation: earlier, schedule },
      now,
    );
    const byLogin = Object.fromEntries(
      moved.map((entry) => [entry.github, { gained: entry.gained, lost: entry.lost }]),
    );
    // Each handoff comes two hours earlier: the outgoing pair loses two hours, the incoming gains
    // them. The last shift now ends at 09:00 on 03-22, two hours before the base's horizon: those
    // two hours are lost by ana and cy and left to nobody, and nothing is newly published.
    expect(byLogin).toEqual({
      ana: { gained: 2, lost: 4 },
      ben: { gained: 0, lost: 2 },
      cy: { gained: 2, lost: 2 },
      dee: { gained: 2, lost: 2 },
    });
    expect(published).toEqual([]);
    const dee = moved.find((entry) => entry.github === 'dee');
    expect(dee?.gains[0]?.from.toISO()).toBe('2027-03-08T09:00:00.000-05:00');
    expect(dee?.losses[0]?.from.toISO()).toBe('2027-03-15T09:00:00.000-04:00');
  });

  it('a renamed slot with the same people moves nobody', () => {
    const renamed = { ...rotation, slots: ['lead', 'secondary'] } as RotationFile;
    const headSchedule = {
      ...schedule,
      shifts: schedule.shifts.map(({ primary, ...rest }) => ({ ...rest, lead: primary })),
    } as ScheduleFile;
    expect(
      compareTimeOnCall({ rotation, schedule }, { rotation: renamed, schedule: headSchedule }, now).moved,
    ).toEqual([]);
  });

  it('a renamed slot left out of the schedule drops its people', () => {
    const renamed = { ...rotation, slots: ['lead', 'secondary'] } as RotationFile;
    const moved = compareTimeOnCall({ rotation, schedule }, { rotation: renamed, schedule }, now).moved;
    // ana: 03-02 00:00 to 03-08 11:00 (155 h) and 03-15 to 03-22 (168 h); cy: 03-08 to 03-15, 167 h
    // as the clocks go forward on 03-14.
    expect(moved.map((entry) => [entry.github, entry.lost])).toEqual([
      ['ana', 323],
      ['cy', 167],
    ]);
  });

  it('a removed rotation: everyone loses their future time; a new one: everyone is newly published', () => {
    expect(
      compareTimeOnCall({ rotation, schedule }, undefined, now).moved.map((entry) => entry.github),
    ).toEqual(['ana', 'ben', 'cy', 'dee']);
    const added = compareTimeOnCall(undefined, { rotation, schedule }, now);
    expect(added.moved).toEqual([]);
    expect(added.published).toEqual(['ana', 'ben', 'cy', 'dee']);
  });
});
