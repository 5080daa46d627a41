/**
 * The Slack sync plan: user groups and topics from who is on call now, compared with Slack.
 *
 * Two rotations share the user group S0ONCALL:
 *
 * | rotation | zone                | handoff        | channel      | shifts                                        |
 * |----------|---------------------|----------------|--------------|-----------------------------------------------|
 * | ops      | America/New_York    | Monday 11:00   | C0INCIDENTS  | 2027-01-04 ana/ben, 2027-01-11 cy/dee          |
 * | data     | America/Los_Angeles | Tuesday 09:00  | C0DATA       | 2027-01-05 eli, 2027-01-12 ana                 |
 *
 * ops has an override: fay covers ana from Wednesday 2027-01-06 18:00 to Thursday 09:00 (New York).
 * dee has no `slack` id but an email; gus has neither.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { RotationSource } from '../../../src/core/model/repository.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { Person, RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import {
  planSlackSync,
  type SlackState,
  type SyncRotation,
  slackOnCall,
  syncRotation,
} from '../../../src/core/slack-sync/plan.js';
import { TOPIC_MAX_CHARS } from '../../../src/core/slack-sync/topic.js';

const people: Person[] = [
  { github: 'ana', name: 'Ana', team: 'red', timezone: 'America/New_York', slack: 'U0ANA' },
  { github: 'ben', name: 'Ben', team: 'blue', timezone: 'Europe/London', slack: 'U0BEN' },
  { github: 'cy', name: 'Cy', team: 'green', timezone: 'America/Los_Angeles', slack: 'U0CY' },
  { github: 'dee', name: 'Dee', team: 'red', timezone: 'America/New_York', email: 'dee@example.com' },
  { github: 'eli', name: 'Eli', team: 'blue', timezone: 'Asia/Tokyo', slack: 'U0ELI' },
  { github: 'fay', name: 'Fay', team: 'green', timezone: 'America/Chicago', slack: 'U0FAY' },
  { github: 'gus', name: 'Gus', team: 'green', timezone: 'America/Chicago' },
];
const roster = buildRoster(people);

function rotation(
  name: string,
  input: {
    timezone: string;
    weekday: RotationFile['shift']['handoff']['weekday'];
    time: string;
    slots: string[];
    slack?: RotationFile['slack'];
    shifts: ScheduleFile['shifts'];
    overrides?: ScheduleFile['overrides'];
    lengthDays?: number;
  },
): SyncRotation {
  const source: RotationSource = {
    dir: name,
    rotationFile: `rotations/${name}/rotation.yaml`,
    scheduleFile: `rotations/${name}/schedule.yaml`,
    rotation: {
      name,
      members: { teams: ['red', 'blue', 'green'] },
      slots: input.slots,
      timezone: input.timezone,
      shift: { length_days: input.lengthDays ?? 7, handoff: { weekday: input.weekday, time: input.time } },
      start: input.shifts[0]?.start ?? '2027-01-04',
      publish_weeks_ahead: 4,
      ...(input.slack ? { slack: input.slack } : {}),
    },
    schedule: {
      rotation: name,
      shifts: input.shifts,
      ...(input.overrides ? { overrides: input.overrides } : {}),
    },
  };
  return syncRotation(source);
}

const ops = rotation('ops', {
  timezone: 'America/New_York',
  weekday: 'monday',
  time: '11:00',
  slots: ['primary', 'secondary'],
  slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' },
  shifts: [
    { start: '2027-01-04', primary: 'ana', secondary: 'ben' },
    { start: '2027-01-11', primary: 'cy', secondary: 'dee' },
  ],
  overrides: [
    { from: '2027-01-06T18:00', to: '2027-01-07T09:00', replace: 'ana', with: 'fay', reason: 'dentist' },
  ],
});

const data = rotation('data', {
  timezone: 'America/Los_Angeles',
  weekday: 'tuesday',
  time: '09:00',
  slots: ['primary'],
  slack: { usergroup: 'S0ONCALL', channel: 'C0DATA' },
  shifts: [
    { start: '2027-01-05', primary: 'eli' },
    { start: '2027-01-12', primary: 'ana' },
  ],
});

const ny = (time: string) => DateTime.fromISO(time, { zone: 'America/New_York' });

const nothing: SlackState = { groups: new Map(), topics: new Map() };

function plan(
  rotations: SyncRotation[],
  at: string,
  current: SlackState = nothing,
  found: Record<string, string> = {},
) {
  const onCall = slackOnCall(rotations, roster, ny(at));
  return { onCall, plan: planSlackSync(onCall, new Map(Object.entries(found)), current) };
}

/** Slack as it is after the plan's calls were made. */
function applied(result: ReturnType<typeof planSlackSync>, before: SlackState = nothing): SlackState {
  const groups = new Map(before.groups);
  const topics = new Map(before.topics);
  for (const call of result.calls) {
    if (call.kind === 'set-group') groups.set(call.usergroup, call.users);
    if (call.kind === 'set-topic') topics.set(call.channel, call.topic);
  }
  return { groups, topics };
}

