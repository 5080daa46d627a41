/**
 * A deferred sev:2 page names a slot: it goes to whoever holds the slot at the later of the handoff
 * and the start of that person's work hours, on their own clock, across daylight-saving changes
 * (the US and Europe change on different weekends; Kolkata never does), overrides and holidays.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../../src/core/model/repository.js';
import type { OverrideEntry, PeopleFile, RotationFile } from '../../../src/core/model/schemas.js';
import { triageIssue } from '../../../src/core/triage/triage.js';
import { incidentBody } from '../../helpers/triage-fixture.js';

const people: PeopleFile = {
  people: [
    { github: 'nia', name: 'Nia', team: 'red', timezone: 'America/New_York' },
    { github: 'nyx', name: 'Nyx', team: 'blue', timezone: 'America/New_York' },
    { github: 'lou', name: 'Lou', team: 'blue', timezone: 'America/Los_Angeles' },
    { github: 'lax', name: 'Lax', team: 'green', timezone: 'America/Los_Angeles' },
    { github: 'lon', name: 'Lon', team: 'green', timezone: 'Europe/London' },
    { github: 'kol', name: 'Kol', team: 'red', timezone: 'Asia/Kolkata' },
  ],
};

const rotation: RotationFile = {
  name: 'eng',
  members: { teams: ['red', 'blue', 'green'] },
  slots: ['primary', 'secondary'],
  timezone: 'America/New_York',
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2026-10-26',
  publish_weeks_ahead: 5,
  work_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  escalation: { ack_minutes: 15, steps: ['primary', 'secondary'] },
};

interface Case {
  /** Sunday night: the incident comes in. */
  now: string;
  /** The shift holding now, and the next one (their start dates are Mondays). */
  shifts: [string, string, string][];
  overrides?: OverrideEntry[];
  holidays?: string[];
  later: { slot: string; github: string; at: string }[];
}

function triage(spec: Case) {
  const repository: Repository = {
    peopleFile: 'rotations/people.yaml',
    people,
    rotations: [],
    playbooks: [],
  };
  const source = {
    dir: 'eng',
    rotationFile: 'rotations/eng/rotation.yaml',
    scheduleFile: 'rotations/eng/schedule.yaml',
    rotation,
    schedule: {
      rotation: 'eng',
      shifts: spec.shifts.map(([start, primary, secondary]) => ({ start, primary, secondary })),
      overrides: spec.overrides ?? [],
    },
  };
  repository.rotations.push(source);
  const result = triageIssue({
    issue: {
      title: 'Search is slow',
      body: incidentBody('No', undefined),
      labels: ['incident'],
      author: 'nia',
    },
    repository,
    rotation: source,
    holidays: new Set(spec.holidays ?? []),
    now: DateTime.fromISO(spec.now, { setZone: true }),
  });
  if (!result.triaged) throw new Error(result.reason);
  return result.decision;
}

