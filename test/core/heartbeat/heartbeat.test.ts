/** The tick's dead-man's switch: when a stale heartbeat alerts, once per gap, and the status text. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  afterSuccessfulTick,
  type HeartbeatInput,
  type HeartbeatState,
  parseStatus,
  renderStatus,
  staleAlerts,
  withAlerted,
} from '../../../src/core/heartbeat/heartbeat.js';

const LAST = '2027-01-05T17:00:00.000Z'; // 12:00 in New York
const channels = [
  { channel: 'C0INCIDENTS', timezone: 'America/New_York' },
  { channel: 'C0DATA', timezone: 'America/Los_Angeles' },
];

function input(state: HeartbeatState | undefined, minutesLater: number, threshold = 20): HeartbeatInput {
  return {
    state,
    now: DateTime.fromISO(LAST).plus({ minutes: minutesLater }),
    thresholdMinutes: threshold,
    channels,
    repository: 'acme/oncall',
  };
}

const fresh: HeartbeatState = { version: 1, lastTick: LAST };

describe('a stale heartbeat', () => {
  it.each([
    [5, 0],
    [19, 0],
    [20, 2],
    [600, 2],
  ])('%i minutes after the last tick: %i alerts', (minutes, count) => {
    expect(staleAlerts(input(fresh, minutes))).toHaveLength(count);
  });

  it('says since when, in each channel’s zone, and what to do', () => {
    const [incidents, dataChannel] = staleAlerts(input(fresh, 47));
    expect(incidents?.channel).toBe('C0INCIDENTS');
    expect(incidents?.text).toContain('since Tue 5 Jan 12:00 ET (47 min ago)');
    expect(incidents?.text).toContain('acme/oncall');
    expect(incidents?.text).toContain('Run workflow');
    expect(dataChannel?.text).toContain('since Tue 5 Jan 09:00 PT');
  });

  it('alerts each channel once per gap', () => {
    const told = withAlerted(fresh, ['C0INCIDENTS']);
    expect(staleAlerts(input(told, 30)).map((alert) => alert.channel)).toEqual(['C0DATA']);
    const all = withAlerted(told, ['C0DATA']);
    expect(all.alerted).toEqual({ since: LAST, channels: ['C0INCIDENTS', 'C0DATA'] });
    expect(staleAlerts(input(all, 30))).toEqual([]);
    expect(staleAlerts(input(all, 300))).toEqual([]);
  });

  it('alerts again for a new gap after a successful tick', () => {
    const told = withAlerted(fresh, ['C0INCIDENTS', 'C0DATA']);
    const next = afterSuccessfulTick(input(told, 30)).state;
    expect(next.alerted).toBeUndefined();
    const later: HeartbeatInput = {
      ...input(next, 0),
      now: DateTime.fromISO(next.lastTick).plus({ minutes: 25 }),
    };
    expect(staleAlerts(later)).toHaveLength(2);
  });

  it('says nothing without a heartbeat, or with the alert off (threshold 0)', () => {
    expect(staleAlerts(input(undefined, 600))).toEqual([]);
    expect(staleAlerts(input(fresh, 600, 0))).toEqual([]);
  });
});

describe('a successful tick', () => {
  it('leaves a new heartbeat and says nothing after a short gap', () => {
    const result = afterSuccessfulTick(input(fresh, 5));
    expect(result.state).toEqual({ version: 1, lastTick: '2027-01-05T17:05:00.000Z' });
    expect(result.notices).toEqual([]);
  });

  it('says it runs again after a gap longer than the threshold', () => {
    const result = afterSuccessfulTick(input(fresh, 135));
    expect(result.notices.map((notice) => notice.channel)).toEqual(['C0INCIDENTS', 'C0DATA']);
    expect(result.notices[0]?.text).toContain('running again');
    expect(result.notices[0]?.text).toContain('since Tue 5 Jan 12:00 ET (2 h 15 min)');
  });

  it('says nothing on the very first tick', () => {
    expect(afterSuccessfulTick(input(undefined, 0)).notices).toEqual([]);
  });
});

describe('the status issue text', () => {
  it('keeps the state readable by people and by the next run', () => {
    const state = withAlerted(fresh, ['C0INCIDENTS']);
    const text = renderStatus(state);
    expect(text).toContain('last ran successfully at **2027-01-05 17:00 UTC**');
    expect(text).toContain('Alerted about this gap: C0INCIDENTS.');
    expect(text).not.toMatch(/@\w/);
    expect(parseStatus(text)).toEqual(state);
  });

  it.each([
    ['no state', 'hello'],
    ['broken JSON', '<!-- oncall-heartbeat {"version":1, -->'],
    ['another version', '<!-- oncall-heartbeat {"version":2,"lastTick":"2027-01-05T17:00:00Z"} -->'],
    ['a time that is not one', '<!-- oncall-heartbeat {"version":1,"lastTick":"soon"} -->'],
  ])('reads %s as no heartbeat', (_name, body) => {
    expect(parseStatus(body)).toBeUndefined();
  });
});