describe('the user group shared by several rotations', () => {
  it('holds everyone on call now in any of them, and each channel names its own rotation', () => {
    const { plan: result } = plan([ops, data], '2027-01-06T12:00');
    expect(result.groups).toEqual([
      {
        usergroup: 'S0ONCALL',
        rotations: ['data', 'ops'],
        users: ['U0ANA', 'U0BEN', 'U0ELI'],
        changed: true,
      },
    ]);
    expect(result.calls).toEqual([
      { kind: 'set-topic', channel: 'C0DATA', topic: 'On call: @eli (primary) until Tue 09:00 PT' },
      {
        kind: 'set-topic',
        channel: 'C0INCIDENTS',
        topic: 'On call: @ana (primary), @ben (secondary) until Mon 11:00 ET',
      },
      { kind: 'set-group', usergroup: 'S0ONCALL', users: ['U0ANA', 'U0BEN', 'U0ELI'] },
    ]);
    expect(result.unresolved).toEqual([]);
  });

  it('counts someone on call in two rotations once', () => {
    // 2027-01-12 10:00 New York: ops has cy/dee, data (handoff 09:00 Los Angeles = 12:00 New York) still eli.
    // At 12:30 New York data has ana; ops has cy and dee (dee found by email).
    const { plan: result } = plan([ops, data], '2027-01-12T12:30', nothing, { dee: 'U0DEE' });
    expect(result.groups[0]?.users).toEqual(['U0ANA', 'U0CY', 'U0DEE']);
  });

  it('names the rotations in a topic when they share a channel', () => {
    const shared = rotation('data', {
      timezone: 'America/Los_Angeles',
      weekday: 'tuesday',
      time: '09:00',
      slots: ['primary'],
      slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' },
      shifts: [{ start: '2027-01-05', primary: 'eli' }],
    });
    const { plan: result } = plan([ops, shared], '2027-01-06T12:00');
    expect(result.topics).toEqual([
      {
        channel: 'C0INCIDENTS',
        topic:
          'On call: data: @eli (primary) until Tue 09:00 PT; ops: @ana (primary), @ben (secondary) until Mon 11:00 ET',
        changed: true,
      },
    ]);
  });

  it('leaves out rotations without Slack targets', () => {
    const quiet = rotation('quiet', {
      timezone: 'America/New_York',
      weekday: 'monday',
      time: '11:00',
      slots: ['primary'],
      shifts: [{ start: '2027-01-04', primary: 'cy' }],
    });
    const { onCall, plan: result } = plan([ops, quiet], '2027-01-06T12:00');
    expect(onCall.rotations.map((entry) => entry.name)).toEqual(['ops']);
    expect(result.groups[0]?.users).toEqual(['U0ANA', 'U0BEN']);
  });
});

describe('overrides', () => {
  it("put the cover's `with` in the group and the topic in place of the person covered", () => {
    const { plan: result } = plan([ops], '2027-01-06T20:00');
    expect(result.groups[0]?.users).toEqual(['U0BEN', 'U0FAY']);
    expect(result.topics[0]?.topic).toBe(
      'On call: @fay (primary, covering @ana until Thu 09:00), @ben (secondary) until Mon 11:00 ET',
    );
  });

  it('give the place back when the cover ends', () => {
    const during = plan([ops], '2027-01-06T20:00').plan;
    const back = plan([ops], '2027-01-07T09:00', applied(during)).plan;
    expect(back.calls).toEqual([
      {
        kind: 'set-topic',
        channel: 'C0INCIDENTS',
        topic: 'On call: @ana (primary), @ben (secondary) until Mon 11:00 ET',
      },
      { kind: 'set-group', usergroup: 'S0ONCALL', users: ['U0ANA', 'U0BEN'] },
    ]);
  });
});