describe('a deferred sev:2 page goes to whoever holds the slot then', () => {
  it.each<[string, Case]>([
    [
      "the issue's case: the Los Angeles secondary's shift ends at 08:00 PT, so the next secondary (New York) gets it at the 11:00 ET handoff",
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'lax', 'nyx'],
        ],
        later: [
          // nia's own work hours start at 09:00 ET, before her shift ends at 11:00.
          { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
          { slot: 'secondary', github: 'nyx', at: '2026-12-07T11:00:00-05:00' },
        ],
      },
    ],
    [
      'the next secondary in Los Angeles: the start of their work hours, 09:00 PT, after the handoff',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'lax'],
        ],
        later: [
          { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
          { slot: 'secondary', github: 'lax', at: '2026-12-07T09:00:00-08:00' },
        ],
      },
    ],
    [
      'the next secondary in London is in work hours at the handoff (16:00 GMT): paged at the handoff',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'lon'],
        ],
        later: [
          { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
          { slot: 'secondary', github: 'lon', at: '2026-12-07T16:00:00+00:00' },
        ],
      },
    ],
    [
      'the next secondary in Kolkata: the handoff is 21:30 there, so Tuesday 09:00 IST',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'kol'],
        ],
        later: [
          { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
          { slot: 'secondary', github: 'kol', at: '2026-12-08T09:00:00+05:30' },
        ],
      },
    ],
    [
      'the same person holds the slot next week: their own Monday 09:00 PT',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'lou'],
        ],
        later: [
          { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
          { slot: 'secondary', github: 'lou', at: '2026-12-07T09:00:00-08:00' },
        ],
      },
    ],
    [
      'the night the US falls back (Sunday 2026-11-01): 11:00 EST is 16:00 GMT in London, 08:00 PST in Los Angeles',
      {
        now: '2026-11-01T22:00-05:00',
        shifts: [
          ['2026-10-26', 'lon', 'lou'],
          ['2026-11-02', 'nyx', 'lax'],
        ],
        later: [
          { slot: 'primary', github: 'lon', at: '2026-11-02T09:00:00+00:00' },
          { slot: 'secondary', github: 'lax', at: '2026-11-02T09:00:00-08:00' },
        ],
      },
    ],
    [
      'between the US and the UK spring changes (2027-03-21): 09:00 EDT and 09:00 GMT (05:00 EDT) both come before the handoff',
      {
        now: '2027-03-21T22:00-04:00',
        shifts: [
          ['2027-03-15', 'nia', 'lon'],
          ['2027-03-22', 'kol', 'lax'],
        ],
        later: [
          { slot: 'primary', github: 'nia', at: '2027-03-22T09:00:00-04:00' },
          { slot: 'secondary', github: 'lon', at: '2027-03-22T09:00:00+00:00' },
        ],
      },
    ],
    [
      'between the US and the UK spring changes: the handoff (11:00 EDT) is 20:30 in Kolkata, so Tuesday 09:00 IST',
      {
        now: '2027-03-21T22:00-04:00',
        shifts: [
          ['2027-03-15', 'lax', 'lon'],
          ['2027-03-22', 'kol', 'nyx'],
        ],
        later: [
          { slot: 'primary', github: 'kol', at: '2027-03-23T09:00:00+05:30' },
          { slot: 'secondary', github: 'lon', at: '2027-03-22T09:00:00+00:00' },
        ],
      },
    ],
    [
      'the weekend the UK springs forward (2027-03-28): 09:00 BST in London is 04:00 EDT',
      {
        now: '2027-03-28T22:00-04:00',
        shifts: [
          ['2027-03-22', 'nyx', 'lon'],
          ['2027-03-29', 'nia', 'lou'],
        ],
        later: [
          { slot: 'primary', github: 'nyx', at: '2027-03-29T09:00:00-04:00' },
          { slot: 'secondary', github: 'lon', at: '2027-03-29T09:00:00+01:00' },
        ],
      },
    ],
    [
      'a cover holding the primary at the start of its work hours gets it: lon covers nia until 10:00 ET',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'lax'],
        ],
        overrides: [{ from: '2026-12-07T00:00', to: '2026-12-07T10:00', replace: 'nia', with: 'lon' }],
        later: [
          { slot: 'primary', github: 'lon', at: '2026-12-07T09:00:00+00:00' },
          { slot: 'secondary', github: 'lax', at: '2026-12-07T09:00:00-08:00' },
        ],
      },
    ],
    [
      'a cover that ends before the covering person works: the slot goes back to nia at 09:00 ET',
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'nyx', 'lax'],
        ],
        overrides: [{ from: '2026-12-06T20:00', to: '2026-12-07T09:00', replace: 'nia', with: 'kol' }],
        later: [
          // kol holds primary 20:00 ET to 09:00 ET = 06:30 to 19:30 IST Monday: in work hours at 09:00 IST.
          { slot: 'primary', github: 'kol', at: '2026-12-07T09:00:00+05:30' },
          { slot: 'secondary', github: 'lax', at: '2026-12-07T09:00:00-08:00' },
        ],
      },
    ],
    [
      "a public holiday on Monday: nia's shift ends first, so the next primary, on Tuesday 09:00 London",
      {
        now: '2026-12-06T22:00-05:00',
        shifts: [
          ['2026-11-30', 'nia', 'lou'],
          ['2026-12-07', 'lon', 'lax'],
        ],
        holidays: ['2026-12-07'],
        later: [
          { slot: 'primary', github: 'lon', at: '2026-12-08T09:00:00+00:00' },
          { slot: 'secondary', github: 'lax', at: '2026-12-08T09:00:00-08:00' },
        ],
      },
    ],
  ])('%s', (_name, spec) => {
    const decision = triage(spec);
    expect(decision.page.now).toEqual([]);
    expect(decision.page.later).toEqual(spec.later);
    // The fixture: each `at` is 09:00 or later on the paged person's clock, on a weekday.
    for (const entry of spec.later) {
      const local = DateTime.fromISO(entry.at, { setZone: true });
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(local.weekday).toBeLessThanOrEqual(5);
    }
  });

  it('tells the reporter whose shift ends first and who gets the page instead', () => {
    const decision = triage({
      now: '2026-12-06T22:00-05:00',
      shifts: [
        ['2026-11-30', 'nia', 'lou'],
        ['2026-12-07', 'lax', 'nyx'],
      ],
      later: [],
    });
    expect(decision.reply).toContain(
      "@lou is outside work hours (19:00 Sunday, America/Los_Angeles), and their shift ends before their work hours start: the secondary's page goes to @nyx, who holds it then, Monday 2026-12-07 11:00 America/New_York (16:00 UTC).",
    );
    expect(decision.reply).toContain(
      '@nia and @nyx are paged when their work hours start (once the slot is theirs), unless someone acknowledges or resolves it first.',
    );
    expect(decision.people.find((person) => person.github === 'nyx')).toMatchObject({
      role: 'next-oncall',
      slot: 'secondary',
      page: 'later',
    });
    expect(decision.labels).toContain('status:deferred');
  });

  it('no holder of a slot has work hours in the published schedule: its holder now is paged, with a warning', () => {
    // The schedule ends Monday 11:00 ET: nia works from 09:00 ET, lou only from 12:00 ET.
    const decision = triage({
      now: '2026-12-06T22:00-05:00',
      shifts: [['2026-11-30', 'nia', 'lou']],
      later: [],
    });
    expect(decision.page.now).toEqual(['lou']);
    expect(decision.page.later).toEqual([
      { slot: 'primary', github: 'nia', at: '2026-12-07T09:00:00-05:00' },
    ]);
    expect(decision.warnings.some((warning) => warning.includes("@lou's slot has work hours ahead"))).toBe(
      true,
    );
  });
});
