/**
 * Who is on call, table-driven in named zones: handoffs on both sides of daylight-saving changes,
 * handoffs inside gaps and overlaps, override bounds, and the `oncall who` contract.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { RotationFile, ScheduleFile, Weekday } from '../../../src/core/model/schemas.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { type OnCallNow, whoIsOnCall } from '../../../src/core/schedule/who.js';
import { addDays } from '../../../src/core/time/wall-clock.js';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

interface Setup {
  zone: string;
  weekday: Weekday;
  time: string;
  /** The first shift's start; shifts are weekly from there. */
  start: string;
  crews: [string, string][];
  overrides?: ScheduleFile['overrides'];
}

function rotationOf({ zone, weekday, time, start }: Setup): RotationFile {
  return {
    name: 'ops',
    members: { teams: ['red'] },
    slots: ['primary', 'secondary'],
    timezone: zone,
    shift: { length_days: 7, handoff: { weekday, time } },
    start,
    publish_weeks_ahead: 4,
  };
}

function scheduleOf({ start, crews, overrides }: Setup): ScheduleFile {
  return {
    rotation: 'ops',
    shifts: crews.map(([primary, secondary], index) => ({
      start: addDays(start, 7 * index),
      primary,
      secondary,
    })),
    ...(overrides ? { overrides } : {}),
  };
}

function who(setup: Setup, at: string): OnCallNow | undefined {
  const rotation = rotationOf(setup);
  const schedule = scheduleOf(setup);
  const instant = DateTime.fromISO(at, { setZone: true });
  expect(instant.isValid).toBe(true);
  return whoIsOnCall(timeline(rotation, schedule), timedOverrides(rotation, schedule), instant);
}

const iso = (instant: DateTime | undefined) => instant?.toISO({ suppressMilliseconds: true });
const people = (answer: OnCallNow | undefined) => answer?.oncall.map((entry) => entry.github);

/** Three weekly shifts around `change`: the one before it, the one starting on it, the one after. */
const around = (zone: string, weekday: Weekday, time: string, change: string): Setup => ({
  zone,
  weekday,
  time,
  start: addDays(change, -7),
  crews: [
    ['ana', 'ben'],
    ['cy', 'dee'],
    ['eli', 'fay'],
  ],
});

