/**
 * The handoff's small rules: which handoff a run is about, medians and durations, the hours class
 * of a page on the paged person's own clock (DST included), the comp-time rule and the checklist.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checklistDone,
  checklistProgress,
  keepTicks,
  taskItems,
} from '../../../src/core/handoff/checklist.js';
import { formatMinutes, median } from '../../../src/core/handoff/durations.js';
import { findHandoff, handoffIsRecent } from '../../../src/core/handoff/handoff-time.js';
import {
  COMP_TIME_RULE,
  compTimeHours,
  formatCompTime,
  nightOf,
  tallyPages,
} from '../../../src/core/handoff/pages.js';
import { type WorkCalendar, workCalendar } from '../../../src/core/time/work-hours.js';
import { rotation, shifts } from './fixture.js';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('findHandoff: the latest shift start at or before now', () => {
  it.each([
    ['at the handoff instant', '2027-01-11T11:00:00-05:00', '2027-01-11', '2027-01-04'],
    ['a minute before it: still the week before', '2027-01-11T10:59:00-05:00', '2027-01-04', undefined],
    ['on the Sunday after', '2027-01-17T23:00:00-05:00', '2027-01-11', '2027-01-04'],
    ['the last published shift', '2027-01-20T09:00:00-05:00', '2027-01-18', '2027-01-11'],
  ])('%s', (_name, now, incoming, outgoing) => {
    const lookup = findHandoff(shifts, at(now));
    expect(lookup.found).toBe(true);
    if (!lookup.found) return;
    expect(lookup.handoff.date).toBe(incoming);
    expect(lookup.handoff.outgoing?.start).toBe(outgoing);
    expect(lookup.handoff.at.toISO()).toBe(lookup.handoff.incoming.startsAt.toISO());
  });

  it('before the first shift: no handoff yet', () => {
    const lookup = findHandoff(shifts, at('2027-01-01T12:00:00-05:00'));
    expect(lookup).toMatchObject({
      found: false,
      reason: 'no handoff yet: the first shift starts 2027-01-04',
    });
  });

  it('after the published schedule ran out: says to publish more weeks', () => {
    const lookup = findHandoff(shifts, at('2027-01-25T12:00:00-05:00'));
    expect(lookup.found).toBe(false);
    if (lookup.found) return;
    expect(lookup.reason).toContain('publish more weeks');
    expect(lookup.at?.toISO()).toBe(at('2027-01-25T11:00:00-05:00').toISO());
  });

  it.each([
    ['7 minutes after', '2027-01-11T16:07:00Z', true],
    ['37 minutes after', '2027-01-11T16:37:00Z', true],
    ['67 minutes after (the other season’s cron)', '2027-01-11T17:07:00Z', false],
    ['before it', '2027-01-11T15:07:00Z', false],
  ])('a scheduled run %s the handoff acts: %s', (_name, now, acts) => {
    expect(handoffIsRecent(at('2027-01-11T11:00:00-05:00'), at(now), 60)).toBe(acts);
  });
});

describe('medians and durations', () => {
  it.each([
    [[], undefined],
    [[12], 12],
    [[30, 12, 20], 20],
    [[10, 20, 30, 41], 25],
    [[125, 1260], 693],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [0, '0 min'],
    [-3, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [125, '2 h 5 min'],
    [1440, '1 d'],
    [1500, '1 d 1 h'],
  ])('%i minutes read "%s"', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe('pages split by hours class on the paged person’s own clock', () => {
  const calendar: WorkCalendar = workCalendar(rotation, new Set(['2027-01-18']));
  const week = { from: at('2027-01-01T00:00:00Z'), to: at('2027-04-01T00:00:00Z') };
  const tally = (to: string, iso: string, zone: string) =>
    tallyPages({ ...week, pages: [{ to: [to], at: iso }], always: [], zoneOf: () => zone, calendar })[0];

  it.each([
    // One instant, three people: work in New York, off hours in London, sleep in Tokyo.
    ['2027-01-12T15:00:00Z', 'America/New_York', 'Tue 10:00', 'work'],
    ['2027-01-12T19:30:00Z', 'Europe/London', 'Tue 19:30', 'off'],
    ['2027-01-12T15:00:00Z', 'Asia/Tokyo', 'Wed 00:00', 'sleep'],
    // The edges of sleep hours: 22:00 is asleep, 07:00 is awake.
    ['2027-01-13T03:00:00Z', 'America/New_York', 'Tue 22:00', 'sleep'],
    ['2027-01-13T02:59:00Z', 'America/New_York', 'Tue 21:59', 'off'],
    ['2027-01-13T12:00:00Z', 'America/New_York', 'Wed 07:00', 'off'],
    ['2027-01-13T11:59:00Z', 'America/New_York', 'Wed 06:59', 'sleep'],
    // A weekend afternoon and a public holiday are off hours.
    ['2027-01-16T18:00:00Z', 'America/New_York', 'Sat 13:00', 'off'],
    ['2027-01-18T15:00:00Z', 'America/New_York', 'Mon 10:00', 'off'],
    // Across the US spring-forward (2027-03-14): 09:30 EDT is 13:30Z, work; London still on GMT.
    ['2027-03-15T13:30:00Z', 'America/New_York', 'Mon 09:30', 'work'],
    ['2027-03-15T13:30:00Z', 'Europe/London', 'Mon 13:30', 'work'],
    ['2027-03-14T06:30:00Z', 'America/New_York', 'Sun 01:30', 'sleep'],
    ['2027-03-14T07:30:00Z', 'America/New_York', 'Sun 03:30', 'sleep'],
  ])('%s in %s (%s) is %s', (iso, zone, local, part) => {
    expect(at(iso).setZone(zone).setLocale('en').toFormat('ccc HH:mm')).toBe(local);
    const person = tally('someone', iso, zone);
    expect({ work: person?.work, off: person?.offHours, sleep: person?.sleep }).toEqual({
      work: part === 'work' ? 1 : 0,
      off: part === 'off' ? 1 : 0,
      sleep: part === 'sleep' ? 1 : 0,
    });
  });

  it('counts a page once per person, and only inside the week', () => {
    const pages = [
      { to: ['ana', 'ana', 'ben'], at: '2027-01-12T15:00:00Z' },
      { to: ['ana'], at: '2026-12-31T23:59:00Z' },
      { to: ['ana'], at: '2027-04-01T00:00:00Z' },
    ];
    const result = tallyPages({
      ...week,
      pages,
      always: ['ben'],
      zoneOf: () => 'America/New_York',
      calendar,
    });
    expect(result.map((p) => [p.github, p.work])).toEqual([
      ['ben', 1],
      ['ana', 1],
    ]);
  });

  it('names a night by the evening it starts on', () => {
    expect(nightOf(at('2027-01-13T03:30:00Z'), 'America/New_York')).toBe('2027-01-12'); // Tue 22:30
    expect(nightOf(at('2027-01-13T09:30:00Z'), 'America/New_York')).toBe('2027-01-12'); // Wed 04:30
    expect(nightOf(at('2027-01-13T09:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-13'); // Wed 18:30 (not asleep)
  });
});

describe('the comp-time rule', () => {
  it('is half a day per night paged in sleep hours and an hour per off-hours page', () => {
    expect(COMP_TIME_RULE).toMatchObject({ perNightHours: 4, perOffHoursPageHours: 1 });
    expect(compTimeHours(0, 0)).toBe(0);
    expect(compTimeHours(3, 0)).toBe(3);
    expect(compTimeHours(0, 1)).toBe(4);
    expect(compTimeHours(1, 2)).toBe(9);
  });

  it('three pages in one night are one night', () => {
    const pages = ['2027-01-13T04:00:00Z', '2027-01-13T06:00:00Z', '2027-01-13T09:00:00Z'].map((iso) => ({
      to: ['ana'],
      at: iso,
    }));
    const [ana] = tallyPages({
      pages,
      from: at('2027-01-11T00:00:00Z'),
      to: at('2027-01-18T00:00:00Z'),
      always: [],
      zoneOf: () => 'America/New_York',
      calendar: workCalendar(rotation),
    });
    expect(ana).toMatchObject({ sleep: 3, nights: ['2027-01-12'], compHours: 4 });
  });

  it.each([
    [0, 'none'],
    [1, '1 h'],
    [3, '3 h'],
    [4, '½ day'],
    [5, '½ day + 1 h'],
    [8, '1 day'],
    [12, '1½ days'],
    [13, '1½ days + 1 h'],
    [16, '2 days'],
  ])('%i hours read "%s"', (hours, text) => {
    expect(formatCompTime(hours)).toBe(text);
  });
});

describe('the checklist', () => {
  const body = [
    '## Handoff',
    '- [x] Roll over resolved items',
    '- [X] Review active incidents',
    '* [ ] Assign remaining actions',
    '1. [x] Update playbooks',
    '```',
    '- [ ] an example in a code block is not a task',
    '```',
    '- not a task [ ]',
  ].join('\n');

  it('reads ticked and unticked boxes, skipping code blocks', () => {
    expect(taskItems(body).map((item) => [item.text, item.done])).toEqual([
      ['Roll over resolved items', true],
      ['Review active incidents', true],
      ['Assign remaining actions', false],
      ['Update playbooks', true],
    ]);
    expect(checklistProgress(body)).toEqual({ done: 3, total: 4 });
    expect(checklistDone(body)).toBe(false);
  });

  it('is done only when every box is ticked, and a body without boxes is not done', () => {
    expect(checklistDone(body.replace('* [ ]', '* [x]'))).toBe(true);
    expect(checklistDone('no boxes here')).toBe(false);
  });

  it('keeps the ticks people made when the bot rewrites the body', () => {
    const fresh = '- [ ] Roll over resolved items\n- [ ] Review active incidents\n- [ ] New item';
    expect(keepTicks(fresh, body)).toBe(
      '- [x] Roll over resolved items\n- [x] Review active incidents\n- [ ] New item',
    );
    expect(keepTicks(fresh, 'nothing ticked')).toBe(fresh);
  });
});
