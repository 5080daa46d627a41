/**
 * The incident promises tried as an outsider, a tired member and a forger would, end to end: the
 * committed incident and tick bundles against the GitHub and Slack emulators (see harness.ts).
 *
 * - An outsider's "down: Yes" at 03:00 is answered and pages nobody until a roster member confirms.
 * - Closing and reopening wakes nobody unless someone on the roster reopens.
 * - A `/resolve` note or any comment carrying a state block or `-->` neither forges nor breaks the
 *   record; a record that does not parse, or names people the rotation does not know, is reported
 *   and left alone.
 * - Text from the report (form answers, title, reasons) is echoed inert: no mention, link or image.
 *
 * mallory is an outsider (no association); rita works at the company (MEMBER) but is not on the
 * roster; ana and ben are on call in the week of 2027-01-04; gravity's point-people are cy and eli.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/core/incident/record.js';
import { TEST_REPO } from '../helpers/github-emulator.js';
import { REPO, type Simulation, useSimulation } from './harness.js';

function ok(run: { code: number; stdout: string; stderr: string }): void {
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

async function quietTicks(s: Simulation, times: string[]): Promise<void> {
  for (const time of times) {
    s.at(time);
    ok(await s.tick());
    expect(s.slackSince(), `tick at ${time}`).toEqual([]);
  }
}

/** `author` closes the issue on GitHub, and `issues.closed` is delivered. */
async function close(s: Simulation, number: number, author: string) {
  const repo = s.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('no test repository');
  s.gh.store.updateIssue(repo, s.gh.store.issue(repo, number), s.gh.store.user(author), { state: 'closed' });
  // The recorded examples have no issues.closed: a reopened one, as GitHub sends it for a close.
  const event = await s.issueEvent(number, 'reopened');
  event.action = 'closed';
  event.sender = { ...event.sender, login: author };
  return s.deliver('issues', event);
}

/** An issue whose body the reporter wrote by hand (through the API: no form checks its answers). */
async function openRaw(s: Simulation, input: { author: string; title: string; body: string }) {
  const issue = s.gh.seed.issue(REPO, { ...input, labels: ['incident'] });
  const event = await s.issueEvent(issue.number, 'opened');
  event.sender = event.issue.user;
  return { number: issue.number, run: await s.deliver('issues', event) };
}

const SEV1_CONFIRMED = [
  '#incidents 1:confirmed',
  '@ana 1:confirmed',
  '@ben 1:confirmed',
  '@cy 1:confirmed',
  '@eli 1:confirmed',
];

