/**
 * The incident flow end to end, as GitHub Actions runs it: the committed incident and tick bundles
 * against the GitHub and Slack emulators, an on-call repository on disk and a clock the scenario
 * moves. Each scenario asserts the exact Slack messages sent (who got which page, by dedup key)
 * and that three further ticks send nothing unexpected.
 *
 * The roster and schedule are in harness.ts: week of 2027-01-04 ana (New York) + ben (London),
 * week of 2027-01-11 dee (New York) + fay (Chicago); gravity's point-people are cy (Los Angeles)
 * and eli (Tokyo); force belongs to team red. Times below are New York wall-clock times.
 */
import { describe, expect, it } from 'vitest';
import { markerComment } from '../../src/io/github/marked-comment.js';
import { type Simulation, useSimulation } from './harness.js';

/** Ticks at these times; none may send anything to Slack, nor change a comment of the incident. */
async function quietTicks(s: Simulation, number: number, times: string[]): Promise<void> {
  const comments = s.comments(number);
  for (const time of times) {
    s.at(time);
    const run = await s.tick();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(s.slackSince(), `tick at ${time}`).toEqual([]);
    expect(s.comments(number), `tick at ${time}`).toEqual(comments);
  }
}

function ok(run: { code: number; stdout: string; stderr: string }): void {
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

/** The first page of a sev:1 report on gravity in the week of ana and ben. */
const SEV1_STEP0 = ['#incidents 1:step-0', '@ana 1:step-0', '@ben 1:step-0', '@cy 1:step-0', '@eli 1:step-0'];

describe('incident scenarios', () => {
  const sim = useSimulation();

  it('sev:1 at 03:00 pages the pair and the point-people, escalates to eng-leads, stops at /ack, closes at /resolve', async () => {
    const s = sim();
    s.at('2027-01-06T03:00'); // a Wednesday
    const { number, run } = await s.openIncident({
      down: 'Yes',
      system: 'gravity',
      title: 'Gravity is down',
    });
    ok(run);
    expect(number).toBe(1);
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:paged', 'system:gravity']);
    expect(s.issue(number).assignees).toEqual(['ana', 'ben']);
    expect(s.botComments(number, 'page:1:step-0').map((comment) => comment.body)).toEqual([
      expect.stringContaining('Paging @ana, @ben, @cy, @eli'),
    ]);
    const reply = s.botComments(number, 'reply:triage:1');
    expect(reply).toHaveLength(1);
    expect(reply[0]?.body).toContain('sev:1 pages both on-call people at any hour, plus the system');
    expect(reply[0]?.body).toContain(
      'Playbook: [Gravity (core API)](https://github.com/acme/oncall/blob/main/playbooks/gravity.md)',
    );
    expect(s.record(number)).toMatchObject({
      severity: 1,
      level: 2,
      pages: [{ key: '1:step-0', to: ['ana', 'ben', 'cy', 'eli'], sentAt: '2027-01-06T08:00:00.000Z' }],
    });

    // Not yet due at 03:14; the next step (team eng-leads) at 03:15: a channel post and a mention.
    s.at('2027-01-06T03:14');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-06T03:15');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
    expect(s.botComments(number, 'page:1:step-3').map((comment) => comment.body)).toEqual([
      expect.stringContaining('@acme/eng-leads'),
    ]);
    expect(s.labels(number)).toContain('status:escalated');

    // The primary takes it: escalation stops.
    s.at('2027-01-06T03:20');
    ok(await s.comment(number, { author: 'ana', body: '/ack' }));
    expect(s.slackSince()).toEqual([]);
    expect(s.record(number).acknowledged).toEqual({ by: 'ana', at: '2027-01-06T08:20:00.000Z' });
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:acknowledged', 'system:gravity']);
    await quietTicks(s, number, ['2027-01-06T03:30', '2027-01-06T03:45', '2027-01-06T04:00']);

    s.at('2027-01-06T04:10');
    ok(await s.comment(number, { author: 'ana', body: '/resolve rolled back' }));
    expect(s.slackSince()).toEqual([]);
    expect(s.issue(number)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:resolved', 'system:gravity']);
    const record = s.record(number);
    expect(record.resolved).toEqual({ by: 'ana', at: '2027-01-06T09:10:00.000Z', note: 'rolled back' });
    expect(record.pages.map((page) => page.key)).toEqual(['1:step-0', '1:step-3']);
    expect(s.recordComments(number)[0]?.body).toContain(
      'time to acknowledge: 20 min · time to resolve: 70 min',
    );
  });

  it('a resolved sev:1 reopened: paged again as a new episode, escalates, and a repeated delivery sends nothing', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity', title: 'Gravity is down' });
    s.at('2027-01-06T03:05');
    ok(await s.comment(number, { author: 'ana', body: '/ack' }));
    s.at('2027-01-06T03:40');
    ok(await s.comment(number, { author: 'ana', body: '/resolve rolled back' }));
    expect(s.issue(number).state).toBe('closed');
    s.slackSince();

    // Two nights later it is back: ana reopens the issue.
    s.at('2027-01-08T02:00');
    ok(await s.reopen(number, 'ana'));
    expect(s.slackSince()).toEqual(SEV1_STEP0.map((line) => line.replace('1:step-0', '1:r1:step-0')));
    const reopened = s.record(number);
    expect(reopened).toMatchObject({ reopened: 1, openedAt: '2027-01-08T07:00:00.000Z', level: 2 });
    expect(reopened.resolved).toBeUndefined();
    expect(reopened.acknowledged).toBeUndefined();
    expect(s.labels(number)).toContain('status:paged');
    expect(s.labels(number)).not.toContain('status:resolved');
    const reply = s.botComments(number, 'reply:reopen-1:1');
    expect(reply.map((comment) => comment.body)).toEqual([
      expect.stringContaining('@ana reopened this issue'),
    ]);

    // The same delivery again: nothing new.
    const again = await s.issueEvent(number, 'reopened');
    again.sender = { ...again.sender, login: 'ana' };
    ok(await s.deliver('issues', again));
    expect(s.slackSince()).toEqual([]);

    // Nobody acknowledges: the new episode escalates on its own clock.
    s.at('2027-01-08T02:15');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:r1:step-3']);
    s.at('2027-01-08T02:20');
    ok(await s.comment(number, { author: 'ben', body: '/ack' }));
    expect(s.record(number).acknowledged).toEqual({ by: 'ben', at: '2027-01-08T07:20:00.000Z' });
    expect(s.record(number).pages.map((page) => page.key)).toEqual([
      '1:step-0',
      '1:r1:step-0',
      '1:r1:step-3',
    ]);
    expect(s.recordComments(number)).toHaveLength(1);
  });

  it('sev:2 at 22:00 defers the pages to 09:00; an /ack at 08:00 cancels them', async () => {
    const s = sim();
    s.at('2027-01-12T22:00'); // a Tuesday: dee (New York) and fay (Chicago) are on call
    const { number, run } = await s.openIncident({ down: 'No', system: 'gravity', title: 'Gravity is slow' });
    ok(run);
    expect(s.slackSince()).toEqual([]);
    expect(s.botComments(number, 'page:1:step-0')).toEqual([]);
    expect(s.labels(number)).toEqual(['incident', 'sev:2', 'status:deferred', 'system:gravity']);
    const reply = s.botComments(number, 'reply:triage:1')[0]?.body ?? '';
    expect(reply).toContain(
      '@dee is outside work hours (22:00 Tuesday, America/New_York): paged at the start of their work hours, Wednesday 2027-01-13 09:00 America/New_York',
    );
    expect(reply).toContain('Wednesday 2027-01-13 09:00 America/Chicago');
    expect(s.record(number)).toMatchObject({ pages: [], deferred: [{ github: 'dee' }, { github: 'fay' }] });
    expect(s.record(number).deferred.map((entry) => Date.parse(entry.at))).toEqual([
      Date.parse('2027-01-13T14:00:00Z'),
      Date.parse('2027-01-13T15:00:00Z'),
    ]);

    s.at('2027-01-13T08:00');
    ok(await s.comment(number, { author: 'dee', body: '/ack' }));
    expect(s.record(number)).toMatchObject({ acknowledged: { by: 'dee' }, deferred: [] });
    expect(s.slackSince()).toEqual([]);
    // 09:00 in New York (dee's page), 10:00 (09:00 in Chicago: fay's), and one more.
    await quietTicks(s, number, ['2027-01-13T09:00', '2027-01-13T10:00', '2027-01-13T10:15']);
    expect(s.record(number).pages).toEqual([]);
  });

  it('sev:2 at 22:00 without an /ack: each deferred page goes out once, when that person starts work', async () => {
    const s = sim();
    s.at('2027-01-12T22:00');
    const { number } = await s.openIncident({ down: 'No', system: 'gravity' });
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-13T08:55');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-13T09:00');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:deferred:dee', '@dee 1:deferred:dee']);
    expect(s.labels(number)).toContain('status:paged');
    // Nobody acknowledged within 15 minutes: the next step with someone in work hours is eng-leads.
    s.at('2027-01-13T09:15');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
    s.at('2027-01-13T10:00');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:deferred:fay', '@fay 1:deferred:fay']);
    await quietTicks(s, number, ['2027-01-13T10:05', '2027-01-13T10:15', '2027-01-13T10:30']);
  });

  it('a bug goes to the playbook team, pages nobody, and the reporter is told why, kindly', async () => {
    const s = sim();
    s.at('2027-01-06T14:00'); // work hours: still nobody is paged for a bug
    const { number, run } = await s.openBug({
      system: 'force',
      title: 'Privacy link broken',
      author: 'rita',
    });
    ok(run);
    expect(s.slackSince()).toEqual([]);
    expect(s.labels(number)).toEqual(['bug', 'sev:3', 'status:routed', 'system:force', 'team:red']);
    expect(s.issue(number).assignees).toEqual([]);
    expect(s.botComments(number).filter((comment) => comment.body.includes('oncall-as-code:page:'))).toEqual(
      [],
    );
    const reply = s.botComments(number, 'reply:triage:1')[0]?.body ?? '';
    expect(reply).toContain(
      'Thanks for reporting this, @rita. It is in the right place: the red team will pick it up',
    );
    expect(reply).toContain('Nobody is paged for it, and here is why.');
    expect(reply).toContain('sev:3, bugs and requests page nobody');
    expect(reply).toContain('**If it is actually down for users**');
    expect(s.record(number)).toMatchObject({ kind: 'bug', severity: 3, pages: [], routed: { team: 'red' } });
    await quietTicks(s, number, ['2027-01-06T14:15', '2027-01-06T14:30', '2027-01-06T14:45']);
  });

  it('/ack by a stranger gets a polite refusal; the record does not change and escalation goes on', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    const before = s.recordComments(number);
    const labels = s.labels(number);

    s.at('2027-01-06T03:05');
    const run = await s.comment(number, { author: 'mallory', body: '/ack', association: 'NONE' });
    ok(run);
    expect(run.stdout).toContain('refused a command from mallory');
    const refusal = s.comments(number).at(-1);
    expect(refusal?.author).toBe(s.gh.bot.login);
    expect(refusal?.body).toContain(
      "Thanks @mallory. Incident commands are for the on-call roster and the repository's members, so nothing changed.",
    );
    expect(s.recordComments(number)).toEqual(before);
    expect(s.labels(number)).toEqual(labels);
    expect(s.issue(number).assignees).toEqual(['ana', 'ben']);
    expect(s.slackSince()).toEqual([]);

    // The /ack did not count: eng-leads are paged at 03:15, once.
    s.at('2027-01-06T03:10');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-06T03:15');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
    s.at('2027-01-06T03:20');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
  });

  it('the same issues.opened delivered twice: one page per person, one record', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number, event } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    s.at('2027-01-06T03:01');
    const again = await s.deliver('issues', event);
    ok(again);
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    expect(s.recordComments(number)).toHaveLength(1);
    expect(s.botComments(number, 'page:1:step-0')).toHaveLength(1);
    expect(s.botComments(number, 'reply:triage:1')).toHaveLength(1);
    expect(s.botComments(number)).toHaveLength(3);
    await quietTicks(s, number, ['2027-01-06T03:05', '2027-01-06T03:10', '2027-01-06T03:14']);
  });

  it('a bug raised with /sev 1 becomes an incident: pages at once and escalates', async () => {
    const s = sim();
    s.at('2027-01-06T14:00');
    const { number } = await s.openBug({ system: 'force' });
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-06T14:05');
    ok(await s.comment(number, { author: 'dee', body: '/sev 1' }));
    // sev:1: both on-call people and force's point-person, at once.
    expect(s.slackSince()).toEqual(['#incidents 1:sev-1', '@ana 1:sev-1', '@ben 1:sev-1', '@dee 1:sev-1']);
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:paged', 'system:force', 'team:red']);
    expect(s.record(number)).toMatchObject({ kind: 'incident', severity: 1 });
    // Labelled an incident, so the tick escalates it when nobody acknowledges.
    s.at('2027-01-06T14:20');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
    await quietTicks(s, number, ['2027-01-06T14:25', '2027-01-06T14:35', '2027-01-06T14:50']);
  });

  it('/sev 3 sends an incident to the team backlog: team label, no escalation, no deferred page', async () => {
    const s = sim();
    s.at('2027-01-06T14:00'); // sev:2: ana (in work hours) now, ben (19:00 in London) tomorrow 09:00
    const { number } = await s.openIncident({ down: 'No', system: 'gravity' });
    expect(s.slackSince()).toEqual(['#incidents 1:step-0', '@ana 1:step-0']);
    s.at('2027-01-06T14:05');
    ok(await s.comment(number, { author: 'ana', body: '/sev 3' }));
    expect(s.slackSince()).toEqual([]);
    expect(s.labels(number)).toEqual(['incident', 'sev:3', 'status:routed', 'system:gravity', 'team:blue']);
    expect(s.record(number)).toMatchObject({
      severity: 3,
      routed: { team: 'blue', by: 'ana' },
      deferred: [],
    });
    // 14:15 would have escalated; 04:00 tomorrow (09:00 in London) would have paged ben.
    await quietTicks(s, number, ['2027-01-06T14:20', '2027-01-06T14:35', '2027-01-07T04:00']);
  });

  it('a tick 50 minutes late does each overdue escalation step exactly once', async () => {
    const s = sim();
    // 14:00 in New York: ana is in work hours, ben (19:00 in London) is not; cy (11:00 in Los
    // Angeles) is, eli (04:00 in Tokyo) is not.
    s.at('2027-01-06T14:00');
    const { number } = await s.openIncident({ down: 'No', system: 'gravity' });
    expect(s.slackSince()).toEqual(['#incidents 1:step-0', '@ana 1:step-0']);
    expect(s.record(number).deferred.map((entry) => entry.github)).toEqual(['ben']);

    // No tick ran since the report; this one comes at 14:50. Due: point-people at 14:15 (cy only,
    // for sev:2), team eng-leads at 14:30.
    s.at('2027-01-06T14:50');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-2', '#incidents 1:step-3', '@cy 1:step-2']);
    expect(s.record(number).pages.map((page) => [page.key, page.to, page.at])).toEqual([
      ['1:step-0', ['ana'], '2027-01-06T19:00:00.000Z'],
      ['1:step-2', ['cy'], '2027-01-06T19:15:00.000Z'],
      ['1:step-3', [], '2027-01-06T19:30:00.000Z'],
    ]);
    expect(
      s.botComments(number).filter((comment) => comment.body.includes('oncall-as-code:page:')),
    ).toHaveLength(3);
    await quietTicks(s, number, ['2027-01-06T14:55', '2027-01-06T15:00', '2027-01-06T15:05']);
  });
});

