/**
 * The reliability table's timeline check: notifications are matched to the expected timeline by
 * recipient, issue and instant alone, never by the dedup key the code under test chose.
 */
import { describe, expect, it } from 'vitest';
import { checkTimeline, type Due, Observer, type Sent } from '../../scripts/reliability/measure.js';

const T = Date.parse('2027-01-06T08:00:00Z');
const MIN = 60_000;
const due = (to: string, at: number, lateMs = 0, issue = 1): Due => ({ to, issue, at, lateMs });
const sent = (to: string, at: number, label = '1:step-0', issue = 1): Sent => ({ to, issue, at, label });

function damage(expected: Due[], actual: Sent[]) {
  const obs = new Observer('case');
  checkTimeline(obs, expected, actual);
  const { lost, dupPages, mistimed } = obs.result().damage;
  return { lost, dupPages, mistimed };
}

describe('checkTimeline', () => {
  it.each([
    ['on time', [due('@ana', T)], [sent('@ana', T)], { lost: 0, dupPages: 0, mistimed: 0 }],
    [
      'within the allowed delay',
      [due('@ana', T, 10 * MIN)],
      [sent('@ana', T + 5 * MIN)],
      { lost: 0, dupPages: 0, mistimed: 0 },
    ],
    ['never sent', [due('@ana', T)], [], { lost: 1, dupPages: 0, mistimed: 0 }],
    [
      'early (an acknowledgement wait ignored)',
      [due('#incidents', T + 15 * MIN)],
      [sent('#incidents', T + 5 * MIN)],
      { lost: 0, dupPages: 0, mistimed: 2 },
    ],
    [
      'later than allowed',
      [due('@ana', T, 5 * MIN)],
      [sent('@ana', T + 10 * MIN)],
      { lost: 0, dupPages: 0, mistimed: 2 },
    ],
    [
      'sent twice under another dedup key (escalation restarted)',
      [due('@ana', T)],
      [sent('@ana', T), sent('@ana', T + 15 * MIN, '1:step-0b')],
      { lost: 0, dupPages: 1, mistimed: 0 },
    ],
    [
      'someone not in the timeline (off shift)',
      [due('@ana', T)],
      [sent('@ana', T), sent('@dee', T)],
      { lost: 0, dupPages: 0, mistimed: 1 },
    ],
    [
      'another issue is another notification',
      [due('@ana', T), due('@ana', T, 0, 2)],
      [sent('@ana', T), sent('@ana', T, '2:step-0', 2)],
      { lost: 0, dupPages: 0, mistimed: 0 },
    ],
    [
      'two due for one person (a reopened episode): each matched once, in order',
      [due('@ana', T), due('@ana', T + 60 * MIN, 5 * MIN)],
      [sent('@ana', T + 62 * MIN, '1:r1:step-0'), sent('@ana', T)],
      { lost: 0, dupPages: 0, mistimed: 0 },
    ],
  ])('%s', (_name, expected, actual, want) => {
    expect(damage(expected, actual)).toEqual(want);
  });
});
