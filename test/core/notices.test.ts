import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { RotationFile, ScheduleFile } from '../../src/core/model/schemas.js';
import { changeNotices } from '../../src/core/notices/moved-shifts.js';
import { timedOverrides } from '../../src/core/schedule/overrides.js';
import { timeline } from '../../src/core/schedule/timeline.js';

const rotation = {
  name: 'ops',
  members: { teams: ['red'] },
  slots: ['primary'],
  timezone: 'America/New_York',
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2027-01-04',
  publish_weeks_ahead: 4,
} as unknown as RotationFile;
const side = (schedule: ScheduleFile) => ({
  shifts: timeline(rotation, schedule),
  overrides: timedOverrides(rotation, schedule),
});
const now = DateTime.fromISO('2027-01-12T12:00:00-05:00', { setZone: true });

describe('change notices', () => {
  it('tell who lost and gained future time, leave out the past and newly published weeks', () => {
    const base = {
      rotation: 'ops',
      shifts: [
        { start: '2027-01-04', primary: 'ana' },
        { start: '2027-01-11', primary: 'ben' },
        { start: '2027-01-18', primary: 'cy' },
      ],
    } as ScheduleFile;
    const head = {
      rotation: 'ops',
      shifts: [
        { start: '2027-01-04', primary: 'dee' },
        { start: '2027-01-11', primary: 'ben' },
        { start: '2027-01-18', primary: 'ana' },
        { start: '2027-01-25', primary: 'ben' },
      ],
      overrides: [{ from: '2027-01-13T09:00', to: '2027-01-13T18:00', replace: 'ben', with: 'cy' }],
    } as ScheduleFile;
    const notices = changeNotices({ rotation: 'ops', base: side(base), head: side(head), now });
    const summary = notices.map((n) => ({
      github: n.github,
      removed: n.removed.map((p) => p.what),
      added: n.added.map((p) => p.what),
    }));
    expect(summary).toEqual([
      { github: 'cy', removed: ['primary, shift of 2027-01-18'], added: ['covering ben'] },
      { github: 'ana', removed: [], added: ['primary, shift of 2027-01-18'] },
      { github: 'ben', removed: ['covered by cy'], added: [] },
    ]);
  });
});
