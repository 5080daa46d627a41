/**
 * The calendar event model as plain data: which events each feed holds, their UIDs, summaries and
 * times, and how covers are cut to the time the replaced person is really on call.
 */
import { describe, expect, it } from 'vitest';
import { type CalendarFeed, type CalendarRotation, calendarFeeds } from '../../../src/core/calendar/feeds.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';

const ZONE = 'America/New_York';

function rotationFile(name = 'ops', zone = ZONE): RotationFile {
  return {
    name,
    members: { teams: ['red', 'blue'] },
    slots: ['primary', 'secondary'],
    timezone: zone,
    shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
    start: '2027-03-01',
    publish_weeks_ahead: 4,
  };
}

const SCHEDULE: ScheduleFile = {
  rotation: 'ops',
  shifts: [
    { start: '2027-03-01', primary: 'ana', secondary: 'ben' },
    { start: '2027-03-08', primary: 'cy', secondary: 'Ana' },
    { start: '2027-03-15', primary: 'ben', secondary: 'cy' },
  ],
  overrides: [
    { from: '2027-03-03T18:00', to: '2027-03-04T09:00', replace: 'ana', with: 'cy', reason: 'wedding' },
    // Runs past the end of ben's shift into cy's: only the part while ben is on call is a cover.
    { from: '2027-03-07T20:00', to: '2027-03-08T20:00', replace: 'ben', with: 'dee' },
    // dee is never on call: it replaces nobody, so it is no event.
    { from: '2027-03-09T10:00', to: '2027-03-09T12:00', replace: 'dee', with: 'ana' },
  ],
};

const roster = buildRoster([
  { github: 'ana', name: 'Ana', team: 'red', timezone: ZONE },
  { github: 'ben', name: 'Ben', team: 'blue', timezone: 'Europe/London' },
  { github: 'cy', name: 'Cy', team: 'red', timezone: ZONE },
  { github: 'dee', name: 'Dee', team: 'blue', timezone: ZONE },
  { github: 'Eve', name: 'Eve', team: 'blue', timezone: ZONE },
]);

function rotationOf(file: RotationFile, schedule: ScheduleFile): CalendarRotation {
  return {
    name: file.name,
    timezone: file.timezone,
    lengthDays: file.shift.length_days,
    handoff: file.shift.handoff,
    shifts: timeline(file, schedule),
    overrides: timedOverrides(file, schedule),
  };
}

function feeds(schedule = SCHEDULE): CalendarFeed[] {
  return calendarFeeds({
    rotations: [rotationOf(rotationFile(), schedule)],
    roster,
    uidDomain: 'example.org',
  });
}

function feedAt(all: CalendarFeed[], file: string): CalendarFeed {
  const found = all.find((feed) => feed.path === file);
  if (!found) throw new Error(`no feed ${file}`);
  return found;
}

function rows(feed: CalendarFeed) {
  return feed.events.map((event) => [
    event.uid,
    event.summary,
    event.start.toISO({ suppressMilliseconds: true }),
    event.end.toISO({ suppressMilliseconds: true }),
  ]);
}