describe('Slack ids', () => {
  it('asks to look up by email whoever is on call with no `slack` id, once', () => {
    const { onCall } = plan([ops, data], '2027-01-12T12:30');
    expect(onCall.lookups).toEqual([{ github: 'dee', email: 'dee@example.com' }]);
  });

  it('lists whoever no Slack id was found for as unresolved, keeps them out of the group and marks them in the topic', () => {
    const { plan: result } = plan([ops], '2027-01-12T12:00');
    expect(result.unresolved).toEqual([
      {
        rotation: 'ops',
        slot: 'secondary',
        github: 'dee',
        why: 'no `slack:` id in rotations/people.yaml and no Slack account for dee@example.com',
      },
    ]);
    expect(result.groups[0]?.users).toEqual(['U0CY']);
    expect(result.topics[0]?.topic).toBe(
      'On call: @cy (primary), @dee (secondary, not in Slack) until Mon 11:00 ET',
    );
  });

  it('uses the id found by email', () => {
    const { plan: result } = plan([ops], '2027-01-12T12:00', nothing, { dee: 'U0DEE' });
    expect(result.unresolved).toEqual([]);
    expect(result.groups[0]?.users).toEqual(['U0CY', 'U0DEE']);
  });

  it('reports someone not in the roster', () => {
    const stranger = rotation('ops', {
      timezone: 'America/New_York',
      weekday: 'monday',
      time: '11:00',
      slots: ['primary', 'secondary'],
      slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' },
      shifts: [{ start: '2027-01-04', primary: 'ana', secondary: 'zed' }],
    });
    const { plan: result } = plan([stranger], '2027-01-06T12:00');
    expect(result.unresolved).toEqual([
      { rotation: 'ops', slot: 'secondary', github: 'zed', why: 'not in rotations/people.yaml' },
    ]);
  });
});

describe('only what changed', () => {
  it.each([
    ['mid-shift', '2027-01-06T12:00'],
    ['during a cover', '2027-01-06T20:00'],
    ['with someone unresolved', '2027-01-12T12:00'],
  ])('plans no call when Slack already matches (%s)', (_name, at) => {
    const first = plan([ops, data], at).plan;
    const again = plan([ops, data], at, applied(first)).plan;
    expect(again.calls).toEqual([]);
    expect(again.groups.every((group) => !group.changed)).toBe(true);
    expect(again.topics.every((topic) => !topic.changed)).toBe(true);
  });

  it('plans nothing on later ticks of the same shift', () => {
    const state = applied(plan([ops], '2027-01-05T12:00').plan);
    for (const at of ['2027-01-05T12:05', '2027-01-05T23:55', '2027-01-06T17:55', '2027-01-11T10:55']) {
      expect(plan([ops], at, state).plan.calls, at).toEqual([]);
    }
  });

  it('compares group members as a set, and a topic as Slack writes it back', () => {
    const state: SlackState = {
      groups: new Map([['S0ONCALL', ['U0BEN', 'U0ANA', 'U0ANA']]]),
      topics: new Map([['C0INCIDENTS', '  On call: @ana (primary), @ben (secondary) until Mon 11:00 ET ']]),
    };
    expect(plan([ops], '2027-01-06T12:00', state).plan.calls).toEqual([]);
  });

  it('sets a group Slack did not list', () => {
    const state: SlackState = {
      groups: new Map(),
      topics: new Map([['C0INCIDENTS', 'On call: @ana (primary), @ben (secondary) until Mon 11:00 ET']]),
    };
    expect(plan([ops], '2027-01-06T12:00', state).plan.calls).toEqual([
      { kind: 'set-group', usergroup: 'S0ONCALL', users: ['U0ANA', 'U0BEN'] },
    ]);
  });

  it('changes both once at a handoff', () => {
    const before = applied(plan([ops], '2027-01-11T10:55').plan);
    const handoff = plan([ops], '2027-01-11T11:00', before, { dee: 'U0DEE' }).plan;
    expect(handoff.calls).toEqual([
      {
        kind: 'set-topic',
        channel: 'C0INCIDENTS',
        topic: 'On call: @cy (primary), @dee (secondary) until Mon 11:00 ET',
      },
      { kind: 'set-group', usergroup: 'S0ONCALL', users: ['U0CY', 'U0DEE'] },
    ]);
    expect(plan([ops], '2027-01-11T11:05', applied(handoff, before), { dee: 'U0DEE' }).plan.calls).toEqual(
      [],
    );
  });
});

