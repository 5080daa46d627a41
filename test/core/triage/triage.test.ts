import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TriageDecision, TriageEvent, TriageIssue } from '../../../src/core/triage/decision.js';
import { POLICY } from '../../../src/core/triage/policy.js';
import { triageIssue } from '../../../src/core/triage/triage.js';
import {
  bugBody,
  incidentBody,
  repository,
  requestBody,
  rotationSource,
  usHolidays2027,
} from '../../helpers/triage-fixture.js';

/** Instants used below, with the local times that make them interesting (checked by the first test). */
const AT = {
  /** Saturday 03:00 New York: ana (NY) and ben (London) on call. */
  saturdayNight: '2027-01-09T03:00-05:00',
  /** Tuesday noon New York, 17:00 London: both in work hours. */
  tuesdayNoon: '2027-01-05T12:00-05:00',
  /** Tuesday 14:00 New York, 19:00 London: ana in, ben out. */
  tuesdayAfternoon: '2027-01-05T14:00-05:00',
  /** Friday 22:00 New York: both out until Monday. */
  fridayNight: '2027-01-08T22:00-05:00',
  /** Friday 20:00 New York before MLK day; cy (Los Angeles, 17:00) and dee (New York) on call. */
  beforeHoliday: '2027-01-15T20:00-05:00',
  /** Saturday before the US spring-forward Sunday 2027-03-14; ana and ben on call. */
  beforeSpringForward: '2027-03-13T12:00-05:00',
  /** Wednesday 20:00 New York: dee/eli on call, fay covers dee (override); eli is at Thursday 10:00 in Tokyo. */
  duringOverride: '2027-02-03T20:00-05:00',
  /** After the last published shift. */
  unpublished: '2027-06-01T12:00-04:00',
} as const;

const member = { author: 'fay', authorAssociation: 'MEMBER' };
const outsider = { author: 'visitor', authorAssociation: 'NONE' };

interface IssueSpec extends Partial<TriageIssue> {
  event?: TriageEvent;
}

function run(spec: IssueSpec, at: string) {
  const { event, ...issue } = spec;
  return triageIssue({
    issue: { title: 'Checkout is failing', body: null, labels: [], ...member, ...issue },
    ...(event ? { event } : {}),
    repository,
    rotation: rotationSource,
    holidays: usHolidays2027,
    now: DateTime.fromISO(at, { setZone: true }),
    links: { repository: 'https://github.com/acme/oncall', ref: 'main' },
  });
}

function decide(spec: IssueSpec, at: string): TriageDecision {
  const result = run(spec, at);
  if (!result.triaged) throw new Error(`not triaged: ${result.reason}`);
  return result.decision;
}

describe('the fixture', () => {
  it.each([
    [AT.saturdayNight, 'America/New_York', 'Sat 03:00'],
    [AT.tuesdayAfternoon, 'Europe/London', 'Tue 19:00'],
    [AT.beforeHoliday, 'America/Los_Angeles', 'Fri 17:00'],
    [AT.duringOverride, 'Asia/Tokyo', 'Thu 10:00'],
    [AT.duringOverride, 'America/Chicago', 'Wed 19:00'],
  ])('%s is %s %s', (at, zone, local) => {
    expect(
      DateTime.fromISO(at, { setZone: true }).setZone(zone).setLocale('en-US').toFormat('ccc HH:mm'),
    ).toBe(local);
  });
});