describe('whoIsOnCall at handoffs across daylight-saving changes (2027)', () => {
  it('checks the fixture itself: the changes are on the days and at the instants the tables assume', () => {
    const offset = (utc: string, zone: string) => DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).offset;
    // US: spring forward 2027-03-14 at 07:00Z, fall back 2027-11-07 at 06:00Z.
    expect(offset('2027-03-14T06:59', 'America/New_York')).toBe(-300);
    expect(offset('2027-03-14T07:00', 'America/New_York')).toBe(-240);
    expect(offset('2027-11-07T05:59', 'America/New_York')).toBe(-240);
    expect(offset('2027-11-07T06:00', 'America/New_York')).toBe(-300);
    expect(offset('2027-03-14T09:59', 'America/Los_Angeles')).toBe(-480);
    expect(offset('2027-03-14T10:00', 'America/Los_Angeles')).toBe(-420);
    // EU: both at 01:00Z, 2027-03-28 and 2027-10-31.
    expect(offset('2027-03-28T00:59', 'Europe/London')).toBe(0);
    expect(offset('2027-03-28T01:00', 'Europe/London')).toBe(60);
    expect(offset('2027-10-31T00:59', 'Europe/London')).toBe(60);
    expect(offset('2027-10-31T01:00', 'Europe/London')).toBe(0);
    expect(offset('2027-03-28T00:59', 'Europe/Berlin')).toBe(60);
    expect(offset('2027-03-28T01:00', 'Europe/Berlin')).toBe(120);
    // Lord Howe: +10:30 to +11 at 02:00 local on 2027-10-03.
    expect(offset('2027-10-02T15:29', 'Australia/Lord_Howe')).toBe(630);
    expect(offset('2027-10-02T15:30', 'Australia/Lord_Howe')).toBe(660);
    // The change days are Sundays, so a Sunday handoff falls on them.
    for (const day of ['2027-03-14', '2027-11-07', '2027-03-28', '2027-10-31', '2027-10-03']) {
      expect(DateTime.fromISO(day).weekday).toBe(7);
    }
  });

  // [case, zone, handoff weekday, handoff time, change day, at, on call, shift start (local ISO)]
  // biome-ignore format: a table reads best one row per line
  it.each([
    // US spring forward: 11:00 is EDT (-04:00) that day.
    ['NY spring-forward Sunday 10:59', 'America/New_York', 'sunday', '11:00', '2027-03-14', '2027-03-14T14:59:00Z', ['ana', 'ben'], '2027-03-07T11:00:00-05:00'],
    ['NY spring-forward Sunday 11:00', 'America/New_York', 'sunday', '11:00', '2027-03-14', '2027-03-14T15:00:00Z', ['cy', 'dee'], '2027-03-14T11:00:00-04:00'],
    ['NY spring-forward Sunday, 11:00 read with the old offset is noon', 'America/New_York', 'sunday', '11:00', '2027-03-14', '2027-03-14T11:00:00-05:00', ['cy', 'dee'], '2027-03-14T11:00:00-04:00'],
    ['LA spring-forward Sunday 10:59', 'America/Los_Angeles', 'sunday', '11:00', '2027-03-14', '2027-03-14T10:59:00-07:00', ['ana', 'ben'], '2027-03-07T11:00:00-08:00'],
    ['LA spring-forward Sunday 11:00', 'America/Los_Angeles', 'sunday', '11:00', '2027-03-14', '2027-03-14T18:00:00Z', ['cy', 'dee'], '2027-03-14T11:00:00-07:00'],
    // US fall back: 11:00 is EST (-05:00) that day; 11:00 EDT is only 10:00 local.
    ['NY fall-back Sunday 10:59', 'America/New_York', 'sunday', '11:00', '2027-11-07', '2027-11-07T15:59:00Z', ['ana', 'ben'], '2027-10-31T11:00:00-04:00'],
    ['NY fall-back Sunday, 11:00 read with the old offset is 10:00', 'America/New_York', 'sunday', '11:00', '2027-11-07', '2027-11-07T11:00:00-04:00', ['ana', 'ben'], '2027-10-31T11:00:00-04:00'],
    ['NY fall-back Sunday 11:00', 'America/New_York', 'sunday', '11:00', '2027-11-07', '2027-11-07T16:00:00Z', ['cy', 'dee'], '2027-11-07T11:00:00-05:00'],
    // The Monday after each US change: the week that held the change is 167 or 169 hours.
    ['NY Monday after spring forward 10:59', 'America/New_York', 'monday', '11:00', '2027-03-15', '2027-03-15T10:59:59-04:00', ['ana', 'ben'], '2027-03-08T11:00:00-05:00'],
    ['NY Monday after spring forward 11:00', 'America/New_York', 'monday', '11:00', '2027-03-15', '2027-03-15T15:00:00Z', ['cy', 'dee'], '2027-03-15T11:00:00-04:00'],
    ['NY Monday after fall back 10:59', 'America/New_York', 'monday', '11:00', '2027-11-08', '2027-11-08T15:59:00Z', ['ana', 'ben'], '2027-11-01T11:00:00-04:00'],
    ['NY Monday after fall back 11:00', 'America/New_York', 'monday', '11:00', '2027-11-08', '2027-11-08T11:00:00-05:00', ['cy', 'dee'], '2027-11-08T11:00:00-05:00'],
    // EU spring forward: 11:00 is BST (+01:00) / CEST (+02:00) that day.
    ['London spring-forward Sunday 10:59', 'Europe/London', 'sunday', '11:00', '2027-03-28', '2027-03-28T09:59:00Z', ['ana', 'ben'], '2027-03-21T11:00:00+00:00'],
    ['London spring-forward Sunday 11:00', 'Europe/London', 'sunday', '11:00', '2027-03-28', '2027-03-28T10:00:00Z', ['cy', 'dee'], '2027-03-28T11:00:00+01:00'],
    ['Berlin spring-forward Sunday 10:59', 'Europe/Berlin', 'sunday', '11:00', '2027-03-28', '2027-03-28T08:59:00Z', ['ana', 'ben'], '2027-03-21T11:00:00+01:00'],
    ['Berlin spring-forward Sunday 11:00', 'Europe/Berlin', 'sunday', '11:00', '2027-03-28', '2027-03-28T11:00:00+02:00', ['cy', 'dee'], '2027-03-28T11:00:00+02:00'],
    // EU fall back: 11:00 is GMT that day.
    ['London fall-back Sunday 10:59', 'Europe/London', 'sunday', '11:00', '2027-10-31', '2027-10-31T10:59:00Z', ['ana', 'ben'], '2027-10-24T11:00:00+01:00'],
    ['London fall-back Sunday, 11:00 BST is only 10:00', 'Europe/London', 'sunday', '11:00', '2027-10-31', '2027-10-31T11:00:00+01:00', ['ana', 'ben'], '2027-10-24T11:00:00+01:00'],
    ['London fall-back Sunday 11:00', 'Europe/London', 'sunday', '11:00', '2027-10-31', '2027-10-31T11:00:00Z', ['cy', 'dee'], '2027-10-31T11:00:00+00:00'],
    // Handoffs inside the gap: they happen when the clock jumps past them.
    ['NY 02:30 handoff on spring-forward day, 01:59 EST', 'America/New_York', 'sunday', '02:30', '2027-03-14', '2027-03-14T01:59:59-05:00', ['ana', 'ben'], '2027-03-07T02:30:00-05:00'],
    ['NY 02:30 handoff on spring-forward day happens at 03:00 EDT', 'America/New_York', 'sunday', '02:30', '2027-03-14', '2027-03-14T07:00:00Z', ['cy', 'dee'], '2027-03-14T03:00:00-04:00'],
    ['London 01:30 handoff on spring-forward day happens at 02:00 BST', 'Europe/London', 'sunday', '01:30', '2027-03-28', '2027-03-28T01:00:00Z', ['cy', 'dee'], '2027-03-28T02:00:00+01:00'],
    ['London 01:30 handoff on spring-forward day, 00:59 GMT', 'Europe/London', 'sunday', '01:30', '2027-03-28', '2027-03-28T00:59:00Z', ['ana', 'ben'], '2027-03-21T01:30:00+00:00'],
    ['Lord Howe 02:15 handoff in the half-hour gap happens at 02:30', 'Australia/Lord_Howe', 'sunday', '02:15', '2027-10-03', '2027-10-02T15:30:00Z', ['cy', 'dee'], '2027-10-03T02:30:00+11:00'],
    ['Lord Howe 02:15 handoff, a minute before the jump', 'Australia/Lord_Howe', 'sunday', '02:15', '2027-10-03', '2027-10-02T15:29:00Z', ['ana', 'ben'], '2027-09-26T02:15:00+10:30'],
    // Handoffs inside the overlap: the first 01:30 is the handoff; the second is an hour into the shift.
    ['NY 01:30 handoff on fall-back day, 01:29 EDT', 'America/New_York', 'sunday', '01:30', '2027-11-07', '2027-11-07T01:29:00-04:00', ['ana', 'ben'], '2027-10-31T01:30:00-04:00'],
    ['NY 01:30 handoff on fall-back day, first 01:30 (EDT)', 'America/New_York', 'sunday', '01:30', '2027-11-07', '2027-11-07T01:30:00-04:00', ['cy', 'dee'], '2027-11-07T01:30:00-04:00'],
    ['NY 01:30 handoff on fall-back day, second 01:30 (EST)', 'America/New_York', 'sunday', '01:30', '2027-11-07', '2027-11-07T01:30:00-05:00', ['cy', 'dee'], '2027-11-07T01:30:00-04:00'],
    ['London 01:30 handoff on fall-back day, first 01:30 (BST)', 'Europe/London', 'sunday', '01:30', '2027-10-31', '2027-10-31T00:30:00Z', ['cy', 'dee'], '2027-10-31T01:30:00+01:00'],
    ['London 01:30 handoff on fall-back day, 01:29 BST', 'Europe/London', 'sunday', '01:30', '2027-10-31', '2027-10-31T00:29:00Z', ['ana', 'ben'], '2027-10-24T01:30:00+01:00'],
  ] as const)('%s', (_case, zone, weekday, time, change, at, expected, shiftStart) => {
    const answer = who(around(zone, weekday, time, change), at);
    expect(people(answer)).toEqual(expected);
    expect(iso(answer?.shift.startsAt.setZone(zone))).toBe(shiftStart);
    expect(answer?.oncall.map((entry) => entry.slot)).toEqual(['primary', 'secondary']);
  });

  it.each([
    ['NY 02:30, spring forward', 'America/New_York', '02:30', '2027-03-14', '2027-03-14T03:00:00-04:00'],
    ['NY 01:30, fall back', 'America/New_York', '01:30', '2027-11-07', '2027-11-07T01:30:00-04:00'],
    [
      'Lord Howe 02:15, spring forward',
      'Australia/Lord_Howe',
      '02:15',
      '2027-10-03',
      '2027-10-03T02:30:00+11:00',
    ],
  ])(
    '%s: the shift before a handoff in a gap or overlap ends exactly when the next begins',
    (_case, zone, time, change, handoff) => {
      const setup = around(zone, 'sunday', time, change);
      const [before, on, after] = timeline(rotationOf(setup), scheduleOf(setup));
      expect(iso(before?.endsAt.setZone(zone))).toBe(handoff);
      expect(iso(on?.startsAt.setZone(zone))).toBe(handoff);
      expect(on?.endsAt.toMillis()).toBe(after?.startsAt.toMillis());
    },
  );

  it.each([
    ['US spring forward', 'America/New_York', '2027-03-08', 167],
    ['US fall back', 'America/New_York', '2027-11-01', 169],
    ['EU spring forward', 'Europe/London', '2027-03-22', 167],
    ['EU fall back', 'Europe/London', '2027-10-25', 169],
  ])('a Monday 11:00 week holding the %s (%s, from %s) lasts %i hours', (_case, zone, start, hours) => {
    const setup: Setup = { zone, weekday: 'monday', time: '11:00', start, crews: [['ana', 'ben']] };
    const [shift] = timeline(rotationOf(setup), scheduleOf(setup));
    expect(shift?.endsAt.diff(shift.startsAt, 'hours').hours).toBe(hours);
    expect(shift?.endsAt.setZone(zone).toFormat('ccc HH:mm')).toBe('Mon 11:00');
  });
});