describe('never an empty group', () => {
  const unreachable = rotation('ops', {
    timezone: 'America/New_York',
    weekday: 'monday',
    time: '11:00',
    slots: ['primary', 'secondary'],
    slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' },
    shifts: [
      { start: '2027-01-04', primary: 'ana', secondary: 'ben' },
      { start: '2027-01-11', primary: 'gus', secondary: 'dee' },
    ],
  });
  const before: SlackState = {
    groups: new Map([['S0ONCALL', ['U0ANA', 'U0BEN']]]),
    topics: new Map([['C0INCIDENTS', 'On call: @ana (primary), @ben (secondary) until Mon 11:00 ET']]),
  };

  it('alerts the channel instead of emptying the group, before the topic changes', () => {
    const { plan: result } = plan([unreachable], '2027-01-11T11:00', before);
    expect(result.groups).toEqual([{ usergroup: 'S0ONCALL', rotations: ['ops'], users: [], changed: false }]);
    expect(result.calls.map((call) => call.kind)).toEqual(['alert', 'set-topic']);
    const [alert, topic] = result.calls;
    expect(alert).toMatchObject({ kind: 'alert', channel: 'C0INCIDENTS' });
    const text = alert?.kind === 'alert' ? alert.text : '';
    expect(text).toContain('@gus (primary: no `slack:` id and no email in rotations/people.yaml)');
    expect(text).toContain(
      '@dee (secondary: no `slack:` id in rotations/people.yaml and no Slack account for dee@example.com)',
    );
    expect(text).toContain('user group S0ONCALL');
    expect(topic).toEqual({
      kind: 'set-topic',
      channel: 'C0INCIDENTS',
      topic: 'On call: @gus (primary, not in Slack), @dee (secondary, not in Slack) until Mon 11:00 ET',
    });
  });

  it('alerts once: the next tick finds the topic set and plans nothing', () => {
    const first = plan([unreachable], '2027-01-11T11:00', before).plan;
    expect(plan([unreachable], '2027-01-11T11:05', applied(first, before)).plan.calls).toEqual([]);
  });

  it('alerts when the published schedule has no shift now', () => {
    const { plan: result } = plan([ops], '2027-01-18T11:00', before);
    expect(result.calls.map((call) => call.kind)).toEqual(['alert', 'set-topic']);
    expect(result.calls[0]).toMatchObject({ text: expect.stringContaining('no published shift now') });
    expect(result.topics[0]?.topic).toBe('On call: nobody (no published shift now)');
  });

  it('reports a group with nobody and no channel to tell', () => {
    const groupOnly = rotation('ops', {
      timezone: 'America/New_York',
      weekday: 'monday',
      time: '11:00',
      slots: ['primary'],
      slack: { usergroup: 'S0ONCALL' },
      shifts: [{ start: '2027-01-04', primary: 'gus' }],
    });
    const { plan: result } = plan([groupOnly], '2027-01-05T12:00');
    expect(result.calls).toEqual([]);
    expect(result.problems).toEqual([expect.stringContaining('no channel is configured to tell')]);
  });
});

