import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

/** A second rotation, staggered: it hands off on Wednesdays at 11:00 New York time. */
function withSecondRotation(schedule: string): Record<string, string> {
  return {
    ...smallRepoFiles(),
    'rotations/web/rotation.yaml': `name: web
members: { teams: [red, blue, green] }
slots: [primary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: wednesday, time: "11:00" } }
start: 2027-01-06
publish_weeks_ahead: 5
`,
    'rotations/web/schedule.yaml': schedule,
  };
}

describe('double-booked', () => {
  it('refuses a person on call in two rotations at once, at the later line', async () => {
    // A Wednesday web shift overlaps the ops shifts of the Monday before and the Monday after.
    // ana's web shift from 2027-02-03 overlaps her ops shift from 2027-02-08 (line 8 of ops).
    const root = makeRepo(
      withSecondRotation(`rotation: web
shifts:
  - { start: 2027-01-06, primary: fay }
  - { start: 2027-01-13, primary: ben }
  - { start: 2027-01-20, primary: dee }
  - { start: 2027-01-27, primary: ana }
  - { start: 2027-02-03, primary: ana }
  - { start: 2027-02-10, primary: eli }
  - { start: 2027-02-17, primary: fay }
`),
    );
    const run = await runCli(['validate', '--root', root, '--json']);
    expect(run.code).toBe(1);
    const booked = run.json().errors.filter((item: { rule: string }) => item.rule === 'double-booked');
    expect(booked).toEqual([
      expect.objectContaining({
        file: 'rotations/ops/schedule.yaml',
        line: 8,
        column: 51,
        rule: 'double-booked',
      }),
    ]);
    expect(booked[0].message).toContain('rotation web (the shift of 2027-02-03)');
  });

  it('accepts staggered rotations that never overlap for one person', async () => {
    const root = makeRepo(
      withSecondRotation(`rotation: web
shifts:
  - { start: 2027-01-06, primary: fay }
  - { start: 2027-01-13, primary: ben }
  - { start: 2027-01-20, primary: dee }
  - { start: 2027-01-27, primary: ana }
  - { start: 2027-02-03, primary: cy }
  - { start: 2027-02-10, primary: eli }
  - { start: 2027-02-17, primary: fay }
`),
    );
    const run = await runCli(['validate', '--root', root, '--json']);
    expect(run.json().errors).toEqual([]);
    expect(run.code).toBe(0);
  });
});