describe('triage decisions, one policy line at a time', () => {
  type Expected = Partial<
    Pick<
      TriageDecision,
      'kind' | 'severity' | 'system' | 'team' | 'assignees' | 'labels' | 'unlabel' | 'routed'
    >
  > & {
    now?: string[];
    later?: { slot: string; github: string; at: string }[];
    oncall?: string[];
  };
  // [case, issue, at, expected]
  it.each<[string, IssueSpec, string, Expected]>([
    [
      'sev:1 from the form pages both on-call people and the point-people at 03:00',
      { labels: ['incident'], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.saturdayNight,
      {
        kind: 'incident',
        severity: 1,
        system: 'gravity',
        team: 'blue',
        oncall: ['ana', 'ben'],
        now: ['ana', 'ben', 'cy', 'dee'],
        later: [],
        assignees: ['ana', 'ben'],
        labels: ['incident', 'sev:1', 'system:gravity', 'status:paged'],
        unlabel: [],
        routed: false,
      },
    ],
    [
      'sev:2 (not down) in work hours for both pages both now',
      { labels: ['incident'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.tuesdayNoon,
      {
        severity: 2,
        now: ['ana', 'ben'],
        later: [],
        assignees: ['ana', 'ben'],
        labels: ['incident', 'sev:2', 'system:gravity', 'status:paged'],
      },
    ],
    [
      'sev:2 pages the one in work hours now, the other at the start of their work hours (London)',
      { labels: ['incident'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.tuesdayAfternoon,
      {
        severity: 2,
        now: ['ana'],
        later: [{ slot: 'secondary', github: 'ben', at: '2027-01-06T09:00:00+00:00' }],
        assignees: ['ana', 'ben'],
      },
    ],
    [
      'sev:2 on Friday night defers both pages to Monday morning, each on their own clock',
      { labels: ['incident'], body: incidentBody('No', 'force — Force (website)') },
      AT.fridayNight,
      {
        severity: 2,
        system: 'force',
        now: [],
        later: [
          { slot: 'primary', github: 'ana', at: '2027-01-11T09:00:00-05:00' },
          { slot: 'secondary', github: 'ben', at: '2027-01-11T09:00:00+00:00' },
        ],
        labels: ['incident', 'sev:2', 'system:force', 'status:deferred'],
      },
    ],
    [
      "sev:2 before a public holiday: the page skips MLK day, when dee's shift ends: fay, secondary then, gets it",
      { labels: ['incident'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.beforeHoliday,
      {
        oncall: ['cy', 'dee'],
        now: ['cy'],
        later: [{ slot: 'secondary', github: 'fay', at: '2027-01-19T09:00:00-06:00' }],
      },
    ],
    [
      'sev:2 over the spring-forward weekend: 09:00 EDT in New York, 09:00 GMT in London',
      { labels: ['incident'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.beforeSpringForward,
      {
        now: [],
        later: [
          { slot: 'primary', github: 'ana', at: '2027-03-15T09:00:00-04:00' },
          { slot: 'secondary', github: 'ben', at: '2027-03-15T09:00:00+00:00' },
        ],
      },
    ],
    [
      'an override puts the cover on call: fay is paged, not dee (who is still a point-person)',
      { labels: ['incident'], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.duringOverride,
      { oncall: ['fay', 'eli'], now: ['fay', 'eli', 'cy', 'dee'], assignees: ['fay', 'eli'] },
    ],
    [
      'sev:2 during the override: eli (Tokyo, Thursday 10:00) now; the cover ends at 09:00 New York, so dee, not fay, in the morning',
      { labels: ['incident'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.duringOverride,
      { now: ['eli'], later: [{ slot: 'primary', github: 'dee', at: '2027-02-04T09:00:00-05:00' }] },
    ],
    [
      'an incident that does not say whether it is down is sev:2',
      { labels: ['incident'], body: incidentBody(undefined, 'gravity — Gravity (core API)') },
      AT.tuesdayNoon,
      { kind: 'incident', severity: 2, now: ['ana', 'ben'] },
    ],
    [
      'a bug pages nobody and goes to the owning team (team:red)',
      { labels: ['bug'], body: bugBody('force — Force (website)') },
      AT.saturdayNight,
      {
        kind: 'bug',
        severity: 3,
        system: 'force',
        team: 'red',
        now: [],
        later: [],
        assignees: [],
        labels: ['bug', 'sev:3', 'system:force', 'team:red', 'status:routed'],
        routed: true,
      },
    ],
    [
      'a request pages nobody and goes to the owning team (team:blue)',
      { labels: ['request'], body: requestBody('gravity — Gravity (core API)') },
      AT.tuesdayNoon,
      {
        kind: 'request',
        severity: 3,
        team: 'blue',
        now: [],
        assignees: [],
        labels: ['request', 'sev:3', 'system:gravity', 'team:blue', 'status:routed'],
      },
    ],
    [
      'an incident labelled sev:3 is routed like a bug, although the form says down',
      { labels: ['incident', 'sev:3'], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.tuesdayNoon,
      {
        kind: 'incident',
        severity: 3,
        routed: true,
        now: [],
        assignees: [],
        labels: ['incident', 'sev:3', 'system:gravity', 'team:blue', 'status:routed'],
      },
    ],
    [
      'a sev:2 label overrides the form saying down: deferred at 03:00',
      { labels: ['incident', 'sev:2'], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.saturdayNight,
      {
        severity: 2,
        now: [],
        later: [
          { slot: 'primary', github: 'ana', at: '2027-01-11T09:00:00-05:00' },
          { slot: 'secondary', github: 'ben', at: '2027-01-11T09:00:00+00:00' },
        ],
      },
    ],
    [
      'a sev:1 label overrides the form saying not down',
      { labels: ['incident', 'sev:1'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.saturdayNight,
      { severity: 1, now: ['ana', 'ben', 'cy', 'dee'] },
    ],
    [
      'a system label overrides the form',
      { labels: ['incident', 'system:gravity'], body: incidentBody('Yes', 'force — Force (website)') },
      AT.saturdayNight,
      { system: 'gravity', team: 'blue', now: ['ana', 'ben', 'cy', 'dee'] },
    ],
    [
      'the form may name a system by its bare id or its title',
      { labels: ['incident'], body: incidentBody('Yes', 'Force (website)') },
      AT.saturdayNight,
      { system: 'force', now: ['ana', 'ben'] },
    ],
    [
      'an unknown system is still triaged: sev:1 pages the on-call pair, no point-people',
      { labels: ['incident'], body: incidentBody('Yes', 'billing') },
      AT.saturdayNight,
      {
        severity: 1,
        system: undefined,
        team: undefined,
        now: ['ana', 'ben'],
        labels: ['incident', 'sev:1', 'status:paged'],
      },
    ],
    [
      '"not sure" names no system',
      { labels: ['incident'], body: incidentBody('No', 'Not sure / something else') },
      AT.tuesdayNoon,
      { severity: 2, system: undefined, now: ['ana', 'ben'] },
    ],
    [
      'a bug for an unknown system is routed to nobody yet',
      { labels: ['bug'], body: bugBody('Not sure / something else') },
      AT.tuesdayNoon,
      { kind: 'bug', routed: true, team: undefined, labels: ['bug', 'sev:3', 'status:routed'] },
    ],
    [
      'an issue from the incident form without its label: the form marker says incident',
      { labels: [], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.saturdayNight,
      { kind: 'incident', severity: 1 },
    ],
    [
      'a bug-form issue without its label: the form marker says bug',
      { labels: [], body: bugBody('gravity — Gravity (core API)') },
      AT.saturdayNight,
      { kind: 'bug', severity: 3, team: 'blue' },
    ],
    [
      'an incident label on free text: sev:2, no system',
      { labels: ['incident'], body: 'Everything is slow.' },
      AT.tuesdayNoon,
      { kind: 'incident', severity: 2, system: undefined, now: ['ana', 'ben'] },
    ],
    [
      'two severity labels when opened: the more severe one holds, the other comes off',
      { labels: ['incident', 'sev:3', 'sev:1'], body: incidentBody('No', 'gravity — Gravity (core API)') },
      AT.saturdayNight,
      { severity: 1, unlabel: ['sev:3'] },
    ],
    [
      'sev:1 just added to a routed bug: it becomes a paged incident',
      {
        labels: ['bug', 'sev:3', 'system:force', 'team:red', 'status:routed', 'sev:1'],
        body: bugBody('force — Force (website)'),
        event: { action: 'labeled', label: 'sev:1' },
      },
      AT.saturdayNight,
      {
        kind: 'incident',
        severity: 1,
        routed: false,
        now: ['ana', 'ben'],
        unlabel: ['bug', 'sev:3'],
        labels: ['incident', 'sev:1', 'system:force', 'status:paged'],
      },
    ],
    [
      'bug just added to a sev:1 incident: routed, the urgent labels come off',
      {
        labels: ['incident', 'sev:1', 'system:force', 'bug'],
        body: incidentBody('Yes', 'force — Force (website)'),
        event: { action: 'labeled', label: 'bug' },
      },
      AT.saturdayNight,
      {
        kind: 'bug',
        severity: 3,
        routed: true,
        now: [],
        unlabel: ['incident', 'sev:1'],
        labels: ['bug', 'sev:3', 'system:force', 'team:red', 'status:routed'],
      },
    ],
    [
      'sev:3 just added to a sev:1 incident: the added one wins',
      {
        labels: ['incident', 'sev:1', 'sev:3'],
        body: incidentBody('Yes', 'force — Force (website)'),
        event: { action: 'labeled', label: 'sev:3' },
      },
      AT.saturdayNight,
      { kind: 'incident', severity: 3, routed: true, unlabel: ['sev:1'] },
    ],
    [
      'nobody on call (no shift published): sev:1 still pages the point-people',
      { labels: ['incident'], body: incidentBody('Yes', 'gravity — Gravity (core API)') },
      AT.unpublished,
      { oncall: [], now: ['cy', 'dee'], assignees: [] },
    ],
  ])('%s', (_case, issue, at, expected) => {
    const decision = decide(issue, at);
    const { now, later, oncall, ...fields } = expected;
    for (const [key, value] of Object.entries(fields)) {
      expect(decision[key as keyof TriageDecision], key).toEqual(value);
    }
    if (now) expect(decision.page.now).toEqual(now);
    if (later) expect(decision.page.later).toEqual(later);
    if (oncall) expect(decision.oncall.map((entry) => entry.github)).toEqual(oncall);
    // The reply always quotes the policy line that decided, word for word.
    expect(decision.reply).toContain(`> ${decision.why.policy}`);
  });
});

describe('the reply', () => {
  it('quotes the policy line for each decision', () => {
    expect(
      decide({ labels: ['incident'], body: incidentBody('Yes', 'gravity') }, AT.saturdayNight).reply,
    ).toContain(POLICY.sev1);
    expect(
      decide({ labels: ['incident'], body: incidentBody('No', 'gravity') }, AT.saturdayNight).reply,
    ).toContain(POLICY.sev2);
    expect(decide({ labels: ['bug'], body: bugBody('gravity') }, AT.saturdayNight).reply).toContain(
      POLICY.routed,
    );
  });

  it('mentions who has it and says the off-hours target at night', () => {
    const { reply, target } = decide(
      { labels: ['incident'], body: incidentBody('Yes', 'gravity') },
      AT.saturdayNight,
    );
    expect(reply).toMatch(/@ana \(primary\) and @ben \(secondary\) are on call and assigned/);
    expect(reply).toContain('@cy and @dee');
    expect(target).toEqual({ minutes: 30, applies: 'off-hours', from: 'now' });
    expect(reply).toContain('within **30 minutes**');
    expect(reply).toContain('https://github.com/acme/oncall/blob/main/playbooks/gravity.md');
  });

  it('says the business-hours target when someone paged is at work', () => {
    const { reply, target } = decide(
      { labels: ['incident'], body: incidentBody('No', 'gravity') },
      AT.tuesdayAfternoon,
    );
    expect(target).toEqual({ minutes: 10, applies: 'business-hours', from: 'now' });
    expect(reply).toContain(
      'within **10 minutes**: business hours apply, as it is work hours for @ana (14:00 Tuesday, America/New_York)',
    );
  });

  it('gives the local time of a deferred page, and its target from that page', () => {
    const { reply, target } = decide(
      { labels: ['incident'], body: incidentBody('No', 'gravity') },
      AT.fridayNight,
    );
    expect(target).toEqual({ minutes: 10, applies: 'business-hours', from: 'deferred-page' });
    expect(reply).toContain('Monday 2027-01-11 09:00 America/New_York (14:00 UTC)');
    expect(reply).toContain('Monday 2027-01-11 09:00 Europe/London (09:00 UTC)');
  });

  it('tells a downgraded report why it is not paged now, and how to say it is down', () => {
    const { reply } = decide({ labels: ['incident'], body: incidentBody('No', 'gravity') }, AT.fridayNight);
    expect(reply).toContain('urgent but not downtime');
    expect(reply).toContain('add the `sev:1` label or comment `/sev 1`');
  });

  it('tells a team member to relabel, and someone outside the team to open an incident', () => {
    const inside = decide({ labels: ['bug'], body: bugBody('gravity'), ...member }, AT.tuesdayNoon).reply;
    const outside = decide({ labels: ['bug'], body: bugBody('gravity'), ...outsider }, AT.tuesdayNoon).reply;
    expect(inside).toContain('comment `/sev 1`');
    expect(outside).not.toContain('/sev 1');
    expect(outside).toContain('open a new issue with the Incident form');
  });

  it('says no playbook matched, naming the known systems', () => {
    const { reply, warnings } = decide(
      { labels: ['incident'], body: incidentBody('Yes', 'billing') },
      AT.saturdayNight,
    );
    expect(reply).toContain('**No playbook matched.**');
    expect(reply).toContain('the system "billing"');
    expect(reply).toContain('`force`, `gravity`');
    expect(warnings).toContain('no playbook matched the system "billing"');
  });

  it('warns when nobody is on call', () => {
    const { reply, warnings } = decide(
      { labels: ['incident'], body: incidentBody('No', 'gravity') },
      AT.unpublished,
    );
    expect(warnings[0]).toMatch(/no shift of the ops rotation is published/);
    expect(reply).toContain('nobody is on call in the published schedule of the ops rotation right now');
  });
});

describe('issues the triage leaves alone', () => {
  it.each<[string, IssueSpec, RegExp]>([
    ['no kind label and not from a form', { labels: [], body: 'Hello' }, /not an incident, bug or request/],
    [
      'a status label added',
      { labels: ['incident', 'status:paged'], event: { action: 'labeled', label: 'status:paged' } },
      /does not change the triage/,
    ],
    ['a closed issue', { labels: ['incident'], state: 'closed' }, /closed/],
    ['an edit', { labels: ['incident'], event: { action: 'edited' } }, /issues.edited/],
  ])('%s', (_case, issue, reason) => {
    const result = run(issue, AT.tuesdayNoon);
    expect(result.triaged).toBe(false);
    if (!result.triaged) expect(result.reason).toMatch(reason);
  });

  it('triages again when a kind, severity or system label is added, and on reopen', () => {
    expect(
      run({ labels: ['incident'], event: { action: 'labeled', label: 'system:gravity' } }, AT.tuesdayNoon)
        .triaged,
    ).toBe(true);
    expect(run({ labels: ['incident'], event: { action: 'reopened' } }, AT.tuesdayNoon).triaged).toBe(true);
  });
});