describe('the topic', () => {
  it.each([
    ['a shift of a week: its weekday', 7, 'until Mon 11:00 ET'],
    ['a longer shift: its date too', 14, 'until Mon 18 Jan 11:00 ET'],
  ])('writes the end of %s', (_name, lengthDays, expected) => {
    const long = rotation('ops', {
      timezone: 'America/New_York',
      weekday: 'monday',
      time: '11:00',
      slots: ['primary'],
      slack: { channel: 'C0INCIDENTS' },
      shifts: [{ start: '2027-01-04', primary: 'ana' }],
      lengthDays,
    });
    expect(plan([long], '2027-01-06T12:00').plan.topics[0]?.topic).toContain(expected);
  });

  it('keeps the same text across a daylight-saving change (the zone name is per instant)', () => {
    const spring = rotation('ops', {
      timezone: 'Europe/London',
      weekday: 'monday',
      time: '11:00',
      slots: ['primary'],
      slack: { channel: 'C0INCIDENTS' },
      shifts: [{ start: '2027-03-22', primary: 'ben' }],
    });
    // The shift ends on Monday 2027-03-29 11:00 BST (clocks went forward on 2027-03-28).
    const before = plan([spring], '2027-03-27T12:00').plan.topics[0]?.topic;
    const afterChange = plan([spring], '2027-03-28T12:00').plan.topics[0]?.topic;
    expect(before).toBe(afterChange);
    expect(before).toMatch(/^On call: @ben \(primary\) until Mon 11:00 /);
  });

  const longLogins = Array.from({ length: 12 }, (_, index) =>
    `engineer-with-a-long-login-${index}`.slice(0, 39),
  );
  const manyPeople = buildRoster(
    longLogins.map((github, index) => ({
      github,
      name: github,
      team: 'red',
      timezone: 'UTC',
      slack: `U0LONG${index}`,
    })),
  );

  it('fits 250 characters, dropping detail before names', () => {
    const crowded = ['alpha', 'bravo', 'charlie'].map((name, index) =>
      rotation(name, {
        timezone: 'America/New_York',
        weekday: 'monday',
        time: '11:00',
        slots: ['primary', 'secondary', 'tertiary', 'shadow'],
        slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' },
        shifts: [
          {
            start: '2027-01-04',
            primary: longLogins[index * 4] as string,
            secondary: longLogins[index * 4 + 1] as string,
            tertiary: longLogins[index * 4 + 2] as string,
            shadow: longLogins[index * 4 + 3] as string,
          },
        ],
      }),
    );
    const onCall = slackOnCall(crowded, manyPeople, ny('2027-01-06T12:00'));
    const result = planSlackSync(onCall, new Map(), nothing);
    const topic = result.topics[0]?.topic ?? '';
    expect(topic.length).toBeLessThanOrEqual(TOPIC_MAX_CHARS);
    expect(topic).not.toContain('(primary)');
    expect(
      topic.startsWith('On call: alpha: @engineer-with-a-long-login-0, @engineer-with-a-long-login-1'),
    ).toBe(true);
    expect(topic.endsWith('…')).toBe(true);
    expect(result.groups[0]?.users).toHaveLength(12);
  });

  it('keeps the slots when they fit, and drops a cover end before them', () => {
    // Logins of 17 characters: with the covers' ends the topic is 273 characters, without 241.
    const logins = Array.from({ length: 10 }, (_, index) => `longer-login-nr-${index}`);
    const roster17 = buildRoster(
      logins.map((github, index) => ({
        github,
        name: github,
        team: 'red',
        timezone: 'UTC',
        slack: `U0MID${index}`,
      })),
    );
    const two = ['alpha', 'bravo'].map((name, index) =>
      rotation(name, {
        timezone: 'America/New_York',
        weekday: 'monday',
        time: '11:00',
        slots: ['primary', 'secondary'],
        slack: { channel: 'C0INCIDENTS' },
        shifts: [
          {
            start: '2027-01-04',
            primary: logins[index * 2] as string,
            secondary: logins[index * 2 + 1] as string,
          },
        ],
        overrides: [
          {
            from: '2027-01-06T00:00',
            to: '2027-01-07T09:00',
            replace: logins[index * 2] as string,
            with: logins[8 + index] as string,
          },
        ],
      }),
    );
    const onCall = slackOnCall(two, roster17, ny('2027-01-06T12:00'));
    const topic = planSlackSync(onCall, new Map(), nothing).topics[0]?.topic ?? '';
    expect(topic.length).toBeLessThanOrEqual(TOPIC_MAX_CHARS);
    expect(topic).toContain('(primary, covering @longer-login-nr-0)');
    expect(topic).not.toContain('until Thu');
  });
});
