/**
 * Who an exported event names, for the SUMMARY, ATTENDEE, DESCRIPTION and ORGANIZER shapes the
 * exporters write (PagerDuty, Opsgenie, Grafana OnCall, calendars kept by hand), with slot
 * labels and levels, --summary-pattern, and the events that name nobody or cannot be told apart.
 */
import { describe, expect, it } from 'vitest';
import type { ExportedAttendee, ExportedEvent } from '../../../src/core/import/exported-event.js';
import { summaryFields, type WhoContext, whoIsNamed } from '../../../src/core/import/who.js';

const SLOTS = ['primary', 'secondary'];

function event(summary: string, extra: Partial<Omit<ExportedEvent, 'source'>> = {}): ExportedEvent {
  return {
    source: { file: 'export.ics', line: 1, fileIndex: 0, summary },
    categories: [],
    attendees: [],
    cancelled: false,
    time: { kind: 'all-day', from: '2027-03-01', to: '2027-03-08' },
    ...extra,
  };
}

function context(extra: Partial<WhoContext> = {}): WhoContext {
  return { slots: SLOTS, constantFields: new Set(), isKnown: () => false, ...extra };
}

const attendee = (email: string, name?: string, declined = false): ExportedAttendee => ({
  email,
  ...(name && { name }),
  declined,
});

describe('whoIsNamed: SUMMARY shapes', () => {
  it.each([
    ['ana on call', [{ username: 'ana', name: 'ana' }]],
    ['On-call: Ana Lopez', [{ name: 'Ana Lopez' }]],
    ['ONCALL - Ana Lopez', [{ name: 'Ana Lopez' }]],
    [
      'Ana & Ben on call',
      [
        { username: 'Ana', name: 'Ana' },
        { username: 'Ben', name: 'Ben' },
      ],
    ],
    [
      'Dee and Eli on call',
      [
        { username: 'Dee', name: 'Dee' },
        { username: 'Eli', name: 'Eli' },
      ],
    ],
    [
      'Fay + Ben',
      [
        { username: 'Fay', name: 'Fay' },
        { username: 'Ben', name: 'Ben' },
      ],
    ],
    ['ana.lopez@example.com', [{ email: 'ana.lopez@example.com' }]],
    ['Ana Lopez <Ana.Lopez@Example.com>', [{ name: 'Ana Lopez', email: 'ana.lopez@example.com' }]],
    ['Inês Carvalho (on call)', [{ name: 'Inês Carvalho' }]],
    ["Liam O'Brien", [{ name: "Liam O'Brien" }]],
    ['Jean-Luc Picard on call', [{ name: 'Jean-Luc Picard' }]],
  ])('%s', (summary, people) => {
    const named = whoIsNamed(event(summary), context());
    expect(named).toEqual({ people });
  });

  it('Grafana OnCall: a level prefix is the slot of that rank', () => {
    expect(whoIsNamed(event('[L2] bob'), context())).toEqual({
      people: [{ username: 'bob', name: 'bob' }],
      level: 2,
    });
  });

  it('a slot named anywhere in the event is a hint for all its people', () => {
    expect(whoIsNamed(event('Ana Lopez (primary)'), context())).toEqual({
      people: [{ name: 'Ana Lopez' }],
      slot: 'primary',
    });
    expect(whoIsNamed(event('Secondary - Ben Okafor'), context())).toEqual({
      people: [{ name: 'Ben Okafor' }],
      slot: 'secondary',
    });
    expect(whoIsNamed(event('Ben Okafor', { categories: ['Secondary'] }), context())).toEqual({
      people: [{ name: 'Ben Okafor' }],
      slot: 'secondary',
    });
  });

  it('"slot: name" pairs give each person their own slot', () => {
    expect(whoIsNamed(event('Primary: Ana Lopez, Secondary: Ben'), context())).toEqual({
      people: [
        { name: 'Ana Lopez', slot: 'primary' },
        { username: 'Ben', name: 'Ben', slot: 'secondary' },
      ],
    });
  });

  it('both slots named for one event say nothing about either', () => {
    expect(whoIsNamed(event('Ana (primary) & Ben (secondary)'), context())).not.toHaveProperty('slot');
  });

  it('words about the schedule alone are not a person', () => {
    expect(summaryFields('Weekly rotation - Ana Lopez - on call', SLOTS).fields).toEqual(['Ana Lopez']);
  });
});