describe('whoIsOnCall with overrides', () => {
  /** Weekly Monday 11:00 in New York from 2027-01-04, with covers in the first shift. */
  const withOverrides: Setup = {
    zone: 'America/New_York',
    weekday: 'monday',
    time: '11:00',
    start: '2027-01-04',
    crews: [
      ['ana', 'ben'],
      ['cy', 'dee'],
    ],
    overrides: [
      { from: '2027-01-06T18:00', to: '2027-01-07T09:00', replace: 'ana', with: 'cy', reason: 'dentist' },
      // An explicit offset is that instant: 01:00Z is 20:00 EST the evening before.
      { from: '2027-01-08T02:00+01:00', to: '2027-01-08T06:00Z', replace: 'ben', with: 'eli' },
      // dee is not on call in the shift of 2027-01-04: no effect (integrity reports it).
      { from: '2027-01-05T00:00', to: '2027-01-06T00:00', replace: 'dee', with: 'fay' },
      // Logins compare case-insensitively.
      { from: '2027-01-09T10:00', to: '2027-01-09T12:00', replace: 'ANA', with: 'fay' },
    ],
  };
  const dentist = {
    replaces: 'ana',
    from: '2027-01-06T18:00:00-05:00',
    to: '2027-01-07T09:00:00-05:00',
    reason: 'dentist',
  };
  const evening = { replaces: 'ben', from: '2027-01-07T20:00:00-05:00', to: '2027-01-08T01:00:00-05:00' };

  // [case, at, expected oncall]
  // biome-ignore format: a table reads best one row per line
  it.each([
    ['a minute before from: the scheduled person', '2027-01-06T17:59:00-05:00', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'ben' }]],
    ['at from: the cover is on', '2027-01-06T18:00:00-05:00', [{ slot: 'primary', github: 'cy', override: dentist }, { slot: 'secondary', github: 'ben' }]],
    ['at from, given in UTC', '2027-01-06T23:00:00Z', [{ slot: 'primary', github: 'cy', override: dentist }, { slot: 'secondary', github: 'ben' }]],
    ['a millisecond before to: still the cover', '2027-01-07T08:59:59.999-05:00', [{ slot: 'primary', github: 'cy', override: dentist }, { slot: 'secondary', github: 'ben' }]],
    ['at to: the scheduled person is back', '2027-01-07T09:00:00-05:00', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'ben' }]],
    ['explicit offset, before from', '2027-01-07T19:59:00-05:00', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'ben' }]],
    ['explicit offset, at from', '2027-01-08T01:00:00Z', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'eli', override: evening }]],
    ['explicit offset, before to', '2027-01-08T00:59:00-05:00', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'eli', override: evening }]],
    ['explicit offset, at to', '2027-01-08T06:00:00Z', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'ben' }]],
    ['override of someone not in the shift: no effect', '2027-01-05T12:00:00-05:00', [{ slot: 'primary', github: 'ana' }, { slot: 'secondary', github: 'ben' }]],
    ['override naming the person in another case', '2027-01-09T11:00:00-05:00', [{ slot: 'primary', github: 'fay', override: { replaces: 'ana', from: '2027-01-09T10:00:00-05:00', to: '2027-01-09T12:00:00-05:00' } }, { slot: 'secondary', github: 'ben' }]],
    ['the next shift is untouched', '2027-01-11T11:00:00-05:00', [{ slot: 'primary', github: 'cy' }, { slot: 'secondary', github: 'dee' }]],
  ])('%s', (_case, at, expected) => {
    expect(who(withOverrides, at)?.oncall).toStrictEqual(expected);
  });

  it('a wall-clock cover across the spring-forward gap lasts 2 hours for 3 on the clock', () => {
    const setup: Setup = {
      zone: 'America/New_York',
      weekday: 'monday',
      time: '11:00',
      start: '2027-03-08',
      crews: [['ana', 'ben']],
      overrides: [{ from: '2027-03-14T01:00', to: '2027-03-14T04:00', replace: 'ana', with: 'fay' }],
    };
    expect(people(who(setup, '2027-03-14T05:59:00Z'))).toEqual(['ana', 'ben']);
    expect(people(who(setup, '2027-03-14T06:00:00Z'))).toEqual(['fay', 'ben']);
    expect(people(who(setup, '2027-03-14T07:59:00Z'))).toEqual(['fay', 'ben']);
    expect(people(who(setup, '2027-03-14T08:00:00Z'))).toEqual(['ana', 'ben']);
  });

  it('outside the published schedule, nobody: before the first handoff and from the last end on', () => {
    expect(who(withOverrides, '2027-01-04T10:59:59-05:00')).toBeUndefined();
    expect(iso(who(withOverrides, '2027-01-04T11:00:00-05:00')?.shift.startsAt)).toBe(
      '2027-01-04T11:00:00-05:00',
    );
    expect(people(who(withOverrides, '2027-01-18T10:59:59-05:00'))).toEqual(['cy', 'dee']);
    expect(who(withOverrides, '2027-01-18T11:00:00-05:00')).toBeUndefined();
  });
});