describe('incident scenarios under faults', () => {
  const sim = useSimulation();

  it('Slack down: GitHub side completes, the page stays unsent, and the next tick sends it exactly once', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    // Five posts (four DMs and the channel), each tried once: a post is never retried blindly.
    s.slack.inject({ method: 'chat.postMessage', kind: 'status', status: 500, times: 5 });
    const { number, run } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    expect(s.slack.pendingFaults()).toEqual([]);
    expect(run.stdout).toContain('paged nobody');
    expect(run.stdout).toContain('::warning::page 1:step-0 not delivered to ana (the next tick retries)');
    expect(s.slackSince()).toEqual([]);
    // GitHub: the record, the labels, the assignees, the reply and the mention that pages.
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:paged', 'system:gravity']);
    expect(s.issue(number).assignees).toEqual(['ana', 'ben']);
    expect(s.botComments(number, 'reply:triage:1')).toHaveLength(1);
    expect(s.botComments(number, 'page:1:step-0').map((comment) => comment.body)).toEqual([
      expect.stringContaining('Paging @ana, @ben, @cy, @eli'),
    ]);
    const [page] = s.record(number).pages;
    expect(page).toMatchObject({ key: '1:step-0', delivered: ['github'] });
    expect(page?.sentAt).toBeUndefined();

    s.at('2027-01-06T03:05');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    expect(s.record(number).pages[0]).toMatchObject({ sentAt: '2027-01-06T08:05:00.000Z' });
    expect(s.botComments(number, 'page:1:step-0')).toHaveLength(1);

    s.at('2027-01-06T03:10');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
    s.at('2027-01-06T03:15');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
    s.at('2027-01-06T03:20');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
  });

  it('GitHub answers 502 after writing the record: no second record, no second page', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    // The first comment created is the record: GitHub makes it, then answers 502.
    s.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    const { number, run } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    ok(run);
    expect(s.gh.pendingFaults()).toEqual([]);
    const first = s.gh.requests('POST', /\/issues\/1\/comments$/)[0];
    expect(first).toMatchObject({ status: 502, applied: true });
    expect(first?.body).toMatchObject({ body: expect.stringContaining(markerComment('incident-record')) });
    expect(s.recordComments(number)).toHaveLength(1);
    expect(s.botComments(number, 'page:1:step-0')).toHaveLength(1);
    expect(s.botComments(number)).toHaveLength(3);
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    expect(s.record(number).pages[0]?.sentAt).toBe('2027-01-06T08:00:00.000Z');
    await quietTicks(s, number, ['2027-01-06T03:05', '2027-01-06T03:10', '2027-01-06T03:14']);
  });

  it('Slack fails for one person: the retry sends the page to that person only', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    // The first post (the DM to ana) fails; posts are not retried blindly.
    s.slack.inject({ method: 'chat.postMessage', kind: 'status', status: 500, times: 1 });
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    expect(s.slackSince()).toEqual(['#incidents 1:step-0', '@ben 1:step-0', '@cy 1:step-0', '@eli 1:step-0']);
    expect(s.record(number).pages[0]).toMatchObject({
      delivered: ['github', 'ben', 'cy', 'eli', 'C0INCIDENTS'],
    });
    expect(s.record(number).pages[0]?.sentAt).toBeUndefined();
    s.at('2027-01-06T03:05');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['@ana 1:step-0']);
    await quietTicks(s, number, ['2027-01-06T03:10', '2027-01-06T03:12', '2027-01-06T03:14']);
  });

  it('a run that stops after the record write: pages go out, and the next run finishes the labels and reply', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    // GitHub fails every try to add the labels (the client retries three times): the run fails.
    s.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/labels',
      kind: 'status',
      status: 502,
      times: 4,
    });
    const { number, event, run } = await s.openIncident({ down: 'Yes', system: 'gravity' });
    expect(run.code).toBe(1);
    expect(s.gh.pendingFaults()).toEqual([]);
    expect(s.slackSince()).toEqual(SEV1_STEP0);
    expect(s.labels(number)).toEqual(['incident']);
    expect(s.botComments(number, 'reply:triage:1')).toEqual([]);
    expect(s.record(number).unapplied).toHaveLength(1);

    // The next tick finishes it: labels, assignees and the reply; nothing is paged again.
    s.at('2027-01-06T03:05');
    ok(await s.tick());
    expect(s.slackSince()).toEqual([]);
    expect(s.labels(number)).toEqual(['incident', 'sev:1', 'status:paged', 'system:gravity']);
    expect(s.issue(number).assignees).toEqual(['ana', 'ben']);
    expect(s.botComments(number, 'reply:triage:1')).toHaveLength(1);
    expect(s.record(number).unapplied).toBeUndefined();
    // The failed run re-run by hand: nothing more.
    ok(await s.deliver('issues', event));
    expect(s.recordComments(number)).toHaveLength(1);
    expect(s.botComments(number)).toHaveLength(3);
    await quietTicks(s, number, ['2027-01-06T03:07', '2027-01-06T03:10', '2027-01-06T03:14']);
  });
});
