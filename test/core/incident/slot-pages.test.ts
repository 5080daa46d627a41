/**
 * The tick resolves a deferred sev:2 page's slot as it sends it, so the page goes to whoever holds
 * the slot then; escalation steps name slots and are resolved as they fire. Records written before
 * pages named slots still parse and behave as they did.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/core/incident/effects.js';
import { type OpenDecision, openIncident, tickIncident } from '../../../src/core/incident/engine.js';
import type { IncidentContext, OnCallPerson } from '../../../src/core/incident/escalation.js';
import { parseRecord, renderRecord } from '../../../src/core/incident/record.js';

interface World {
  oncall: OnCallPerson[];
  working: string[];
  /** What the schedule says of each slot's sev:2 page from now. */
  plans?: Record<string, { github: string; at: string } | undefined>;
}

function context(now: string, world: World): IncidentContext {
  return {
    now,
    ackMinutes: 15,
    steps: ['primary', 'secondary', 'team:eng-leads'],
    oncall: world.oncall,
    pointPeople: [],
    inWorkHours: (github) => world.working.includes(github),
    ...(world.plans ? { slotPage: (slot: string) => world.plans?.[slot] } : {}),
  };
}

const pages = (effects: Effect[]) => effects.filter((effect) => effect.type === 'page');

const night: World = {
  oncall: [
    { slot: 'primary', github: 'nia' },
    { slot: 'secondary', github: 'lou' },
  ],
  working: [],
};

const sev2: OpenDecision = {
  kind: 'incident',
  severity: 2,
  page: {
    now: [],
    later: [
      { slot: 'primary', github: 'nia', at: '2026-12-07T14:00:00Z' },
      { slot: 'secondary', github: 'nyx', at: '2026-12-07T16:00:00Z' },
    ],
  },
  assignees: ['nia', 'lou'],
  labels: ['incident', 'sev:2'],
  reply: 'deferred',
};

describe('deferred pages name slots', () => {
  it("pages the slot's holder at its time, not the person who held it at the triage", () => {
    const opened = openIncident(21, sev2, context('2026-12-07T03:00:00Z', night));
    expect(opened.state.deferred).toEqual(sev2.page.later);
    expect(opened.state.timeline.at(-1)?.text).toContain('secondary @nyx at 2026-12-07T16:00:00Z');
    // 16:00Z, after the 11:00 ET handoff: nyx holds the secondary and is in work hours.
    const afterHandoff: World = {
      oncall: [
        { slot: 'primary', github: 'lax' },
        { slot: 'secondary', github: 'nyx' },
      ],
      working: ['nyx'],
      plans: {
        primary: { github: 'lax', at: '2026-12-07T17:00:00Z' },
        secondary: { github: 'nyx', at: '2026-12-07T16:00:00Z' },
      },
    };
    const tick = tickIncident(
      { ...opened.state, deferred: opened.state.deferred.slice(1) },
      context('2026-12-07T16:00:00Z', afterHandoff),
    );
    expect(pages(tick.effects)).toEqual([
      { type: 'page', key: '21:deferred:nyx', to: ['nyx'], reason: 'work hours started (secondary)' },
    ]);
    expect(tick.state.pages.at(-1)).toMatchObject({ step: 'secondary', to: ['nyx'] });
    expect(tick.state.deferred).toEqual([]);
  });

  it('a cover published after the triage takes the page: the tick resolves the slot again', () => {
    const opened = openIncident(22, sev2, context('2026-12-07T03:00:00Z', night));
    // At 14:00Z kol covers nia and is in work hours; the plan says so.
    const covered: World = {
      oncall: [
        { slot: 'primary', github: 'kol' },
        { slot: 'secondary', github: 'lou' },
      ],
      working: ['kol'],
      plans: {
        primary: { github: 'kol', at: '2026-12-07T14:00:00Z' },
        secondary: { github: 'nyx', at: '2026-12-07T16:00:00Z' },
      },
    };
    const tick = tickIncident(opened.state, context('2026-12-07T14:00:00Z', covered));
    expect(pages(tick.effects).map((effect) => effect.type === 'page' && effect.to)).toEqual([['kol']]);
    expect(tick.state.deferred).toEqual([{ slot: 'secondary', github: 'nyx', at: '2026-12-07T16:00:00Z' }]);
  });

  it('a page whose time came but whose slot changed hands waits for the new holder, with the new plan', () => {
    const opened = openIncident(23, sev2, context('2026-12-07T03:00:00Z', night));
    // The primary is now held by someone whose work hours start at 17:00Z: nobody is paged at 14:00Z.
    const moved: World = {
      oncall: [
        { slot: 'primary', github: 'lax' },
        { slot: 'secondary', github: 'lou' },
      ],
      working: [],
      plans: {
        primary: { github: 'lax', at: '2026-12-07T17:00:00Z' },
        secondary: { github: 'nyx', at: '2026-12-07T16:00:00Z' },
      },
    };
    const tick = tickIncident(opened.state, context('2026-12-07T14:00:00Z', moved));
    expect(pages(tick.effects)).toEqual([]);
    expect(tick.state.deferred).toEqual([
      { slot: 'primary', github: 'lax', at: '2026-12-07T17:00:00Z' },
      { slot: 'secondary', github: 'nyx', at: '2026-12-07T16:00:00Z' },
    ]);
    // The record says so once, and an unchanged plan is left as it was.
    expect(tick.state.timeline.at(-1)?.text).toBe(
      "the schedule changed: primary's deferred page now goes to @lax at 2026-12-07T17:00:00Z",
    );
    const again = tickIncident(tick.state, context('2026-12-07T14:05:00Z', moved));
    expect(again.state).toEqual(tick.state);
  });

  it('nobody holding the slot has work hours ahead: at its time its holder now is paged; with no holder it waits', () => {
    const opened = openIncident(24, sev2, context('2026-12-07T03:00:00Z', night));
    const none: World = { ...night, plans: { primary: undefined, secondary: undefined } };
    const early = tickIncident(opened.state, context('2026-12-07T13:00:00Z', none));
    expect(pages(early.effects)).toEqual([]);
    const due = tickIncident(opened.state, context('2026-12-07T14:05:00Z', none));
    expect(pages(due.effects)).toEqual([
      expect.objectContaining({
        to: ['nia'],
        reason: 'nobody holding primary has work hours ahead in the published schedule',
      }),
    ]);
    const empty = tickIncident(opened.state, context('2026-12-07T14:05:00Z', { ...none, oncall: [] }));
    expect(pages(empty.effects)).toEqual([]);
    expect(empty.state.deferred).toHaveLength(2);
  });

  it('someone already paged in this episode is not paged a second time for another slot', () => {
    const decision: OpenDecision = {
      ...sev2,
      page: { now: ['nia'], later: [{ slot: 'secondary', github: 'nyx', at: '2026-12-07T16:00:00Z' }] },
    };
    const opened = openIncident(
      25,
      decision,
      context('2026-12-07T15:00:00Z', { ...night, working: ['nia'] }),
    );
    // nia covers the secondary too by 16:00Z.
    const both: World = {
      oncall: [
        { slot: 'primary', github: 'nia' },
        { slot: 'secondary', github: 'nia' },
      ],
      working: ['nia'],
      plans: { secondary: { github: 'nia', at: '2026-12-07T16:00:00Z' } },
    };
    const tick = tickIncident(opened.state, context('2026-12-07T16:00:00Z', both));
    expect(
      pages(tick.effects).filter((effect) => effect.type === 'page' && effect.key.includes('deferred')),
    ).toEqual([]);
    expect(tick.state.timeline.map((entry) => entry.text)).toContain(
      '@nia was paged already: no second page for secondary',
    );
  });

  it('an escalation step names a slot and pages whoever holds it when it fires', () => {
    const decision: OpenDecision = { ...sev2, severity: 1, page: { now: ['nia'], later: [] } };
    const opened = openIncident(
      26,
      decision,
      context('2026-12-07T15:00:00Z', { ...night, working: ['nia', 'lou'] }),
    );
    // 15 minutes later, lax covers lou as secondary.
    const covered: World = {
      oncall: [
        { slot: 'primary', github: 'nia' },
        { slot: 'secondary', github: 'lax' },
      ],
      working: [],
    };
    const tick = tickIncident(opened.state, context('2026-12-07T15:15:00Z', covered));
    expect(pages(tick.effects)).toEqual([expect.objectContaining({ key: '26:step-1', to: ['lax'] })]);
    expect(tick.state.pages.at(-1)).toMatchObject({ step: 'secondary', to: ['lax'] });
  });
});

