/**
 * The notes on how the old schedule differs from the rotation: its handoff (weekday and time, in
 * the rotation's zone) and shifts shorter than the rotation's; none when they agree.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { exportShapeNotes } from '../../../src/core/import/export-shape.js';
import type { OnCallPiece } from '../../../src/core/import/on-call-pieces.js';
import type { RotationFile } from '../../../src/core/model/schemas.js';

const ZONE = 'America/New_York';
const ROTATION: RotationFile = {
  name: 'ops',
  members: { teams: ['red'] },
  slots: ['primary'],
  timezone: ZONE,
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2027-03-01',
  publish_weeks_ahead: 4,
};

/** One person after another, each for `days`, from `first` (New York wall clock). */
function relay(first: string, days: number, count: number): OnCallPiece[] {
  const start = DateTime.fromISO(first, { zone: ZONE });
  return Array.from({ length: count }, (_, index) => ({
    github: `p${index % 3}`,
    from: start.plus({ days: days * index }),
    to: start.plus({ days: days * (index + 1) }),
    source: { file: 'x.ics', line: index + 1, fileIndex: 0, summary: `p${index % 3}` },
    order: index,
  }));
}

describe('exportShapeNotes', () => {
  it('the same handoff and length: nothing to say', () => {
    expect(exportShapeNotes(ROTATION, relay('2027-03-01T11:00', 7, 6))).toEqual([]);
  });

  it('handoffs on Wednesday at 09:00, across the daylight-saving change', () => {
    expect(exportShapeNotes(ROTATION, relay('2027-03-03T09:00', 7, 6))).toEqual([
      'the export hands off on wednesday at 09:00 (America/New_York) in 5 of 5 changes; this rotation hands off on monday at 11:00. Imported shifts follow the rotation, with covers for the difference; to keep the old handoff, set shift.handoff in rotation.yaml to { weekday: wednesday, time: "09:00" }',
    ]);
  });

  it('daily shifts in a weekly rotation', () => {
    const notes = exportShapeNotes(ROTATION, relay('2027-03-01T11:00', 1, 9));
    expect(notes).toContain(
      "most times on call in the export last 1 day(s) and this rotation's shifts 7: a shift several people hold in turn is not imported; to import them, set shift.length_days in rotation.yaml to 1",
    );
  });

  it('too little to tell', () => {
    expect(exportShapeNotes(ROTATION, relay('2027-03-03T09:00', 7, 2))).toEqual([]);
  });
});
