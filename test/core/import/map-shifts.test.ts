/**
 * On-call pieces laid on a weekly pair rotation (Monday 11:00, America/New_York), with the 2027
 * daylight-saving change (Sunday 2027-03-14) inside: whole shifts, covers as overrides, the old
 * tool's different handoff time, gaps, extra people, shifts the export covers in part, the
 * published schedule the import appends to, --until, and which slot each person takes.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { type MapInput, mapShifts } from '../../../src/core/import/map-shifts.js';
import type { OnCallPiece, Unmapped } from '../../../src/core/import/on-call-pieces.js';
import type { RotationFile } from '../../../src/core/model/schemas.js';
import { timeline } from '../../../src/core/schedule/timeline.js';

const ZONE = 'America/New_York';
const ROTATION: RotationFile = {
  name: 'ops',
  members: { teams: ['red'] },
  slots: ['primary', 'secondary'],
  timezone: ZONE,
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2027-03-01',
  publish_weeks_ahead: 4,
};

const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });
const show = (instant: DateTime | undefined) => instant?.setZone(ZONE).toISO({ suppressMilliseconds: true });

let order = 0;
beforeEach(() => {
  order = 0;
});

/** `github` on call from `from` to `to`, wall clock in New York. */
function piece(github: string, from: string, to: string, extra: Partial<OnCallPiece> = {}): OnCallPiece {
  order += 1;
  return {
    github,
    from: at(from),
    to: at(to),
    source: { file: 'export.ics', line: order, fileIndex: 0, summary: `${github} on call` },
    order,
    ...extra,
  };
}

/** A week of `a` and `b` from the Monday handoff of `monday`. */
function week(monday: string, a: string, b: string): OnCallPiece[] {
  const next = at(`${monday}T11:00`).plus({ days: 7 }).toISODate() as string;
  return [piece(a, `${monday}T11:00`, `${next}T11:00`), piece(b, `${monday}T11:00`, `${next}T11:00`)];
}

function run(pieces: OnCallPiece[], extra: Partial<MapInput> = {}) {
  const result = mapShifts({ rotation: ROTATION, existing: [], pieces, ...extra });
  return {
    shifts: result.shifts.map(
      (shift) =>
        ({
          start: shift.start,
          ...Object.fromEntries(shift.assignments.map((slot) => [slot.slot, slot.github])),
          startsAt: show(shift.startsAt),
          endsAt: show(shift.endsAt),
        }) as Record<string, string>,
    ),
    covers: result.covers.map((cover) => ({
      start: cover.start,
      from: show(cover.from),
      to: show(cover.to),
      replace: cover.replace,
      with: cover.with,
    })),
    unmapped: result.unmapped.map((item: Unmapped) => ({
      line: item.source?.line,
      from: show(item.from),
      to: show(item.to),
      why: item.why,
    })),
    guessed: result.shifts.map((shift) => shift.slotsGuessed),
  };
}