describe('calendarFeeds', () => {
  it('has one feed per rotation, then one per roster person by lowercase login', () => {
    expect(feeds().map((feed) => [feed.kind, feed.path])).toEqual([
      ['rotation', 'ops.ics'],
      ['person', 'people/ana.ics'],
      ['person', 'people/ben.ics'],
      ['person', 'people/cy.ics'],
      ['person', 'people/dee.ics'],
      ['person', 'people/eve.ics'],
    ]);
    const eve = feedAt(feeds(), 'people/eve.ics');
    expect(eve).toMatchObject({ name: 'On call: Eve (Eve)', timezone: ZONE, events: [] });
    expect(feedAt(feeds(), 'people/ben.ics').timezone).toBe('Europe/London');
  });

  it('lists every shift and every effective cover in the rotation feed, in time order', () => {
    const ops = feedAt(feeds(), 'ops.ics');
    expect(ops.name).toBe('On call: ops');
    expect(ops.description).toContain('7 days from the Monday 11:00 handoff, America/New_York');
    expect(rows(ops)).toEqual([
      [
        'ops-2027-03-01@example.org',
        'on call: primary ana, secondary ben',
        '2027-03-01T11:00:00-05:00',
        '2027-03-08T11:00:00-05:00',
      ],
      [
        'ops-cover-ana-20270303T230000Z@example.org',
        'cy covers ana (wedding)',
        '2027-03-03T18:00:00-05:00',
        '2027-03-04T09:00:00-05:00',
      ],
      [
        'ops-cover-ben-20270308T010000Z@example.org',
        'dee covers ben',
        '2027-03-07T20:00:00-05:00',
        '2027-03-08T11:00:00-05:00',
      ],
      [
        'ops-2027-03-08@example.org',
        'on call: primary cy, secondary Ana',
        '2027-03-08T11:00:00-05:00',
        // 2027-03-14: New York moves to daylight time; the handoff stays at 11:00.
        '2027-03-15T11:00:00-04:00',
      ],
      [
        'ops-2027-03-15@example.org',
        'on call: primary ben, secondary cy',
        '2027-03-15T11:00:00-04:00',
        '2027-03-22T11:00:00-04:00',
      ],
    ]);
    expect(ops.events.map((event) => event.timezone)).toEqual(Array(5).fill(ZONE));
    const first = ops.events[0];
    expect(first?.description.split('\n')).toEqual([
      'ops shift of 2027-03-01: Mon 2027-03-01 11:00 to Mon 2027-03-08 11:00 (America/New_York)',
      'primary: ana (Ana, red)',
      'secondary: ben (Ben, blue)',
      'Covers during this shift:',
      '- cy covers ana (primary), Wed 2027-03-03 18:00 to Thu 2027-03-04 09:00 (America/New_York). Reason: wedding',
      '- dee covers ben (secondary), Sun 2027-03-07 20:00 to Mon 2027-03-08 11:00 (America/New_York)',
      'Published in rotations/ops/schedule.yaml; trade or cover through a pull request.',
    ]);
  });

  it('gives each person their slots, the covers they take and the covers of their time; logins match case-insensitively', () => {
    const all = feeds();
    expect(rows(feedAt(all, 'people/ana.ics')).map(([uid, summary]) => [uid, summary])).toEqual([
      ['ops-2027-03-01-primary@example.org', 'on call (primary), ops'],
      ['ops-cover-ana-20270303T230000Z-replace@example.org', 'off call: cy covers you (wedding), ops'],
      ['ops-2027-03-08-secondary@example.org', 'on call (secondary), ops'],
    ]);
    expect(rows(feedAt(all, 'people/cy.ics')).map(([uid, summary]) => [uid, summary])).toEqual([
      ['ops-cover-ana-20270303T230000Z-with@example.org', 'on call (primary, covering ana), ops'],
      ['ops-2027-03-08-primary@example.org', 'on call (primary), ops'],
      ['ops-2027-03-15-secondary@example.org', 'on call (secondary), ops'],
    ]);
    const dee = feedAt(all, 'people/dee.ics');
    expect(rows(dee)).toEqual([
      [
        'ops-cover-ben-20270308T010000Z-with@example.org',
        'on call (secondary, covering ben), ops',
        '2027-03-07T20:00:00-05:00',
        '2027-03-08T11:00:00-05:00',
      ],
    ]);
    expect(dee.events[0]?.kind).toBe('cover');
    const ben = feedAt(all, 'people/ben.ics');
    expect(ben.events.map((event) => event.kind)).toEqual(['shift', 'covered', 'shift']);
    expect(ben.events[0]?.description).toContain(
      'Covered by dee: Sun 2027-03-07 20:00 to Mon 2027-03-08 11:00',
    );
    expect(ben.events[0]?.description).toContain('primary: ana (Ana, red)');
  });

  it('keeps UIDs when people change, and changes only what the change touches', () => {
    const traded: ScheduleFile = {
      ...SCHEDULE,
      shifts: SCHEDULE.shifts.map((shift) =>
        shift.start === '2027-03-15' ? { ...shift, primary: 'dee' } : shift,
      ),
      overrides: SCHEDULE.overrides?.map((override, index) =>
        index === 0 ? { ...override, with: 'ben', to: '2027-03-04T10:00', reason: 'moved' } : override,
      ),
    };
    const before = feedAt(feeds(), 'ops.ics').events;
    const after = feedAt(feeds(traded), 'ops.ics').events;
    expect(after.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    const changed = after
      .filter((event, index) => event.summary !== before[index]?.summary)
      .map((event) => [event.uid, event.summary]);
    expect(changed).toEqual([
      ['ops-cover-ana-20270303T230000Z@example.org', 'ben covers ana (moved)'],
      ['ops-2027-03-15@example.org', 'on call: primary dee, secondary cy'],
    ]);
  });

  it('numbers the UIDs of two covers of one person from one instant, and splits a cover over two shifts', () => {
    const schedule: ScheduleFile = {
      rotation: 'ops',
      shifts: [
        { start: '2027-03-01', primary: 'ana', secondary: 'ben' },
        { start: '2027-03-08', primary: 'ana', secondary: 'cy' },
      ],
      overrides: [
        { from: '2027-03-07T12:00', to: '2027-03-09T12:00', replace: 'ana', with: 'dee' },
        { from: '2027-03-07T12:00', to: '2027-03-07T13:00', replace: 'ana', with: 'cy' },
      ],
    };
    const covers = feedAt(feeds(schedule), 'ops.ics').events.filter((event) => event.kind === 'cover');
    expect(covers.map((event) => [event.uid, event.summary])).toEqual([
      ['ops-cover-ana-20270307T170000Z-2027-03-01@example.org', 'dee covers ana'],
      ['ops-cover-ana-20270307T170000Z-2@example.org', 'cy covers ana'],
      ['ops-cover-ana-20270307T170000Z-2027-03-08@example.org', 'dee covers ana'],
    ]);
    const uids = feeds(schedule).flatMap((feed) => feed.events.map((event) => event.uid));
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('holds the same wall-clock handoff in every zone, whatever the offset that week', () => {
    const london = rotationFile('web', 'Europe/London');
    const schedule: ScheduleFile = {
      rotation: 'web',
      shifts: [
        { start: '2027-03-22', primary: 'ana', secondary: 'ben' },
        { start: '2027-03-29', primary: 'cy', secondary: 'dee' },
      ],
    };
    const [web] = calendarFeeds({ rotations: [rotationOf(london, schedule)], roster, uidDomain: 'x' });
    expect(web?.events.map((event) => [event.start.toISO(), event.end.toISO()])).toEqual([
      ['2027-03-22T11:00:00.000+00:00', '2027-03-29T11:00:00.000+01:00'],
      ['2027-03-29T11:00:00.000+01:00', '2027-04-05T11:00:00.000+01:00'],
    ]);
  });
});
