import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildRoster } from '../../../src/core/model/roster.js';
import { dueReminders, reminderSendAt } from '../../../src/core/reminders/due.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { loadRepository } from '../../../src/io/load-repository.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

async function setup() {
  const files = smallRepoFiles();
  files['rotations/ops/schedule.yaml'] +=
    'overrides:\n  - { from: 2027-01-12T09:00, to: 2027-01-12T18:00, replace: cy, with: ana }\n';
  const loaded = await loadRepository(makeRepo(files));
  const source = loaded.repository?.rotations[0];
  if (!loaded.repository || !source) throw new Error('no repository');
  return {
    roster: buildRoster(loaded.repository.people.people),
    rotations: [
      {
        name: 'ops',
        rotation: source.rotation,
        shifts: timeline(source.rotation, source.schedule),
        overrides: timedOverrides(source.rotation, source.schedule),
      },
    ],
  };
}
const at = (text: string) => DateTime.fromISO(text, { setZone: true });

describe('reminders', () => {
  it('fall on the Friday before, at the start of work hours on the person’s own clock', () => {
    const start = at('2027-01-11T11:00:00-05:00');
    const rotation = {};
    expect(reminderSendAt(start, { timezone: 'Europe/London' }, rotation)?.toISO()).toBe(
      '2027-01-08T09:00:00.000+00:00',
    );
    expect(reminderSendAt(start, { timezone: 'America/Los_Angeles' }, rotation)?.toISO()).toBe(
      '2027-01-08T09:00:00.000-08:00',
    );
    expect(reminderSendAt(start, { timezone: 'America/New_York' }, rotation, 2)?.toISO()).toBe(
      '2027-01-09T09:00:00.000-05:00',
    );
    // A shift starting on a Friday: the Friday a week before.
    expect(
      reminderSendAt(
        at('2027-01-15T11:00:00-05:00'),
        { timezone: 'America/New_York' },
        rotation,
      )?.toISODate(),
    ).toBe('2027-01-08');
  });

  it('are due from then until the shift starts, for each person of it, with covers mentioned', async () => {
    const ctx = await setup();
    // Thursday: nothing due. Friday 09:30 New York: dee (New York) and ben... no: cy/dee have the 2027-01-11 shift.
    expect(dueReminders({ ...ctx, now: at('2027-01-07T12:00:00-05:00') })).toEqual([]);
    const friday = dueReminders({ ...ctx, now: at('2027-01-08T09:30:00-05:00') });
    // cy is in Los Angeles: 06:30 there, not yet; dee in New York: due.
    expect(friday.map((reminder) => reminder.key)).toEqual(['reminder:ops:2027-01-11:dee']);
    const later = dueReminders({ ...ctx, now: at('2027-01-08T12:30:00-05:00') });
    expect(later.map((reminder) => reminder.github)).toEqual(['cy', 'dee']);
    const cy = later.find((reminder) => reminder.github === 'cy');
    expect(cy?.text).toContain(
      'on call (primary) in ops from Mon 2027-01-11 08:00 to Mon 2027-01-18 08:00 (America/Los_Angeles)',
    );
    expect(cy?.text).toContain('ana covers you from Tue 2027-01-12 06:00 to Tue 2027-01-12 15:00');
    expect(cy?.text).toContain('(reminder:ops:2027-01-11:cy)');
    // Once the shift started, it is not due any more.
    expect(dueReminders({ ...ctx, now: at('2027-01-11T11:00:00-05:00') }).map((r) => r.start)).not.toContain(
      '2027-01-11',
    );
  });
});
