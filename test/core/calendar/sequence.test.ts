/** SEQUENCE without a database: steady for unchanged events, higher for changed ones, never lower. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent, CalendarFeed } from '../../../src/core/calendar/feeds.js';
import {
  assignSequences,
  eventFingerprint,
  readSequenceState,
  sequenceAt,
} from '../../../src/core/calendar/sequence.js';

const T0 = DateTime.fromISO('2026-11-26T17:00:00Z', { zone: 'utc' });
const T1 = T0.plus({ hours: 5 });

function event(uid: string, summary: string, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = DateTime.fromISO('2027-03-01T11:00', { zone: 'America/New_York' });
  return {
    uid,
    kind: 'shift',
    rotation: 'ops',
    summary,
    description: 'd',
    start,
    end: start.plus({ days: 7 }),
    timezone: 'America/New_York',
    people: ['ana'],
    ...extra,
  };
}

function feedOf(...events: CalendarEvent[]): CalendarFeed[] {
  return [{ kind: 'rotation', path: 'ops.ics', name: 'n', description: 'd', timezone: 'UTC', events }];
}

describe('sequenceAt', () => {
  it.each([
    ['2020-01-01T00:00:00Z', 0],
    ['2019-06-01T00:00:00Z', 0],
    ['2020-01-01T00:01:59Z', 1],
    ['2026-11-26T17:00:00Z', 3_631_260],
  ])('%s → %i', (at, expected) => {
    expect(sequenceAt(DateTime.fromISO(at))).toBe(expected);
  });
});

describe('assignSequences', () => {
  it('gives every event the build minute when there is no previous state', () => {
    const { sequences, state } = assignSequences(feedOf(event('a', 'x'), event('b', 'y')), undefined, T0);
    expect([...sequences]).toEqual([
      ['a', 3_631_260],
      ['b', 3_631_260],
    ]);
    expect(Object.keys(state.events)).toEqual(['a', 'b']);
  });

  it('keeps the version of unchanged events, raises changed ones, drops removed ones, adds new ones', () => {
    const first = assignSequences(
      feedOf(event('a', 'x'), event('b', 'y'), event('gone', 'z')),
      undefined,
      T0,
    );
    const second = assignSequences(
      feedOf(event('a', 'x'), event('b', 'changed'), event('new', 'n')),
      first.state,
      T1,
    );
    expect(Object.fromEntries(second.sequences)).toEqual({
      a: sequenceAt(T0),
      b: sequenceAt(T1),
      new: sequenceAt(T1),
    });
    expect(Object.keys(second.state.events).sort()).toEqual(['a', 'b', 'new']);
  });

  it('still raises a changed event when the build time is older (a replay)', () => {
    const later = assignSequences(feedOf(event('a', 'x')), undefined, T1);
    const replay = assignSequences(feedOf(event('a', 'other')), later.state, T0);
    expect(replay.sequences.get('a')).toBe(sequenceAt(T1) + 1);
  });

  it.each<[string, Partial<CalendarEvent>]>([
    ['summary', { summary: 'other' }],
    ['description', { description: 'other' }],
    ['start', { start: DateTime.fromISO('2027-03-01T12:00', { zone: 'America/New_York' }) }],
    ['end', { end: DateTime.fromISO('2027-03-08T12:00', { zone: 'America/New_York' }) }],
    ['timezone', { timezone: 'UTC' }],
    ['people', { people: ['ben'] }],
  ])('counts a change of %s as a change', (_field, change) => {
    expect(eventFingerprint(event('a', 'x', change))).not.toBe(eventFingerprint(event('a', 'x')));
  });

  it('ignores what is not content: the same instant in another zone object is the same event', () => {
    const base = event('a', 'x');
    expect(eventFingerprint({ ...base, start: base.start.toUTC() })).toBe(eventFingerprint(base));
  });
});

describe('readSequenceState', () => {
  it('reads what assignSequences writes', () => {
    const { state } = assignSequences(feedOf(event('a', 'x')), undefined, T0);
    expect(readSequenceState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it.each([
    ['null', null],
    ['another version', { version: 2, events: {} }],
    ['events as a list', { version: 1, events: [] }],
    ['a negative sequence', { version: 1, events: { a: { sequence: -1, fingerprint: 'f' } } }],
    ['a fractional sequence', { version: 1, events: { a: { sequence: 1.5, fingerprint: 'f' } } }],
    ['no fingerprint', { version: 1, events: { a: { sequence: 1 } } }],
    ['a null entry', { version: 1, events: { a: null } }],
  ])('rejects %s', (_name, data) => {
    expect(readSequenceState(data)).toBeUndefined();
  });
});
