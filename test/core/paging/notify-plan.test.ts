/**
 * The notification plan of `oncall triage --json`: each paged person's rules (their own, else the
 * rotation's, else a Slack message) as instants, one entry per person and method, up to the next
 * escalation step, never past the end of their hold of the slot, and for a sev:2 only the methods
 * the rotation allows in work hours, only while the person is in work hours.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { NotifyStep, PeopleFile, RotationFile } from '../../../src/core/model/schemas.js';
import { planNotifications } from '../../../src/core/paging/notify-plan.js';
import type { TriageDecision } from '../../../src/core/triage/decision.js';
import { triageIssue } from '../../../src/core/triage/triage.js';
import {
  people as basePeople,
  repository as baseRepository,
  rotation as baseRotation,
  incidentBody,
  rotationSource,
  usHolidays2027,
} from '../../helpers/triage-fixture.js';

const PUSH_THEN_CALL: NotifyStep[] = [
  { after: 0, via: ['slack', 'push'] },
  { after: 5, via: ['voice'] },
];

interface Setup {
  rotation?: Partial<RotationFile>;
  /** A person's own rules, by login. */
  own?: Record<string, NotifyStep[]>;
}

function decide(setup: Setup, at: string, down: 'Yes' | 'No'): TriageDecision {
  const rotation = { ...baseRotation, ...setup.rotation } as RotationFile;
  const people: PeopleFile = {
    people: basePeople.people.map((person) =>
      setup.own?.[person.github] ? { ...person, notify: setup.own[person.github] } : person,
    ),
  };
  const source = { ...rotationSource, rotation };
  const result = triageIssue({
    issue: {
      title: 'Checkout is failing',
      body: incidentBody(down, 'gravity'),
      labels: ['incident'],
      author: 'fay',
    },
    repository: { ...baseRepository, people, rotations: [source] },
    rotation: source,
    holidays: usHolidays2027,
    now: DateTime.fromISO(at, { setZone: true }),
  });
  if (!result.triaged) throw new Error(result.reason);
  return result.decision;
}

/** "login via HH:mm" in New York, to read the plans below at a glance. */
const brief = (decision: TriageDecision) =>
  decision.notify.map(
    (entry) =>
      `${entry.login} ${entry.via} ${DateTime.fromISO(entry.at).setZone('America/New_York').toFormat('ccc HH:mm')}`,
  );