describe('oncall who', () => {
  const root = (extra: Record<string, string> = {}) => makeRepo({ ...smallRepoFiles(), ...extra });
  const withCover = () => {
    const files = smallRepoFiles();
    files['rotations/ops/schedule.yaml'] +=
      'overrides:\n  - { from: "2027-01-06T18:00", to: "2027-01-07T09:00", replace: ana, with: cy, reason: dentist }\n';
    return root(files);
  };
  const night = {
    'rotations/night/rotation.yaml': `name: night
members: { teams: [green] }
slots: [primary]
timezone: Europe/London
shift: { length_days: 7, handoff: { weekday: monday, time: "09:00" } }
start: 2027-01-04
publish_weeks_ahead: 4
`,
    'rotations/night/schedule.yaml': `rotation: night
shifts:
  - { start: 2027-01-04, primary: fay }
  - { start: 2027-01-11, primary: cy }
`,
  };

  it('prints the JSON contract field for field', async () => {
    const run = await runCli(['who', '--root', root(), '--at', '2027-01-05T12:00:00-05:00', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.json()).toStrictEqual({
      rotation: 'ops',
      at: '2027-01-05T12:00:00-05:00',
      shift: { start: '2027-01-04T11:00:00-05:00', end: '2027-01-11T11:00:00-05:00' },
      oncall: [
        { slot: 'primary', github: 'ana' },
        { slot: 'secondary', github: 'ben' },
      ],
    });
  });

  it('names the override when a cover is on', async () => {
    const run = await runCli(['who', '--root', withCover(), '--at', '2027-01-06T18:00:00-05:00', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toStrictEqual({
      rotation: 'ops',
      at: '2027-01-06T18:00:00-05:00',
      shift: { start: '2027-01-04T11:00:00-05:00', end: '2027-01-11T11:00:00-05:00' },
      oncall: [
        {
          slot: 'primary',
          github: 'cy',
          override: {
            replaces: 'ana',
            from: '2027-01-06T18:00:00-05:00',
            to: '2027-01-07T09:00:00-05:00',
            reason: 'dentist',
          },
        },
        { slot: 'secondary', github: 'ben' },
      ],
    });
    const back = await runCli(['who', '--root', withCover(), '--at', '2027-01-07T14:00:00Z', '--json']);
    expect(back.json().oncall).toStrictEqual([
      { slot: 'primary', github: 'ana' },
      { slot: 'secondary', github: 'ben' },
    ]);
  });

  it.each([
    ['a second before the handoff', '2027-01-11T10:59:59-05:00', ['ana', 'ben'], '2027-01-04T11:00:00-05:00'],
    ['at the handoff', '2027-01-11T11:00:00-05:00', ['cy', 'dee'], '2027-01-11T11:00:00-05:00'],
    ['at the handoff, given in UTC', '2027-01-11T16:00:00Z', ['cy', 'dee'], '2027-01-11T11:00:00-05:00'],
    ['in the last shift', '2027-02-28T23:00:00-05:00', ['ben', 'dee'], '2027-02-22T11:00:00-05:00'],
  ])('--at %s', async (_case, at, expected, start) => {
    const run = await runCli(['who', '--root', root(), '--at', at, '--json']);
    expect(run.code).toBe(0);
    const document = run.json();
    expect(DateTime.fromISO(document.at).toMillis()).toBe(DateTime.fromISO(at).toMillis());
    expect(document.shift.start).toBe(start);
    expect(document.oncall.map((entry: { github: string }) => entry.github)).toEqual(expected);
  });

  it('uses the clock when there is no --at', async () => {
    const run = await runCli(['who', '--root', root(), '--json'], '2027-01-12T09:00:00-05:00');
    expect(run.code).toBe(0);
    expect(run.json().at).toBe('2027-01-12T09:00:00-05:00');
    expect(run.json().oncall.map((entry: { github: string }) => entry.github)).toEqual(['cy', 'dee']);
  });

  it('answers for the rotation named by --rotation when there are two', async () => {
    const dir = root(night);
    const nightRun = await runCli([
      'who',
      '--root',
      dir,
      '--rotation',
      'night',
      '--at',
      '2027-01-11T08:59:00Z',
      '--json',
    ]);
    expect(nightRun.code).toBe(0);
    expect(nightRun.json()).toStrictEqual({
      rotation: 'night',
      at: '2027-01-11T08:59:00Z',
      shift: { start: '2027-01-04T09:00:00+00:00', end: '2027-01-11T09:00:00+00:00' },
      oncall: [{ slot: 'primary', github: 'fay' }],
    });
    const opsRun = await runCli([
      'who',
      '--root',
      dir,
      '--rotation',
      'ops',
      '--at',
      '2027-01-11T08:59:00Z',
      '--json',
    ]);
    expect(opsRun.code).toBe(0);
    expect(opsRun.json().rotation).toBe('ops');
    expect(opsRun.json().oncall.map((entry: { github: string }) => entry.github)).toEqual(['ana', 'ben']);
  });

  it('is a usage error (exit 2) without --rotation when there are two', async () => {
    const run = await runCli(['who', '--root', root(night), '--at', '2027-01-05T12:00:00-05:00', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--rotation/);
    expect(run.stderr).toMatch(/night/);
    expect(run.stderr).toMatch(/ops/);
  });

  it('is a usage error (exit 2) with an unknown --rotation', async () => {
    const run = await runCli(['who', '--root', root(), '--rotation', 'nope', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope/);
  });

  it.each([
    ['before the first handoff', '2027-01-04T10:59:00-05:00'],
    ['at the end of the last shift', '2027-03-01T11:00:00-05:00'],
    ['a year later', '2028-01-05T12:00:00Z'],
  ])('exits 1 with --at %s, outside the schedule', async (_case, at) => {
    const json = await runCli(['who', '--root', root(), '--at', at, '--json']);
    expect(json.code).toBe(1);
    const document = json.json();
    expect(document.rotation).toBe('ops');
    expect(document.shift).toBeNull();
    expect(document.oncall).toEqual([]);
    expect(document.error).toMatch(/no shift/);

    const human = await runCli(['who', '--root', root(), '--at', at]);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/no shift of "ops" is published/);
  });

  it('prints the people, slots and shift for a reader without --json', async () => {
    const run = await runCli(['who', '--root', root(), '--at', '2027-01-05T12:00:00-05:00']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ops');
    expect(run.stdout).toMatch(/primary\s+ana \(Ana, red, America\/New_York\)/);
    expect(run.stdout).toMatch(/secondary\s+ben \(Ben, blue, Europe\/London\)/);
    expect(run.stdout).toContain('2027-01-04 11:00');
    expect(run.stdout).toContain('2027-01-11 11:00');
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  it('says who covers whom without --json', async () => {
    const run = await runCli(['who', '--root', withCover(), '--at', '2027-01-06T20:00:00-05:00']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /primary\s+cy \(Cy, green, America\/Los_Angeles\) covering ana until 2027-01-07 09:00/,
    );
    expect(run.stdout).toContain('dentist');
  });

  it('rejects an --at without an offset (exit 2)', async () => {
    const run = await runCli(['who', '--root', root(), '--at', '2027-01-05T12:00']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/offset/);
  });
});
