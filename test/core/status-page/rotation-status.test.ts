/** A rotation at an instant: now, next, the shifts ahead and the covers not yet over, at the boundaries. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { fairnessWindow } from '../../../src/core/status-page/fairness-window.js';
import { statusRotation } from './helpers.js';

const setup = {
  name: 'ops',
  zone: 'America/New_York',
  start: '2027-03-01',
  crews: [
    ['ana', 'ben'],
    ['cy', 'dee'],
    ['ana', 'cy'],
  ],
  overrides: [
    { from: '2027-03-02T18:00', to: '2027-03-03T09:00', replace: 'ben', with: 'dee' },
    { from: '2027-03-16T18:00', to: '2027-03-17T09:00', replace: 'cy', with: 'ben', reason: 'school play' },
  ],
};
const statusAt = (iso: string) => statusRotation(setup, DateTime.fromISO(iso, { setZone: true })).status;
const starts = (shifts: { start: string }[]) => shifts.map((shift) => shift.start);

describe('rotationStatus', () => {
  it.each([
    // [instant, the current shift, the next, the shifts ahead, the covers not yet over]
    ['2027-03-01T10:59:59-05:00', undefined, '2027-03-01', ['2027-03-01', '2027-03-08', '2027-03-15'], 2],
    ['2027-03-01T11:00:00-05:00', '2027-03-01', '2027-03-08', ['2027-03-01', '2027-03-08', '2027-03-15'], 2],
    ['2027-03-08T10:59:59-05:00', '2027-03-01', '2027-03-08', ['2027-03-01', '2027-03-08', '2027-03-15'], 1],
    // The handoff after the change to daylight saving is 11:00 EDT, 10:00 EST.
    ['2027-03-15T10:30:00-05:00', '2027-03-15', undefined, ['2027-03-15'], 1],
    ['2027-03-15T10:30:00-04:00', '2027-03-08', '2027-03-15', ['2027-03-08', '2027-03-15'], 1],
    ['2027-03-22T11:00:00-04:00', undefined, undefined, [], 0],
  ])('at %s: now %s, next %s', (iso, now, next, ahead, covers) => {
    const status = statusAt(iso);
    expect(status.now?.shift.start).toBe(now);
    expect(status.next?.start).toBe(next);
    expect(starts(status.ahead)).toEqual(ahead);
    expect(status.covers).toHaveLength(covers);
    expect(status.published?.to.toISO()).toBe('2027-03-22T11:00:00.000-04:00');
  });

  it('applies the cover in effect to who is on call now', () => {
    const status = statusAt('2027-03-02T20:00:00-05:00');
    expect(status.now?.oncall).toEqual([
      { slot: 'primary', github: 'ana' },
      {
        slot: 'secondary',
        github: 'dee',
        override: {
          replaces: 'ben',
          from: '2027-03-02T18:00:00-05:00',
          to: '2027-03-03T09:00:00-05:00',
        },
      },
    ]);
  });
});

describe('fairnessWindow', () => {
  const shifts = (start: string, count: number) =>
    statusRotation(
      { ...setup, start, crews: Array.from({ length: count }, () => ['ana', 'ben']), overrides: [] },
      DateTime.fromISO('2020-01-01T00:00:00Z'),
    ).status.ahead;

  it('counts the shifts starting in the last twelve months, through the last published one', () => {
    const at = DateTime.fromISO('2027-03-10T20:00:00-05:00', { setZone: true });
    expect(fairnessWindow(shifts('2025-01-06', 120), at, 'America/New_York')).toEqual({
      from: '2026-03-16',
      to: '2027-04-19',
    });
    expect(fairnessWindow(shifts('2027-01-04', 4), at, 'America/New_York')).toEqual({
      from: '2027-01-04',
      to: '2027-01-25',
    });
    expect(fairnessWindow([], at, 'America/New_York')).toBeUndefined();
  });
});