describe('whole shifts', () => {
  it('one per week, 11:00 wall clock on both sides of the daylight-saving change', () => {
    const result = run([
      ...week('2027-03-01', 'ana', 'ben'),
      ...week('2027-03-08', 'cy', 'dee'),
      ...week('2027-03-15', 'eli', 'fay'),
    ]);
    expect(result.shifts).toEqual([
      {
        start: '2027-03-01',
        primary: 'ana',
        secondary: 'ben',
        startsAt: '2027-03-01T11:00:00-05:00',
        endsAt: '2027-03-08T11:00:00-05:00',
      },
      // 167 hours: the clocks went forward on Sunday 2027-03-14.
      {
        start: '2027-03-08',
        primary: 'cy',
        secondary: 'dee',
        startsAt: '2027-03-08T11:00:00-05:00',
        endsAt: '2027-03-15T11:00:00-04:00',
      },
      {
        start: '2027-03-15',
        primary: 'eli',
        secondary: 'fay',
        startsAt: '2027-03-15T11:00:00-04:00',
        endsAt: '2027-03-22T11:00:00-04:00',
      },
    ]);
    expect(result.covers).toEqual([]);
    expect(result.unmapped).toEqual([]);
  });

  it('events cut at every change (as exporters do) are one stretch per person', () => {
    const result = run([
      piece('ana', '2027-03-01T11:00', '2027-03-03T00:00'),
      piece('ana', '2027-03-03T00:00', '2027-03-08T11:00'),
      piece('ben', '2027-03-01T11:00', '2027-03-08T11:00'),
    ]);
    expect(result.shifts).toHaveLength(1);
    expect(result.unmapped).toEqual([]);
  });

  it('someone on call two weeks in a row holds both shifts', () => {
    const result = run([
      piece('ana', '2027-03-01T11:00', '2027-03-15T11:00'),
      piece('ben', '2027-03-01T11:00', '2027-03-08T11:00'),
      piece('cy', '2027-03-08T11:00', '2027-03-15T11:00'),
    ]);
    expect(result.shifts.map((shift) => [shift.start, shift.primary, shift.secondary])).toEqual([
      ['2027-03-01', 'ana', 'ben'],
      ['2027-03-08', 'ana', 'cy'],
    ]);
  });
});

describe('covers', () => {
  it('one person off and one other on call instead: an override of the shift', () => {
    const result = run([
      piece('ana', '2027-03-08T11:00', '2027-03-10T18:00'),
      piece('eli', '2027-03-10T18:00', '2027-03-11T09:00'),
      piece('ana', '2027-03-11T09:00', '2027-03-15T11:00'),
      piece('ben', '2027-03-08T11:00', '2027-03-15T11:00'),
    ]);
    expect(result.shifts.map((shift) => [shift.start, shift.primary, shift.secondary])).toEqual([
      ['2027-03-08', 'ana', 'ben'],
    ]);
    expect(result.covers).toEqual([
      {
        start: '2027-03-08',
        from: '2027-03-10T18:00:00-05:00',
        to: '2027-03-11T09:00:00-05:00',
        replace: 'ana',
        with: 'eli',
      },
    ]);
    expect(result.unmapped).toEqual([]);
  });

  it('a person who took more than half of the week holds it; the other is the cover', () => {
    const result = run([
      piece('ana', '2027-03-01T11:00', '2027-03-04T11:00'),
      piece('cy', '2027-03-04T11:00', '2027-03-08T11:00'),
      piece('ben', '2027-03-01T11:00', '2027-03-08T11:00'),
    ]);
    expect(result.shifts.map((shift) => [shift.primary, shift.secondary])).toEqual([['ben', 'cy']]);
    expect(result.covers.map((cover) => [cover.from, cover.to, cover.replace, cover.with])).toEqual([
      ['2027-03-01T11:00:00-05:00', '2027-03-04T11:00:00-05:00', 'cy', 'ana'],
    ]);
  });

  it('the old tool handed off at 09:00: shifts keep 11:00, the two hours are covers by the next pair', () => {
    const result = run(
      [
        piece('ana', '2027-02-22T09:00', '2027-03-01T09:00'),
        piece('ben', '2027-02-22T09:00', '2027-03-01T09:00'),
        piece('cy', '2027-03-01T09:00', '2027-03-08T09:00', { slot: 'secondary' }),
        piece('dee', '2027-03-01T09:00', '2027-03-08T09:00', { slot: 'primary' }),
        piece('eli', '2027-03-08T09:00', '2027-03-15T09:00'),
        piece('fay', '2027-03-08T09:00', '2027-03-15T09:00'),
      ],
      { rotation: { ...ROTATION, start: '2027-02-22' } },
    );
    expect(result.shifts.map((shift) => [shift.start, shift.primary, shift.secondary])).toEqual([
      ['2027-02-22', 'ana', 'ben'],
      ['2027-03-01', 'dee', 'cy'],
    ]);
    expect(result.covers).toEqual([
      // The slot the export gives a cover picks whom it covers; without one, order of appearance.
      {
        start: '2027-02-22',
        from: '2027-03-01T09:00:00-05:00',
        to: '2027-03-01T11:00:00-05:00',
        replace: 'ana',
        with: 'dee',
      },
      {
        start: '2027-02-22',
        from: '2027-03-01T09:00:00-05:00',
        to: '2027-03-01T11:00:00-05:00',
        replace: 'ben',
        with: 'cy',
      },
      {
        start: '2027-03-01',
        from: '2027-03-08T09:00:00-05:00',
        to: '2027-03-08T11:00:00-05:00',
        replace: 'dee',
        with: 'eli',
      },
      {
        start: '2027-03-01',
        from: '2027-03-08T09:00:00-05:00',
        to: '2027-03-08T11:00:00-05:00',
        replace: 'cy',
        with: 'fay',
      },
    ]);
    // The two hours before the rotation's first handoff are before its start; the export ends
    // inside the shift of 2027-03-08.
    expect(result.unmapped.map((item) => [item.line, item.why])).toEqual([
      [1, "it is before the rotation's start (2027-02-22, rotation.yaml); set an earlier start to import it"],
      [2, "it is before the rotation's start (2027-02-22, rotation.yaml); set an earlier start to import it"],
      [
        5,
        'the export ends inside the shift of 2027-03-08 (at 2027-03-15 09:00): who is on call after is unknown',
      ],
      [
        6,
        'the export ends inside the shift of 2027-03-08 (at 2027-03-15 09:00): who is on call after is unknown',
      ],
    ]);
  });
});