describe('the notification plan', () => {
  it.each<[string, Setup, string, 'Yes' | 'No', string[]]>([
    [
      'no rules anywhere: a Slack message to each person paged, at the page',
      {},
      '2027-01-09T03:00-05:00',
      'Yes',
      ['ana slack Sat 03:00', 'ben slack Sat 03:00', 'cy slack Sat 03:00', 'dee slack Sat 03:00'],
    ],
    [
      "sev:1 at 03:00 with the rotation's rules: push at once, a call at +5 min, for on-call people and point-people",
      { rotation: { notify: PUSH_THEN_CALL } },
      '2027-01-09T03:00-05:00',
      'Yes',
      [
        'ana slack Sat 03:00',
        'ana push Sat 03:00',
        'ben slack Sat 03:00',
        'ben push Sat 03:00',
        'cy slack Sat 03:00',
        'cy push Sat 03:00',
        'dee slack Sat 03:00',
        'dee push Sat 03:00',
        'ana voice Sat 03:05',
        'ben voice Sat 03:05',
        'cy voice Sat 03:05',
        'dee voice Sat 03:05',
      ],
    ],
    [
      "a person's own rules replace the rotation's; a step at or after ack_minutes (15) is the escalation's, not planned",
      {
        rotation: { notify: PUSH_THEN_CALL },
        own: {
          ben: [
            { after: 0, via: ['sms'] },
            { after: 14, via: ['voice'] },
            { after: 15, via: ['push'] },
          ],
        },
      },
      '2027-01-09T03:00-05:00',
      'Yes',
      [
        'ana slack Sat 03:00',
        'ana push Sat 03:00',
        'ben sms Sat 03:00',
        'cy slack Sat 03:00',
        'cy push Sat 03:00',
        'dee slack Sat 03:00',
        'dee push Sat 03:00',
        'ana voice Sat 03:05',
        'cy voice Sat 03:05',
        'dee voice Sat 03:05',
        'ben voice Sat 03:14',
      ],
    ],
    [
      'without escalation steps the rules run to their end',
      {
        rotation: {
          notify: [
            { after: 0, via: ['push'] },
            { after: 90, via: ['voice'] },
          ],
          escalation: undefined,
        },
      },
      '2027-01-09T03:00-05:00',
      'Yes',
      [
        'ana push Sat 03:00',
        'ben push Sat 03:00',
        'cy push Sat 03:00',
        'dee push Sat 03:00',
        'ana voice Sat 04:30',
        'ben voice Sat 04:30',
        'cy voice Sat 04:30',
        'dee voice Sat 04:30',
      ],
    ],
    [
      'sev:2 in work hours: no calls by default; ben (London, 19:00) from his deferred page on Wednesday 09:00 GMT',
      { rotation: { notify: PUSH_THEN_CALL } },
      '2027-01-05T14:00-05:00',
      'No',
      ['ana slack Tue 14:00', 'ana push Tue 14:00', 'ben slack Wed 04:00', 'ben push Wed 04:00'],
    ],
    [
      'sev:2 with sev2_work_hours_via: [slack, voice]: the push is left out, the call kept',
      { rotation: { notify: PUSH_THEN_CALL, sev2_work_hours_via: ['slack', 'voice'] } },
      '2027-01-05T14:00-05:00',
      'No',
      ['ana slack Tue 14:00', 'ana voice Tue 14:05', 'ben slack Wed 04:00', 'ben voice Wed 04:05'],
    ],
    [
      'sev:2 at 17:55: a step due after work hours end (18:00) is not planned, as a sev:2 pages nobody outside them',
      {
        rotation: {
          notify: [
            { after: 0, via: ['slack'] },
            { after: 4, via: ['push'] },
            { after: 10, via: ['sms'] },
          ],
        },
      },
      '2027-01-05T17:55-05:00',
      'No',
      [
        'ana slack Tue 17:55',
        'ana push Tue 17:59',
        'ben slack Wed 04:00',
        'ben push Wed 04:04',
        'ben sms Wed 04:10',
      ],
    ],
    [
      'sev:1 ten minutes before the handoff: ana and ben stop being on call at 11:00, so their +12 min step is not planned',
      {
        rotation: {
          notify: [
            { after: 0, via: ['push'] },
            { after: 5, via: ['sms'] },
            { after: 12, via: ['voice'] },
          ],
        },
      },
      '2027-01-11T10:50-05:00',
      'Yes',
      [
        'ana push Mon 10:50',
        'ben push Mon 10:50',
        'cy push Mon 10:50',
        'dee push Mon 10:50',
        'ana sms Mon 10:55',
        'ben sms Mon 10:55',
        'cy sms Mon 10:55',
        'dee sms Mon 10:55',
        // cy and dee are point-people here, not on call until 11:00: their rules run on.
        'cy voice Mon 11:02',
        'dee voice Mon 11:02',
      ],
    ],
  ])('%s', (_name, setup, at, down, expected) => {
    expect(brief(decide(setup, at, down))).toEqual(expected);
  });

  it("gives each entry's instant with the page's offset, to the minute", () => {
    const decision = decide({ rotation: { notify: PUSH_THEN_CALL } }, '2027-01-05T14:00-05:00', 'No');
    expect(decision.notify).toContainEqual({ login: 'ben', via: 'push', at: '2027-01-06T09:00:00+00:00' });
    expect(decision.notify).toContainEqual({ login: 'ana', via: 'slack', at: '2027-01-05T14:00:00-05:00' });
  });

  it('routed work plans nothing', () => {
    const result = triageIssue({
      issue: { title: 'Footer', body: null, labels: ['bug'], author: 'fay' },
      repository: baseRepository,
      rotation: { ...rotationSource, rotation: { ...baseRotation, notify: PUSH_THEN_CALL } },
      holidays: usHolidays2027,
      now: DateTime.fromISO('2027-01-09T03:00-05:00', { setZone: true }),
    });
    expect(result.triaged && result.decision.notify).toEqual([]);
  });
});

describe('planNotifications', () => {
  const at = DateTime.fromISO('2027-01-09T03:00:00Z', { setZone: true });
  it('steps written out of order are read by their minute; one person paged twice at once is notified once', () => {
    const plan = planNotifications({
      pages: [
        { login: 'ana', at },
        { login: 'ANA', at },
      ],
      rulesOf: () => [
        { after: 10, via: ['voice'] },
        { after: 0, via: ['push', 'slack'] },
      ],
      severity: 1,
      sev2WorkHoursVia: [],
      inWorkHours: () => false,
    });
    expect(plan).toEqual([
      { login: 'ana', via: 'slack', at: '2027-01-09T03:00:00Z' },
      { login: 'ana', via: 'push', at: '2027-01-09T03:00:00Z' },
      { login: 'ana', via: 'voice', at: '2027-01-09T03:10:00Z' },
    ]);
  });

  it('sev:2 paged outside work hours (nobody has any ahead) still gets its first step, with every method', () => {
    const plan = planNotifications({
      pages: [{ login: 'kai', at }],
      rulesOf: () => [
        { after: 0, via: ['slack', 'voice'] },
        { after: 5, via: ['sms'] },
      ],
      severity: 2,
      sev2WorkHoursVia: ['slack'],
      inWorkHours: () => false,
    });
    expect(plan.map((entry) => entry.via)).toEqual(['slack', 'voice']);
  });
});
