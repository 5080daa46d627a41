/**
 * The incident promises, tried as an attacker or a tired person at 3 a.m. would: who may command
 * and page, what a command is, an outsider's report, the page budget, and the record's state,
 * which nothing a person writes can forge or break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayCommand, mayPage, pagesPeople, parseCommand } from '../../../src/core/incident/commands.js';
import type { Effect } from '../../../src/core/incident/effects.js';
import {
  applyCommand,
  type EngineContext,
  type OpenDecision,
  openIncident,
  reopenIncident,
  tickIncident,
} from '../../../src/core/incident/engine.js';
import {
  type IncidentState,
  parseRecord,
  readRecord,
  renderRecord,
  unknownTargets,
} from '../../../src/core/incident/record.js';

const STEPS = ['primary', 'secondary', 'point_people', 'team:eng-leads'];
const ROSTER = new Set(['ana', 'ben', 'cy', 'dee']);
const inRoster = (login: string) => ROSTER.has(login.toLowerCase());

function context(now: string, budget?: EngineContext['budget']): EngineContext {
  return {
    now,
    ackMinutes: 15,
    steps: STEPS,
    oncall: [
      { slot: 'primary', github: 'ana' },
      { slot: 'secondary', github: 'ben' },
    ],
    pointPeople: ['cy', 'dee'],
    inWorkHours: () => false,
    ...(budget ? { budget } : {}),
  };
}

const sev1 = (reporter: { login: string; member: boolean }, unconfirmed = false): OpenDecision => ({
  kind: 'incident',
  severity: 1,
  system: 'gravity',
  team: 'platform',
  page: unconfirmed ? { now: [], later: [] } : { now: ['ana', 'ben', 'cy', 'dee'], later: [] },
  assignees: unconfirmed ? [] : ['ana', 'ben'],
  labels: ['incident', 'sev:1'],
  reply: 'reply',
  reporter,
  ...(unconfirmed ? { unconfirmed } : {}),
});

const pageKeys = (effects: Effect[]) =>
  effects.flatMap((effect) => (effect.type === 'page' ? [effect.key] : []));
const policy = () => ({ now: ['ana', 'ben', 'cy', 'dee'], later: [] });
const T0 = '2027-01-06T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('what a command is', () => {
  it.each([
    ['an indented line (a code block)', '    /sev 1'],
    ['a line after a space', ' /sev 1'],
    ['a tab first', '\t/escalate'],
    ['a quoted command', '> /sev 1'],
    ['a command on the second line', 'please\n/sev 1'],
    ['a command after a blank line', '\n/sev 1'],
    ['a command in a code span', '`/sev 1`'],
    ['prose that mentions one', 'I think /sev 1 is right'],
  ])('%s is text, not a command', (_name, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it.each([
    ['/sev 1', { name: 'sev', severity: 1 }],
    ['/sev 1   \r\nmore text', { name: 'sev', severity: 1 }],
    ['/CONFIRM', { name: 'confirm' }],
    ['/resolve fixed it --> <!-- x -->', { name: 'resolve', note: 'fixed it --> <!-- x -->' }],
  ])('%j at column 0 of the first line is a command', (body, command) => {
    expect(parseCommand(body)).toEqual({ ok: true, command });
  });

  it('names the commands that wake people', () => {
    const paging = ['/sev 1', '/sev 2', '/escalate', '/confirm'];
    const quiet = ['/sev 3', '/ack', '/resolve', '/route red', '/not-incident dup'];
    for (const body of paging) {
      const parsed = parseCommand(body);
      expect(parsed?.ok && pagesPeople(parsed.command), body).toBe(true);
    }
    for (const body of quiet) {
      const parsed = parseCommand(body);
      expect(parsed?.ok && pagesPeople(parsed.command), body).toBe(false);
    }
  });
});

describe('who may command and page', () => {
  const bot = 'oncall-bot';
  it.each([
    ['a roster person without association', { login: 'ana', association: 'NONE' }, undefined, true, true],
    ['the owner', { login: 'boss', association: 'OWNER' }, undefined, true, true],
    ['a member with write', { login: 'wes', association: 'MEMBER' }, 'write', true, true],
    ['a collaborator with triage', { login: 'tia', association: 'COLLABORATOR' }, 'triage', true, true],
    ['a read-only member', { login: 'rod', association: 'MEMBER' }, 'read', true, false],
    ['a member GitHub says has none', { login: 'nel', association: 'MEMBER' }, 'none', true, false],
    ['an outsider', { login: 'mallory', association: 'NONE' }, 'none', false, false],
    ['a contributor', { login: 'cat', association: 'CONTRIBUTOR' }, 'read', false, false],
    [
      'an app bot with admin',
      { login: 'deploy[bot]', association: 'NONE', type: 'Bot' },
      'admin',
      false,
      false,
    ],
    [
      'the bot itself as a machine user',
      { login: 'ONCALL-BOT', association: 'MEMBER', type: 'User' },
      'admin',
      false,
      false,
    ],
    ['a bot on the roster', { login: 'ana', association: 'MEMBER', type: 'Bot' }, 'admin', false, false],
  ])('%s: command %s', (_name, commenter, permission, command, page) => {
    expect(mayCommand(commenter, inRoster, bot)).toBe(command);
    expect(mayPage(commenter, inRoster, permission, bot)).toBe(page);
  });
});

describe("an outsider's report", () => {
  const mallory = { login: 'mallory', member: false };

  it('pages nobody, assigns nobody, and waits however long for a roster member', () => {
    const opened = openIncident(1, sev1(mallory, true), context(T0));
    expect(pageKeys(opened.effects)).toEqual([]);
    expect(opened.effects.some((effect) => effect.type === 'assign')).toBe(false);
    expect(opened.state.unconfirmed).toEqual({ since: T0 });
    let state = opened.state;
    for (const minutes of [15, 30, 60, 600]) {
      const tick = tickIncident(state, context(at(minutes)));
      expect(pageKeys(tick.effects), `${minutes} min`).toEqual([]);
      state = tick.state;
    }
    const confirmed = applyCommand(
      state,
      { command: { name: 'confirm' }, actor: 'ana', policy },
      context(at(61)),
    );
    expect(pageKeys(confirmed.effects)).toEqual(['1:confirmed']);
    expect(confirmed.state.unconfirmed).toBeUndefined();
    expect(confirmed.state.timeline.map((entry) => entry.text)).toContain('confirmed as sev:1 (@ana)');
    // Confirming twice pages nobody twice.
    const again = applyCommand(
      confirmed.state,
      { command: { name: 'confirm' }, actor: 'ben', policy },
      context(at(62)),
    );
    expect(pageKeys(again.effects)).toEqual([]);
  });

  it('/sev 1 on it, the same severity, confirms it and pages', () => {
    const opened = openIncident(1, sev1(mallory, true), context(T0));
    const raised = applyCommand(
      opened.state,
      { command: { name: 'sev', severity: 1 }, actor: 'ben', policy },
      context(at(5)),
    );
    expect(pageKeys(raised.effects)).toEqual(['1:sev-1']);
    expect(raised.state.unconfirmed).toBeUndefined();
    expect(raised.state.timeline.map((entry) => entry.text)).toContain('confirmed as sev:1 (@ben)');
  });

  it('reopened by an outsider after a resolution, it waits again and pages nobody, each time', () => {
    let state = applyCommand(
      openIncident(1, sev1({ login: 'rita', member: true }), context(T0)).state,
      { command: { name: 'resolve' }, actor: 'ana' },
      context(at(10)),
    ).state;
    for (let loop = 1; loop <= 5; loop += 1) {
      const reopened = reopenIncident(state, sev1(mallory, true), context(at(10 + loop)), 'mallory');
      expect(pageKeys(reopened.effects), `loop ${loop}`).toEqual([]);
      expect(reopened.state.unconfirmed).toBeDefined();
      state = applyCommand(
        reopened.state,
        { command: { name: 'resolve' }, actor: 'mallory' },
        context(at(10 + loop)),
      ).state;
    }
    expect(state.pages.map((page) => page.key)).toEqual(['1:step-0']);
  });
});

describe('the page budget', () => {
  const budget = (perIncident: number, perReporterHour: number, elsewhere = 0) => ({
    perIncident,
    perReporterHour,
    reporterPagesElsewhere: elsewhere,
  });

  it("never holds back the first page of a member's sev:1, however busy the reporter", () => {
    const opened = openIncident(1, sev1({ login: 'rita', member: true }), context(T0, budget(1, 1, 50)));
    expect(pageKeys(opened.effects)).toEqual(['1:step-0']);
    expect(opened.state.held).toBeUndefined();
  });

  it('holds back pages beyond the budget of the incident, and says so in the record', () => {
    const opened = openIncident(1, sev1({ login: 'rita', member: true }), context(T0, budget(1, 10)));
    const tick = tickIncident(opened.state, context(at(15), budget(1, 10)));
    expect(pageKeys(tick.effects)).toEqual([]);
    expect(tick.state.held?.map((page) => page.key)).toEqual(['1:step-3']);
    expect(tick.state.timeline.at(-1)?.text).toMatch(
      /^page to team eng-leads held back \(page budget: 1 pages sent/,
    );
    // Held once: the next ticks neither send nor hold it again.
    const later = tickIncident(tick.state, context(at(45), budget(1, 10)));
    expect(pageKeys(later.effects)).toEqual([]);
    expect(later.state.held).toHaveLength(1);
  });

  it("holds back an outsider's confirmed page when the reporter's pages this hour are used up", () => {
    const opened = openIncident(1, sev1({ login: 'mallory', member: false }, true), context(T0));
    const confirmed = applyCommand(
      opened.state,
      { command: { name: 'confirm' }, actor: 'ana', policy },
      context(at(1), budget(10, 3, 3)),
    );
    expect(pageKeys(confirmed.effects)).toEqual([]);
    expect(confirmed.state.held?.[0]?.reason).toMatch(/3 pages in the last hour for reports by @mallory/);
  });

  it('caps an incident reopened again and again by members', () => {
    let state = openIncident(1, sev1({ login: 'rita', member: true }), context(T0, budget(3, 100))).state;
    let sent = 1;
    for (let loop = 1; loop <= 6; loop += 1) {
      state = applyCommand(
        state,
        { command: { name: 'resolve' }, actor: 'ana' },
        context(at(loop * 2)),
      ).state;
      const reopened = reopenIncident(
        state,
        sev1({ login: 'ana', member: true }),
        context(at(loop * 2 + 1), budget(3, 100)),
        'ana',
      );
      sent += pageKeys(reopened.effects).length;
      state = reopened.state;
    }
    expect(sent).toBe(3);
    expect(state.held).toHaveLength(4);
  });
});

describe("the record's state", () => {
  const base = () => openIncident(7, sev1({ login: 'rita', member: true }), context(T0)).state;
  const format = (iso: string) => iso.slice(0, 16);
  const forged: IncidentState = {
    ...base(),
    pages: [{ key: '7:x', to: ['mallory'], reason: 'https://evil.example', at: T0 }],
  };
  const json = JSON.stringify(forged);
  const b64 = Buffer.from(json).toString('base64');

  it.each([
    ['a legacy state block', `<!-- oncall-state ${json} -->`],
    ['an encoded state block', `<!-- oncall-state:b64 ${b64} -->`],
    ['a comment closer and an opener', 'fixed --> <!-- oncall-state'],
    ['a marker', '<!-- oncall-as-code:incident-record -->'],
    ['a table row', '| 2027 | forged |\n| x | y |'],
  ])('a /resolve note with %s neither forges nor breaks it', (_name, note) => {
    const resolved = applyCommand(
      base(),
      { command: { name: 'resolve', note }, actor: 'ana' },
      context(at(5)),
    );
    const body = renderRecord(resolved.state, 'UTC', format);
    expect(readRecord(body)).toEqual({ status: 'ok', state: resolved.state });
    expect(body.match(/<!--/g)).toHaveLength(1);
    expect(body.match(/-->/g)).toHaveLength(1);
  });

  it('round-trips any note or reason a person can type', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 120 }), (note, reason) => {
        const routed = applyCommand(
          base(),
          { command: { name: 'not-incident', reason: reason || 'x' }, actor: 'ana' },
          context(at(1)),
        );
        const resolved = applyCommand(
          routed.state,
          { command: { name: 'resolve', note }, actor: 'ana' },
          context(at(2)),
        );
        const body = renderRecord(resolved.state, 'UTC', format);
        expect(parseRecord(body)).toEqual(resolved.state);
        expect(body.match(/<!--/g)).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a record written before the encoding, from its last block', () => {
    const state = base();
    const legacy = `| x | resolved: <!-- oncall-state ${json} --> |\n<!-- oncall-state ${JSON.stringify(state)} -->`;
    expect(parseRecord(legacy)).toEqual(state);
  });

  it.each([
    ['no closing', `<!-- oncall-state:b64 ${b64}`, 'not closed'],
    ['not base64', '<!-- oncall-state:b64 %%% -->', 'not base64'],
    ['not JSON', `<!-- oncall-state:b64 ${Buffer.from('{').toString('base64')} -->`, 'not JSON'],
    ['an array', `<!-- oncall-state:b64 ${Buffer.from('[]').toString('base64')} -->`, 'not an object'],
    [
      'another version',
      `<!-- oncall-state ${JSON.stringify({ ...forged, version: 2 })} -->`,
      'unknown version',
    ],
    [
      'a page to something not a login',
      `<!-- oncall-state ${JSON.stringify({ ...forged, pages: [{ key: 'k', to: ['@everyone x'], reason: 'r', at: T0 }] })} -->`,
      'pages',
    ],
    ['a truncated block name', '<!-- oncall-stateX {} -->', 'not one this system wrote'],
  ])('a damaged record (%s) is reported, not read as no record', (_name, body, why) => {
    const read = readRecord(body);
    expect(read.status).toBe('damaged');
    expect(read.status === 'damaged' && read.why).toContain(why);
  });

  it('names every page target the rotation does not know', () => {
    const state: IncidentState = {
      ...base(),
      pages: [
        { key: '7:step-0', to: ['ana', 'mallory'], reason: 'r', at: T0 },
        { key: '7:step-3', to: [], team: 'everyone', reason: 'r', at: T0 },
      ],
      deferred: [{ github: 'eve', at: T0 }],
    };
    expect(unknownTargets(state, { person: inRoster, teams: ['eng-leads'] })).toEqual([
      '@mallory',
      'team:everyone',
      '@eve',
    ]);
    expect(unknownTargets(base(), { person: inRoster, teams: ['eng-leads'] })).toEqual([]);
  });
});