describe('what is left out, and why', () => {
  it('nobody covers a holder for a night: the shift is imported, the night is reported', () => {
    const result = run([
      piece('ana', '2027-03-01T11:00', '2027-03-03T18:00'),
      piece('ana', '2027-03-04T09:00', '2027-03-08T11:00'),
      piece('ben', '2027-03-01T11:00', '2027-03-08T11:00'),
    ]);
    expect(result.shifts.map((shift) => [shift.primary, shift.secondary])).toEqual([['ana', 'ben']]);
    expect(result.unmapped).toEqual([
      {
        line: undefined,
        from: '2027-03-03T18:00:00-05:00',
        to: '2027-03-04T09:00:00-05:00',
        why: 'ana is off and nobody covers from 2027-03-03 18:00 to 2027-03-04 09:00: the shift of 2027-03-01 records ana for all of it',
      },
    ]);
  });

  it('a third person on call for a day is left out; the shift is imported', () => {
    const result = run([
      ...week('2027-03-01', 'ana', 'ben'),
      piece('cy', '2027-03-03T09:00', '2027-03-04T09:00'),
    ]);
    expect(result.shifts).toHaveLength(1);
    expect(result.unmapped).toEqual([
      {
        line: 3,
        from: '2027-03-03T09:00:00-05:00',
        to: '2027-03-04T09:00:00-05:00',
        why: '3 people are on call at once (ana, ben, cy) in the shift of 2027-03-01, which has 2 slots: cy is left out',
      },
    ]);
  });

  it.each([
    [
      'three people hold the week',
      [...week('2027-03-01', 'ana', 'ben'), piece('cy', '2027-03-01T11:00', '2027-03-08T11:00')],
      '3 people are on call for most of the shift of 2027-03-01 (ana, ben, cy); the rotation has 2 slots (primary, secondary)',
    ],
    [
      'one person holds the week',
      [
        piece('ana', '2027-03-01T11:00', '2027-03-08T11:00'),
        piece('ben', '2027-03-01T11:00', '2027-03-03T11:00'),
      ],
      'only ana is on call for most of the shift of 2027-03-01 (ana 7 days, ben 2 days); the rotation has 2 slots (primary, secondary)',
    ],
    [
      'daily shifts in a weekly rotation',
      ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus'].flatMap((github, day) => [
        piece(github, `2027-03-0${day + 1}T11:00`, `2027-03-0${day + 2}T11:00`),
        piece('zed', `2027-03-0${day + 1}T11:00`, `2027-03-0${day + 2}T11:00`),
      ]),
      'only zed is on call for most of the shift of 2027-03-01 (zed 7 days, ana 24 h, ben 24 h, cy 24 h, dee 24 h, eli 24 h, fay 24 h, gus 24 h); the rotation has 2 slots (primary, secondary)',
    ],
  ])('%s: the shift is not imported', (_name, pieces, why) => {
    const result = run(pieces);
    expect(result.shifts).toEqual([]);
    expect(new Set(result.unmapped.map((item) => item.why))).toEqual(new Set([why]));
    expect(result.unmapped.length).toBe(pieces.length);
  });

  it('the export starts inside a shift: that shift is not imported, the next ones are', () => {
    const result = run([
      piece('ana', '2027-03-04T00:00', '2027-03-08T11:00'),
      piece('ben', '2027-03-04T00:00', '2027-03-08T11:00'),
      ...week('2027-03-08', 'cy', 'dee'),
    ]);
    expect(result.shifts.map((shift) => shift.start)).toEqual(['2027-03-08']);
    expect(result.unmapped.map((item) => item.why)).toEqual([
      'the export starts inside the shift of 2027-03-01 (at 2027-03-04 00:00): who was on call before is unknown',
      'the export starts inside the shift of 2027-03-01 (at 2027-03-04 00:00): who was on call before is unknown',
    ]);
  });

  it('a week nobody is on call ends the run: schedule.yaml has no gaps', () => {
    const result = run([
      ...week('2027-03-01', 'ana', 'ben'),
      ...week('2027-03-15', 'cy', 'dee'),
      piece('eli', '2027-03-22T11:00', '2027-04-05T11:00'),
    ]);
    expect(result.shifts.map((shift) => shift.start)).toEqual(['2027-03-01']);
    expect(result.unmapped.map((item) => [item.line, item.from, item.to, item.why])).toEqual([
      [
        undefined,
        '2027-03-08T11:00:00-05:00',
        '2027-03-15T11:00:00-04:00',
        'nobody is on call in the export for the shift of 2027-03-08: schedule.yaml cannot have a gap, so the import stops here',
      ],
      ...[3, 4].map((line) => [
        line,
        '2027-03-15T11:00:00-04:00',
        '2027-03-22T11:00:00-04:00',
        'it comes after the shift of 2027-03-08, which could not be imported: schedule.yaml cannot have a gap (add that shift by hand, then import again)',
      ]),
      // Two weeks of one event, each refused for its own reason.
      [
        5,
        '2027-03-22T11:00:00-04:00',
        '2027-03-29T11:00:00-04:00',
        'only eli is on call for most of the shift of 2027-03-22 (eli 7 days); the rotation has 2 slots (primary, secondary)',
      ],
      [
        5,
        '2027-03-29T11:00:00-04:00',
        '2027-04-05T11:00:00-04:00',
        'only eli is on call for most of the shift of 2027-03-29 (eli 7 days); the rotation has 2 slots (primary, secondary)',
      ],
    ]);
  });

  it('--until: the shifts from that date on are reported, not imported', () => {
    const result = run(
      [
        ...week('2027-03-01', 'ana', 'ben'),
        ...week('2027-03-08', 'cy', 'dee'),
        ...week('2027-03-15', 'eli', 'fay'),
      ],
      { until: '2027-03-10' },
    );
    expect(result.shifts.map((shift) => shift.start)).toEqual(['2027-03-01', '2027-03-08']);
    expect(result.unmapped.map((item) => [item.line, item.why])).toEqual([
      [5, 'it is after --until 2027-03-10'],
      [6, 'it is after --until 2027-03-10'],
    ]);
  });
});

