import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, wallClock } from '../../../src/core/time/wall-clock.js';

describe('wallClock', () => {
  // [case, date, time, zone, expected instant (UTC), expected local wall clock]
  it.each([
    [
      'ordinary winter day, New York',
      '2027-01-04',
      '11:00',
      'America/New_York',
      '2027-01-04T16:00:00Z',
      '11:00',
    ],
    [
      'ordinary summer day, New York',
      '2027-07-05',
      '11:00',
      'America/New_York',
      '2027-07-05T15:00:00Z',
      '11:00',
    ],
    [
      'New York spring-forward day keeps 11:00',
      '2027-03-14',
      '11:00',
      'America/New_York',
      '2027-03-14T15:00:00Z',
      '11:00',
    ],
    [
      'New York fall-back day keeps 11:00',
      '2027-11-07',
      '11:00',
      'America/New_York',
      '2027-11-07T16:00:00Z',
      '11:00',
    ],
    [
      '02:30 does not exist in New York on 2027-03-14: first valid instant after is 03:00',
      '2027-03-14',
      '02:30',
      'America/New_York',
      '2027-03-14T07:00:00Z',
      '03:00',
    ],
    [
      '01:30 happens twice in New York on 2027-11-07: the first one',
      '2027-11-07',
      '01:30',
      'America/New_York',
      '2027-11-07T05:30:00Z',
      '01:30',
    ],
    [
      'London spring forward, 01:30 does not exist',
      '2027-03-28',
      '01:30',
      'Europe/London',
      '2027-03-28T01:00:00Z',
      '02:00',
    ],
    [
      'London fall back, 01:30 twice: the first (BST)',
      '2027-10-31',
      '01:30',
      'Europe/London',
      '2027-10-31T00:30:00Z',
      '01:30',
    ],
    [
      'London handoff on the change day',
      '2027-03-29',
      '11:00',
      'Europe/London',
      '2027-03-29T10:00:00Z',
      '11:00',
    ],
    [
      'Lord Howe half-hour spring forward: 02:15 does not exist, 02:30 is next',
      '2027-10-03',
      '02:15',
      'Australia/Lord_Howe',
      '2027-10-02T15:30:00Z',
      '02:30',
    ],
    [
      'Lord Howe half-hour fall back: 01:45 twice, the first (+11)',
      '2027-04-04',
      '01:45',
      'Australia/Lord_Howe',
      '2027-04-03T14:45:00Z',
      '01:45',
    ],
    [
      'Lord Howe ordinary handoff',
      '2027-04-05',
      '11:00',
      'Australia/Lord_Howe',
      '2027-04-05T00:30:00Z',
      '11:00',
    ],
  ])('%s', (_case, date, time, zone, utc, local) => {
    const instant = wallClock(date, time, zone);
    expect(instant.toUTC().toISO({ suppressMilliseconds: true })).toBe(utc);
    expect(instant.setZone(zone).toFormat('HH:mm')).toBe(local);
    expect(instant.zoneName).toBe(zone);
  });

  it('checks the fixture itself: the transitions are where the table assumes', () => {
    const offset = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).offset;
    expect(offset('2027-03-14T06:59:00', 'America/New_York')).toBe(-300);
    expect(offset('2027-03-14T07:00:00', 'America/New_York')).toBe(-240);
    expect(offset('2027-11-07T05:59:00', 'America/New_York')).toBe(-240);
    expect(offset('2027-11-07T06:00:00', 'America/New_York')).toBe(-300);
    expect(offset('2027-10-02T15:29:00', 'Australia/Lord_Howe')).toBe(630);
    expect(offset('2027-10-02T15:30:00', 'Australia/Lord_Howe')).toBe(660);
  });

  it('makes one handoff on a fall-back day: consecutive daily handoffs are 25 hours apart', () => {
    const before = wallClock('2027-11-06', '01:30', 'America/New_York');
    const on = wallClock('2027-11-07', '01:30', 'America/New_York');
    const after = wallClock('2027-11-08', '01:30', 'America/New_York');
    expect(on.diff(before, 'hours').hours).toBe(24);
    expect(after.diff(on, 'hours').hours).toBe(25);
  });
});

describe('parseLocalDateTime', () => {
  it('reads wall clock in the rotation zone', () => {
    expect(parseLocalDateTime('2026-12-09T18:00', 'America/New_York')?.toISO()).toBe(
      '2026-12-09T18:00:00.000-05:00',
    );
  });
  it('keeps an explicit offset as that instant', () => {
    expect(parseLocalDateTime('2026-12-09T18:00Z', 'America/New_York')?.toUTC().toISO()).toBe(
      '2026-12-09T18:00:00.000Z',
    );
  });
  it.each(['2026-02-30T10:00', '2026-12-09T25:00', '2026-13-01T10:00'])('rejects %s', (text) => {
    expect(parseLocalDateTime(text, 'America/New_York')).toBeUndefined();
  });
});