describe('records written before pages named slots', () => {
  // A record comment as an earlier version wrote it: deferred pages name people, pages have no step.
  const oldBody = [
    '### Incident record: incident sev:2, page deferred to work hours',
    '',
    '| when | what |',
    '|---|---|',
    '| 2026-12-06 22:00 | opened as an incident, sev:2 |',
    '',
    `<!-- oncall-state ${JSON.stringify({
      version: 1,
      number: 30,
      kind: 'incident',
      severity: 2,
      openedAt: '2026-12-07T03:00:00.000Z',
      level: -1,
      pages: [],
      deferred: [
        { github: 'nia', at: '2026-12-07T14:00:00.000Z' },
        { github: 'lou', at: '2026-12-07T17:00:00.000Z' },
      ],
      timeline: [{ at: '2026-12-07T03:00:00.000Z', text: 'opened as an incident, sev:2' }],
    })} -->`,
  ].join('\n');

  it('parses, and pages each named person at their time, as it did', () => {
    const state = parseRecord(oldBody);
    expect(state?.deferred).toEqual([
      { github: 'nia', at: '2026-12-07T14:00:00.000Z' },
      { github: 'lou', at: '2026-12-07T17:00:00.000Z' },
    ]);
    if (!state) throw new Error('the old record did not parse');
    // The tick knows how to plan slots, but an old entry names no slot: it is not re-planned.
    const world: World = {
      oncall: night.oncall,
      working: ['nia'],
      plans: { primary: { github: 'kol', at: '2026-12-07T13:00:00Z' } },
    };
    expect(pages(tickIncident(state, context('2026-12-07T13:30:00.000Z', world)).effects)).toEqual([]);
    const due = tickIncident(state, context('2026-12-07T14:00:00.000Z', world));
    expect(pages(due.effects)).toEqual([
      { type: 'page', key: '30:deferred:nia', to: ['nia'], reason: 'work hours started' },
    ]);
    expect(due.state.deferred).toEqual([{ github: 'lou', at: '2026-12-07T17:00:00.000Z' }]);
    // Written back, it reads the same.
    expect(parseRecord(renderRecord(due.state, 'UTC', (iso) => iso))).toEqual(due.state);
  });
});