describe('appending to a published schedule', () => {
  const existing = timeline(
    { ...ROTATION, start: '2027-02-15' },
    {
      rotation: 'ops',
      shifts: [
        { start: '2027-02-15', primary: 'ana', secondary: 'ben' },
        { start: '2027-02-22', primary: 'cy', secondary: 'dee' },
      ],
    },
  );
  const rotation = { ...ROTATION, start: '2027-02-15' };

  it('time already published is reported, never changed; the import continues after it', () => {
    const result = run(
      [
        piece('ana', '2027-02-08T11:00', '2027-02-15T11:00'),
        piece('eli', '2027-02-22T11:00', '2027-03-08T11:00'),
        ...week('2027-03-01', 'fay', 'ana').slice(0, 1), // line 3 (fay); line 4 is not used
        piece('dee', '2027-02-22T11:00', '2027-03-01T11:00'),
        piece('cy', '2027-03-08T11:00', '2027-03-15T11:00'),
        piece('dee', '2027-03-08T11:00', '2027-03-15T11:00'),
      ],
      { rotation, existing },
    );
    expect(result.shifts.map((shift) => [shift.start, shift.primary, shift.secondary])).toEqual([
      ['2027-03-01', 'eli', 'fay'],
      ['2027-03-08', 'cy', 'dee'],
    ]);
    expect(result.unmapped.map((item) => [item.line, item.from, item.to, item.why])).toEqual([
      [
        1,
        '2027-02-08T11:00:00-05:00',
        '2027-02-15T11:00:00-05:00',
        "it is before the rotation's start (2027-02-15, rotation.yaml); set an earlier start to import it",
      ],
      [
        2,
        '2027-02-22T11:00:00-05:00',
        '2027-03-01T11:00:00-05:00',
        'it is already in the schedule: the shift of 2027-02-22 (cy, dee)',
      ],
      [
        5,
        '2027-02-22T11:00:00-05:00',
        '2027-03-01T11:00:00-05:00',
        'it is already in the schedule: the shift of 2027-02-22 (cy, dee)',
      ],
    ]);
  });

  it('the export begins after a gap: nothing can be appended, and each event says why', () => {
    const result = run([...week('2027-03-08', 'eli', 'fay')], { rotation, existing });
    expect(result.shifts).toEqual([]);
    expect(result.unmapped.map((item) => item.why)).toEqual([
      'nobody is on call in the export for the shift of 2027-03-01, right after the last shift of schedule.yaml: schedule.yaml cannot have a gap',
      'it comes after the shift of 2027-03-01, which could not be imported: schedule.yaml cannot have a gap (add that shift by hand, then import again)',
      'it comes after the shift of 2027-03-01, which could not be imported: schedule.yaml cannot have a gap (add that shift by hand, then import again)',
    ]);
  });
});

describe('slots', () => {
  it.each<[string, Partial<OnCallPiece>, Partial<OnCallPiece>, [string, string], boolean]>([
    ['order of appearance', {}, {}, ['ana', 'ben'], true],
    ['a label on the second person', {}, { slot: 'primary' }, ['ben', 'ana'], false],
    ['labels on both', { slot: 'secondary' }, { slot: 'primary' }, ['ben', 'ana'], false],
    [
      'both say primary: the longer-held label wins, the other takes what is left',
      { slot: 'primary' },
      { slot: 'primary' },
      ['ana', 'ben'],
      true,
    ],
  ])('%s', (_name, a, b, expected, guessed) => {
    const result = run([
      piece('ana', '2027-03-01T11:00', '2027-03-08T11:00', a),
      piece('ben', '2027-03-01T11:00', '2027-03-08T11:00', b),
    ]);
    expect([result.shifts[0]?.primary, result.shifts[0]?.secondary]).toEqual(expected);
    expect(result.guessed).toEqual([guessed]);
  });
});