describe('whoIsNamed: which field names the person', () => {
  it('PagerDuty: the field an ATTENDEE spells out, with that email', () => {
    const pagerduty = event('On Call - Jane Doe - Platform Escalation', {
      attendees: [attendee('jane.doe@example.com')],
    });
    expect(whoIsNamed(pagerduty, context())).toEqual({
      people: [{ name: 'Jane Doe', email: 'jane.doe@example.com' }],
    });
  });

  it('Opsgenie: the schedule name, the same in every event, is not the person', () => {
    const named = whoIsNamed(
      event('ops_schedule - Priya Raman'),
      context({ constantFields: new Set(['ops schedule']) }),
    );
    expect(named).toEqual({ people: [{ name: 'Priya Raman' }] });
  });

  it('a field naming someone in people.yaml wins over the others', () => {
    const named = whoIsNamed(
      event('Platform - Ana Lopez'),
      context({ isKnown: (person) => person.name === 'Ana Lopez' }),
    );
    expect(named).toEqual({ people: [{ name: 'Ana Lopez' }] });
  });

  it('two unknown fields that both vary: cannot tell, and says how to fix it', () => {
    const named = whoIsNamed(event('Platform - Ana Lopez'), context());
    expect(named).toEqual({
      why: 'cannot tell who is on call: "Platform" or "Ana Lopez" (pass --summary-pattern with a group named who)',
    });
  });

  it('two unknown fields, but an ATTENDEE: the attendee', () => {
    const named = whoIsNamed(
      event('Platform - Oncall team', { attendees: [attendee('ana@example.com', 'Ana Lopez')] }),
      context(),
    );
    expect(named).toEqual({ people: [{ email: 'ana@example.com', name: 'Ana Lopez' }] });
  });
});

describe('whoIsNamed: when SUMMARY names nobody', () => {
  it('ATTENDEEs that did not decline', () => {
    const named = whoIsNamed(
      event('On call', {
        attendees: [attendee('ana@example.com', 'Ana Lopez'), attendee('fay@example.com', 'Fay Wong', true)],
      }),
      context(),
    );
    expect(named).toEqual({ people: [{ email: 'ana@example.com', name: 'Ana Lopez' }] });
  });

  it("then DESCRIPTION's first line", () => {
    const named = whoIsNamed(
      event('On call', { description: '\n[L1] bob@example.com\nescalate to ana' }),
      context(),
    );
    expect(named).toEqual({ people: [{ email: 'bob@example.com' }], level: 1 });
  });

  it('then ORGANIZER', () => {
    const named = whoIsNamed(
      event('On-call', { organizer: { email: 'dee@example.com', name: 'Dee Lee' } }),
      context(),
    );
    expect(named).toEqual({ people: [{ email: 'dee@example.com', name: 'Dee Lee' }] });
  });

  it('else it names nobody, and says where it looked', () => {
    expect(whoIsNamed(event('On call'), context())).toEqual({
      why: 'it names nobody: no person in SUMMARY, ATTENDEE, DESCRIPTION or ORGANIZER',
    });
  });
});

describe('whoIsNamed: --summary-pattern', () => {
  const pattern = /^(?:[^:]+: )?(?<who>.+?) (?:is )?on[- ]?call$/iu;

  it('the "who" group is the text naming the people', () => {
    expect(whoIsNamed(event('Platform team: Ana & Ben is on call'), context({ pattern }))).toEqual({
      people: [
        { username: 'Ana', name: 'Ana' },
        { username: 'Ben', name: 'Ben' },
      ],
    });
    expect(whoIsNamed(event('Ana Lopez on call'), context({ pattern }))).toEqual({
      people: [{ name: 'Ana Lopez' }],
    });
  });

  it('an event that does not match is not an on-call event', () => {
    expect(whoIsNamed(event('Team lunch'), context({ pattern }))).toEqual({
      why: 'its SUMMARY does not match --summary-pattern',
    });
  });

  it('without a "who" group it only filters', () => {
    expect(whoIsNamed(event('ana on call'), context({ pattern: /on call/i }))).toEqual({
      people: [{ username: 'ana', name: 'ana' }],
    });
  });
});
