import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/incident/commands.js';
import type { Effect } from '../../../src/core/incident/effects.js';
import {
  applyCommand,
  type OpenDecision,
  openIncident,
  reopenIncident,
  tickIncident,
} from '../../../src/core/incident/engine.js';
import type { IncidentContext } from '../../../src/core/incident/escalation.js';
import { parseRecord, renderRecord } from '../../../src/core/incident/record.js';

const STEPS = ['primary', 'secondary', 'point_people', 'team:eng-leads'];

function context(now: string, awake: string[] = ['ana', 'ben', 'cy', 'dee']): IncidentContext {
  return {
    now,
    ackMinutes: 15,
    steps: STEPS,
    oncall: [
      { slot: 'primary', github: 'ana' },
      { slot: 'secondary', github: 'ben' },
    ],
    pointPeople: ['cy', 'dee'],
    inWorkHours: (github) => awake.includes(github),
  };
}

const sev1: OpenDecision = {
  kind: 'incident',
  severity: 1,
  system: 'gravity',
  team: 'platform',
  page: { now: ['ana', 'ben', 'cy', 'dee'], later: [] },
  assignees: ['ana', 'ben'],
  labels: ['incident', 'sev:1', 'system:gravity'],
  reply: 'paged',
};

const pages = (effects: Effect[]) => effects.filter((effect) => effect.type === 'page');
const keys = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'page' ? [effect.key] : []));

describe('the incident engine', () => {
  it('sev:1 pages everyone the policy names once, then escalates to the next step after ack_minutes', () => {
    const opened = openIncident(7, sev1, context('2027-01-06T08:00:00.000Z'));
    expect(pages(opened.effects)).toEqual([
      { type: 'page', key: '7:step-0', to: ['ana', 'ben', 'cy', 'dee'], reason: 'sev:1 policy' },
    ]);
    expect(opened.state.level).toBe(2);

    const early = tickIncident(opened.state, context('2027-01-06T08:14:00.000Z'));
    expect(pages(early.effects)).toEqual([]);

    const due = tickIncident(early.state, context('2027-01-06T08:15:00.000Z'));
    expect(pages(due.effects)).toEqual([
      expect.objectContaining({ key: '7:step-3', to: [], team: 'eng-leads' }),
    ]);
    // Three further ticks: nothing more to send.
    let state = due.state;
    for (const minute of ['20', '25', '30']) {
      const next = tickIncident(state, context(`2027-01-06T08:${minute}:00.000Z`));
      expect(pages(next.effects)).toEqual([]);
      state = next.state;
    }
  });

  it('a late tick after missed ticks does each overdue step exactly once', () => {
    const decision: OpenDecision = { ...sev1, severity: 2, page: { now: ['ana'], later: [] } };
    const opened = openIncident(8, decision, context('2027-01-06T15:00:00.000Z'));
    expect(opened.state.level).toBe(0);
    const late = tickIncident(opened.state, context('2027-01-06T15:50:00.000Z'));
    expect(keys(late.effects)).toEqual(['8:step-1', '8:step-2', '8:step-3']);
    const again = tickIncident(late.state, context('2027-01-06T15:55:00.000Z'));
    expect(pages(again.effects)).toEqual([]);
  });

  it('sev:2 deferred page goes out when work hours start, unless acknowledged first', () => {
    const decision: OpenDecision = {
      ...sev1,
      severity: 2,
      page: { now: [], later: [{ github: 'ana', at: '2027-01-06T14:00:00.000Z' }] },
    };
    const night = context('2027-01-06T03:00:00.000Z', []);
    const opened = openIncident(9, decision, night);
    expect(pages(opened.effects)).toEqual([]);
    // Nobody paged yet, so nothing escalates overnight.
    expect(pages(tickIncident(opened.state, context('2027-01-06T05:00:00.000Z', [])).effects)).toEqual([]);
    const morning = tickIncident(opened.state, context('2027-01-06T14:00:00.000Z', ['ana', 'ben']));
    expect(pages(morning.effects)).toEqual([expect.objectContaining({ key: '9:deferred:ana', to: ['ana'] })]);

    const acked = applyCommand(
      opened.state,
      { command: { name: 'ack' }, actor: 'ben' },
      context('2027-01-06T13:00:00.000Z'),
    );
    const after = tickIncident(acked.state, context('2027-01-06T14:00:00.000Z', ['ana', 'ben']));
    expect(pages(after.effects)).toEqual([]);
  });

  it('/ack stops escalation; /resolve closes with time to acknowledge and resolve in the record', () => {
    const opened = openIncident(10, sev1, context('2027-01-06T08:00:00.000Z'));
    const acked = applyCommand(
      opened.state,
      { command: { name: 'ack' }, actor: 'ana' },
      context('2027-01-06T08:06:00.000Z'),
    );
    expect(pages(tickIncident(acked.state, context('2027-01-06T09:00:00.000Z')).effects)).toEqual([]);
    const resolved = applyCommand(
      acked.state,
      { command: { name: 'resolve', note: 'rolled back' }, actor: 'ana' },
      context('2027-01-06T08:40:00.000Z'),
    );
    expect(resolved.effects).toContainEqual({ type: 'close', reason: 'completed' });
    const body = renderRecord(resolved.state, 'UTC', (iso) => iso);
    expect(body).toContain('time to acknowledge: 6 min');
    expect(body).toContain('time to resolve: 40 min');
    expect(parseRecord(body)).toEqual(resolved.state);
  });

  it('the record names the people paged and acting without @-mentioning them (the page comment notifies)', () => {
    const opened = openIncident(12, sev1, context('2027-01-06T08:00:00.000Z'));
    const acked = applyCommand(
      opened.state,
      { command: { name: 'ack' }, actor: 'ana' },
      context('2027-01-06T08:06:00.000Z'),
    );
    const body = renderRecord(acked.state, 'UTC', (iso) => iso);
    const table = body.slice(0, body.indexOf('<!--'));
    expect(table).toContain('ana');
    // No "@" directly followed by a login anywhere a reader (or GitHub's mention filter) sees.
    expect(table).not.toMatch(/@[A-Za-z0-9]/);
    expect(parseRecord(body)).toEqual(acked.state);
  });

  it('the same page key is never sent twice', () => {
    const opened = openIncident(11, sev1, context('2027-01-06T08:00:00.000Z'));
    const first = applyCommand(
      opened.state,
      { command: { name: 'escalate' }, actor: 'ana' },
      context('2027-01-06T08:01:00.000Z'),
    );
    const replay = tickIncident(first.state, context('2027-01-06T08:16:00.000Z'));
    expect(keys(first.effects)).toEqual(['11:step-3']);
    expect(pages(replay.effects)).toEqual([]);
  });
});

