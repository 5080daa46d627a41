/**
 * The publish plan (gather and decide, no GitHub): several rotations are extended one after
 * another, each seeing the shifts just added to the others, and the change is judged by the same
 * check as validate-pr.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planPublish } from '../../src/actions/publish/plan.js';
import { handoffAt } from '../../src/core/schedule/timeline.js';
import { addDays } from '../../src/core/time/wall-clock.js';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';

const NOW = DateTime.fromISO('2027-02-05T12:00:00-05:00', { setZone: true });

/** A second rotation of the same six people: one person a week, handing off on Mondays at 09:00. */
function twoRotations(): Record<string, string> {
  return {
    ...smallRepoFiles(),
    'rotations/support/rotation.yaml': `name: support
members: { teams: [red, blue, green] }
slots: [primary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "09:00" } }
start: 2027-01-04
publish_weeks_ahead: 6
`,
    'rotations/support/schedule.yaml': `rotation: support
shifts:
  - { start: 2027-01-04, primary: cy }
  - { start: 2027-01-11, primary: eli }
  - { start: 2027-01-18, primary: ana }
  - { start: 2027-01-25, primary: dee }
  - { start: 2027-02-01, primary: fay }
  - { start: 2027-02-08, primary: ben }
  - { start: 2027-02-15, primary: eli }
  - { start: 2027-02-22, primary: fay }
`,
  };
}

describe('planPublish', () => {
  it('extends every rotation, never putting one person in two rotations at once', async () => {
    const plan = await planPublish({ root: makeRepo(twoRotations()), now: NOW, author: 'oncall-bot[bot]' });
    expect(plan.failures).toEqual([]);
    expect(plan.publications.map((publication) => [publication.rotation, publication.added.length])).toEqual([
      ['ops', 2],
      ['support', 3],
    ]);
    expect(plan.edits.map((edit) => edit.file)).toEqual([
      'rotations/ops/schedule.yaml',
      'rotations/support/schedule.yaml',
    ]);
    const spans = plan.publications.flatMap((publication) =>
      publication.added.map((shift) => ({
        rotation: publication.rotation,
        from: handoffAt(publication.settings, shift.start),
        to: handoffAt(publication.settings, addDays(shift.start, publication.settings.shift.length_days)),
        people: shift.assignments.map((slot) => slot.github),
      })),
    );
    for (const a of spans.filter((span) => span.rotation === 'ops')) {
      for (const b of spans.filter((span) => span.rotation === 'support')) {
        if (a.from < b.to && b.from < a.to) {
          expect(
            a.people.filter((person) => b.people.includes(person)),
            `${a.from} / ${b.from}`,
          ).toEqual([]);
        }
      }
    }
    expect(plan.check?.ok).toBe(true);
    expect(plan.check?.changed).toEqual(['rotations/ops/schedule.yaml', 'rotations/support/schedule.yaml']);
    expect(plan.request?.title).toBe('Publish on-call shifts through 2027-03-22');
  });

  it('publishes only the rotation asked for, and nothing when it is at its horizon', async () => {
    const root = makeRepo(twoRotations());
    const support = await planPublish({ root, rotation: 'support', now: NOW, author: 'oncall-bot[bot]' });
    expect(support.publications.map((publication) => publication.rotation)).toEqual(['support']);
    const early = DateTime.fromISO('2027-01-05T12:00:00-05:00', { setZone: true });
    const idle = await planPublish({ root, now: early, author: 'oncall-bot[bot]' });
    expect(idle).toEqual({ publications: [], edits: [], failures: [] });
    await expect(planPublish({ root, rotation: 'nope', now: NOW, author: 'x' })).rejects.toThrow(
      /no rotation "nope"/,
    );
  });
});