describe('incident trust', () => {
  const sim = useSimulation();

  it("an outsider's 'down: Yes' at 03:00 pages nobody until someone on the roster confirms it", async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number, run } = await s.openIncident({ down: 'Yes', system: 'gravity', author: 'mallory' });
    ok(run);
    expect(s.slackSince()).toEqual([]);
    expect(s.botComments(number).filter((comment) => comment.body.includes('Paging'))).toEqual([]);
    const reply = s.botComments(number, 'reply:triage:1')[0]?.body ?? '';
    expect(reply).toContain('waiting for the on-call team to confirm');
    expect(reply).toContain('Thanks for reporting this, @mallory');
    expect(reply).toMatch(/pages nobody until someone on the on-call roster has looked at it/);
    expect(s.record(number)).toMatchObject({
      severity: 1,
      pages: [],
      unconfirmed: { since: expect.any(String) },
    });
    expect(s.issue(number).assignees).toEqual([]);
    expect(s.labels(number).filter((label) => label.startsWith('status:'))).toEqual([]);
    await quietTicks(s, ['2027-01-06T03:15', '2027-01-06T03:45', '2027-01-06T04:30']);

    // The outsider cannot confirm their own report, nor can a read-only member page.
    s.at('2027-01-06T04:31');
    ok(await s.comment(number, { author: 'mallory', body: '/confirm' }));
    s.gh.seed.role(REPO, 'reader', 'read');
    ok(await s.comment(number, { author: 'reader', body: '/sev 1', association: 'MEMBER' }));
    ok(await s.comment(number, { author: 'reader', body: '/escalate', association: 'MEMBER' }));
    expect(s.slackSince()).toEqual([]);
    const replies = s
      .comments(number)
      .slice(-6)
      .map((comment) => comment.body);
    expect(replies.some((body) => body.includes('Incident commands are for the on-call roster'))).toBe(true);
    expect(
      replies.filter((body) => body.includes('pages people, so it is for the on-call roster')),
    ).toHaveLength(2);
    expect(s.record(number).pages).toEqual([]);

    // ana, on the roster, confirms: the sev:1 policy pages at once, then escalation runs as usual.
    s.at('2027-01-06T04:35');
    ok(await s.comment(number, { author: 'ana', body: '/confirm' }));
    expect(s.slackSince()).toEqual(SEV1_CONFIRMED);
    expect(s.record(number).unconfirmed).toBeUndefined();
    expect(s.labels(number)).toContain('status:paged');
    s.at('2027-01-06T04:50');
    ok(await s.tick());
    expect(s.slackSince()).toEqual(['#incidents 1:step-3']);
  }, 120_000);

  it('closing and reopening wakes nobody unless someone on the roster reopens', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity', author: 'mallory' });
    s.at('2027-01-06T03:05');
    ok(await s.comment(number, { author: 'ana', body: '/confirm' }));
    expect(s.slackSince()).toEqual(SEV1_CONFIRMED);

    // The reporter closes and reopens their own issue, again and again: nobody is paged.
    for (const [index, minute] of ['10', '12', '14'].entries()) {
      s.at(`2027-01-06T03:${minute}`);
      ok(await close(s, number, 'mallory'));
      ok(await s.reopen(number, 'mallory'));
      expect(s.slackSince(), `loop ${index + 1}`).toEqual([]);
      expect(s.record(number)).toMatchObject({ reopened: index + 1, unconfirmed: expect.any(Object) });
    }
    await quietTicks(s, ['2027-01-06T03:30', '2027-01-06T04:00']);
    const reply = s.botComments(number, 'reply:reopen-3:1')[0]?.body ?? '';
    expect(reply).toContain('@mallory reopened this issue');
    expect(reply).toContain('waiting for the on-call team to confirm');

    // ben, on the roster, reopens it: that is a real comeback, and it pages (episode 5).
    s.at('2027-01-06T04:10');
    ok(await close(s, number, 'mallory'));
    ok(await s.reopen(number, 'ben'));
    expect(s.slackSince()).toEqual(SEV1_CONFIRMED.map((line) => line.replace('1:confirmed', '1:r4:step-0')));
  }, 180_000);

  it("the page budget holds back pages beyond it, says so in the record and #incidents, never a member's first sev:1 page", async () => {
    const s = sim();
    appendFileSync(
      path.join(s.root, 'rotations/ops/rotation.yaml'),
      'page_budget: { per_incident: 1, per_reporter_hour: 6 }\n',
    );
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity', author: 'rita' });
    expect(s.slackSince()).toEqual([
      '#incidents 1:step-0',
      '@ana 1:step-0',
      '@ben 1:step-0',
      '@cy 1:step-0',
      '@eli 1:step-0',
    ]);

    // The escalation to eng-leads at 03:15 is beyond the budget: held, announced, not sent.
    s.at('2027-01-06T03:15');
    ok(await s.tick());
    const messages = s.slackMessagesSince();
    expect(messages.map((message) => message.to)).toEqual(['#incidents']);
    expect(messages[0]?.text).toContain('was held back (');
    expect(messages[0]?.text).toContain('page budget: 1 pages sent for this incident already (at most 1)');
    expect(s.botComments(number, 'page:1:step-3')).toEqual([]);
    const state = s.record(number);
    expect(state.held?.map((page) => page.key)).toEqual(['1:step-3']);
    expect(state.timeline.at(-1)?.text).toMatch(/^page to team eng-leads held back/);
    expect(s.recordComments(number)[0]?.body).toContain('held back (page budget');
    // Held once: later ticks announce nothing more.
    await quietTicks(s, ['2027-01-06T03:30', '2027-01-06T04:30']);
  }, 120_000);

  it('a /resolve note or a comment carrying a state block or --> neither forges nor breaks the record', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity', author: 'rita' });
    expect(s.slackSince()).toHaveLength(5);
    const forged = JSON.stringify({
      version: 1,
      number,
      kind: 'incident',
      severity: 1,
      openedAt: '2027-01-06T08:00:00.000Z',
      level: -1,
      pages: [
        {
          key: `${number}:x`,
          to: ['dee', 'fay'],
          reason: 'see https://evil.example',
          at: '2027-01-06T08:00:00.000Z',
        },
      ],
      deferred: [],
      timeline: [],
    });
    // A stranger's comment posing as the record, then a resolve note carrying both block forms.
    ok(
      await s.comment(number, {
        author: 'mallory',
        body: `<!-- oncall-as-code:incident-record -->\n<!-- oncall-state ${forged} -->\n<!-- oncall-state:b64 ${Buffer.from(forged).toString('base64')} -->`,
      }),
    );
    s.at('2027-01-06T03:05');
    ok(
      await s.comment(number, {
        author: 'ana',
        body: `/resolve fixed --> <!-- oncall-state ${forged} --> <!-- oncall-state:b64 ${Buffer.from(forged).toString('base64')} --> [login](https://evil.example) @acme/everyone`,
      }),
    );
    expect(s.slackSince()).toEqual([]);
    const records = s.recordComments(number);
    expect(records).toHaveLength(1);
    const body = records[0]?.body ?? '';
    // One hidden state block, at the end; the note is shown, inert, and opens or closes no comment.
    expect(body.match(/<!-- oncall-state/g)).toHaveLength(1);
    expect(body.match(/-->/g)?.length).toBe(body.match(/<!--/g)?.length);
    expect(body.trimEnd().endsWith('-->')).toBe(true);
    expect(body).not.toContain('](https://');
    expect(body).not.toMatch(/@acme/);
    const state = s.record(number);
    expect(state.resolved).toMatchObject({ by: 'ana', note: expect.stringContaining('oncall-state') });
    expect(state.pages.map((page) => page.key)).toEqual([`${number}:step-0`]);

    // The next runs read the real state: a reopening by ana pages the real policy, not the forged one.
    s.at('2027-01-06T03:20');
    ok(await s.reopen(number, 'ana'));
    expect(s.slackSince().every((line) => !/@dee|@fay|:x$/.test(line))).toBe(true);
    expect(s.record(number).pages.map((page) => page.key)).toEqual([
      `${number}:step-0`,
      `${number}:r1:step-0`,
    ]);
  }, 120_000);

  it('a record that does not parse, or names people the rotation does not know, is reported and left alone', async () => {
    const s = sim();
    s.at('2027-01-06T03:00');
    const { number } = await s.openIncident({ down: 'Yes', system: 'gravity', author: 'rita' });
    s.slackSince();
    const [record] = s.recordComments(number);
    if (!record) throw new Error('no record');
    const edit = (body: string) => {
      const repo = s.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
      if (!repo) throw new Error('no test repository');
      const stored = s.gh.store
        .commentsOn(repo, s.gh.store.issue(repo, number))
        .find((comment) => comment.id === record.id);
      if (!stored) throw new Error('no stored record');
      s.gh.store.updateComment(stored, body);
    };

    // Someone with write access edits the record and breaks it.
    const broken = record.body.replace(/oncall-state:b64 [A-Za-z0-9+/=]+/, 'oncall-state:b64 !!!not-base64');
    edit(broken);
    s.at('2027-01-06T03:10');
    const run = await s.comment(number, { author: 'ana', body: '/ack' });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('cannot be read');
    expect(s.recordComments(number)[0]?.body).toBe(broken);
    expect(s.botComments(number, 'record-damaged')).toHaveLength(1);
    s.at('2027-01-06T03:20');
    const tick = await s.tick();
    expect(tick.code).not.toBe(0);
    expect(s.slackSince()).toEqual([]);
    expect(s.recordComments(number)).toHaveLength(1);

    // A well-formed record that sends an unsent page to someone the rotation does not know.
    const state = parseRecord(record.body);
    if (!state) throw new Error('the original record did not parse');
    state.pages.push({
      key: `${number}:step-9`,
      to: ['mallory'],
      reason: 'x',
      at: '2027-01-06T08:00:00.000Z',
    });
    const encoded = Buffer.from(JSON.stringify(state)).toString('base64');
    edit(record.body.replace(/oncall-state:b64 [A-Za-z0-9+/=]+/, `oncall-state:b64 ${encoded}`));
    s.at('2027-01-06T03:30');
    const again = await s.comment(number, { author: 'ana', body: '/ack' });
    expect(again.code).not.toBe(0);
    expect(again.stdout + again.stderr).toContain('@mallory');
    s.at('2027-01-06T03:40');
    expect((await s.tick()).code).not.toBe(0);
    expect(s.slackSince()).toEqual([]);
    expect(s.botComments(number, 'page:1:step-9')).toEqual([]);
  }, 120_000);

  it('form answers, titles and reasons are echoed inert: no mention, link, image or HTML', async () => {
    const s = sim();
    s.at('2027-01-06T10:00');
    const hostile =
      '@acme/everyone [urgent login](https://evil.example/login) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> www.evil.example #1';
    const { number, run } = await openRaw(s, {
      author: 'rita',
      title: `[Incident]: @acme/everyone see https://evil.example`,
      body: `### What is broken?\n\nIt is down.\n\n### Is it down for users?\n\nNo\n\n### Which system?\n\n${hostile}`,
    });
    ok(run);
    const reply = s.botComments(number, 'reply:triage:1')[0]?.body ?? '';
    expect(reply).toContain('No playbook matched');
    expect(reply).toContain('@\u200dacme/everyone');
    for (const live of [/@acme/, /(?<!\\)\]\(/, /<img/, /https:\/\//, /www\.evil/, /#1\b/]) {
      expect(reply.replace(/\(https:\/\/github\.com\/acme\/oncall[^)]*\)/g, '')).not.toMatch(live);
    }
    // The Slack pages carry the title inert too.
    const messages = s.slackMessagesSince();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.text).not.toMatch(/https:\/\/evil/);
      expect(message.text).not.toMatch(/@acme/);
    }

    // A member's reason for /not-incident is echoed inert in the reply and the record.
    s.at('2027-01-06T10:05');
    ok(await s.comment(number, { author: 'ana', body: `/not-incident ${hostile}` }));
    const bodies = [
      ...s.recordComments(number).map((comment) => comment.body),
      ...s
        .botComments(number)
        .filter((comment) => comment.body.includes('not an incident'))
        .map((comment) => comment.body),
    ];
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) {
      expect(body).not.toMatch(/@acme/);
      expect(body).not.toMatch(/(?<!\\)\]\(/);
      expect(body).not.toMatch(/<img/);
    }
  }, 120_000);
});