describe('comment commands', () => {
  it.each([
    ['/ack', { ok: true, command: { name: 'ack' } }],
    [
      '/resolve rolled back the deploy',
      { ok: true, command: { name: 'resolve', note: 'rolled back the deploy' } },
    ],
    ['/sev 1', { ok: true, command: { name: 'sev', severity: 1 } }],
    ['/route platform', { ok: true, command: { name: 'route', team: 'platform' } }],
    [
      '/not-incident expected behaviour',
      { ok: true, command: { name: 'not-incident', reason: 'expected behaviour' } },
    ],
    ['looks fine now', undefined],
  ])('%s', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each(['/sev 5', '/route', '/not-incident', '/frobnicate'])('%s gets a helpful reply', (body) => {
    expect(parseCommand(body)).toMatchObject({ ok: false });
  });

  it('reopened after it was resolved: a new episode with keys of its own; deferred pages too', () => {
    const opened = openIncident(7, sev1, context('2027-01-06T08:00:00.000Z'));
    const resolved = applyCommand(
      opened.state,
      { command: { name: 'resolve' }, actor: 'ana' },
      context('2027-01-06T09:00:00.000Z'),
    );
    // Resolved: a command is answered with how to start again.
    const late = applyCommand(
      resolved.state,
      { command: { name: 'ack' }, actor: 'ben' },
      context('2027-01-06T10:00:00.000Z'),
    );
    expect(late.effects).toEqual([
      { type: 'reply', body: '@ben this incident is already resolved; reopen the issue to start again.' },
    ]);

    // Back at night as a sev:2: ana awake (paged now), ben deferred to his morning.
    const sev2: OpenDecision = {
      ...sev1,
      severity: 2,
      page: { now: ['ana'], later: [{ github: 'ben', at: '2027-01-08T14:00:00.000Z' }] },
    };
    const reopened = reopenIncident(resolved.state, sev2, context('2027-01-08T03:00:00.000Z'), 'cy');
    expect(keys(reopened.effects)).toEqual(['7:r1:step-0']);
    expect(reopened.state).toMatchObject({ reopened: 1, severity: 2, openedAt: '2027-01-08T03:00:00.000Z' });
    expect(reopened.state.resolved).toBeUndefined();
    expect(reopened.effects).toContainEqual({
      type: 'reply',
      body: '@cy reopened this issue, so it is handled again.\n\npaged',
    });
    // The first episode's pages stay in the record; the history says what happened.
    expect(reopened.state.pages.map((page) => page.key)).toEqual(['7:step-0', '7:r1:step-0']);
    expect(reopened.state.timeline.map((entry) => entry.text)).toContain(
      'reopened as an incident, sev:2 (@cy)',
    );

    const morning = tickIncident(reopened.state, context('2027-01-08T14:00:00.000Z'));
    expect(keys(morning.effects)).toEqual(expect.arrayContaining(['7:r1:deferred:ben']));

    // Reopened a second time: episode 2.
    const again = reopenIncident(
      applyCommand(
        morning.state,
        { command: { name: 'resolve' }, actor: 'ben' },
        context('2027-01-08T15:00:00.000Z'),
      ).state,
      sev1,
      context('2027-01-09T03:00:00.000Z'),
      'ana',
    );
    expect(keys(again.effects)).toEqual(['7:r2:step-0']);
  });
});
