/**
 * `oncall triage --event FILE` on real recorded `issues` payloads (@octokit/webhooks-examples),
 * edited to carry an intake form's title, body and labels. The replies people read are snapshots.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookExample } from '../helpers/action-runner.js';
import { makeRepo, runCli } from '../helpers/repo.js';
import { bugBody, incidentBody, requestBody, triageRepoFiles } from '../helpers/triage-fixture.js';

interface Edit {
  title: string;
  body: string | null;
  labels: string[];
  author?: string;
  association?: string;
}

/** A recorded issues.ACTION payload with the issue replaced by ours. */
function payload(edit: Edit, action: 'opened' | 'labeled' | 'reopened' = 'opened', added?: string) {
  const event = webhookExample('issues', action);
  const template = event.issue.labels[0];
  event.issue.title = edit.title;
  event.issue.body = edit.body;
  event.issue.labels = edit.labels.map((name, index) => ({
    ...template,
    id: 1000 + index,
    name,
    default: false,
  }));
  event.issue.user.login = edit.author ?? 'fay';
  event.issue.author_association = edit.association ?? 'MEMBER';
  if (added !== undefined) event.label = { ...template, name: added, default: false };
  return event;
}

function setup(events: Record<string, unknown>) {
  const root = makeRepo(triageRepoFiles());
  const files: Record<string, string> = {};
  for (const [name, event] of Object.entries(events)) {
    files[name] = path.join(root, name);
    writeFileSync(files[name], typeof event === 'string' ? event : JSON.stringify(event));
  }
  return { root, files };
}

async function triage(event: unknown, at: string, ...extra: string[]) {
  const { root, files } = setup({ 'event.json': event });
  return runCli([
    'triage',
    '--root',
    root,
    '--event',
    files['event.json'] as string,
    '--at',
    at,
    '--json',
    ...extra,
  ]);
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/internal error/i);
}

describe('oncall triage: the decisions people read', () => {
  it('sev:1 at 03:00 local pages both on-call people and the point-people', async () => {
    const run = await triage(
      payload({
        title: 'Checkout down',
        labels: ['incident'],
        body: incidentBody('Yes', 'gravity — Gravity (core API)'),
      }),
      '2027-01-09T03:00-05:00',
    );
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out).toMatchObject({
      rotation: 'ops',
      kind: 'incident',
      severity: 1,
      system: 'gravity',
      team: 'blue',
      playbook: { path: 'playbooks/gravity.md', title: 'Gravity (core API)' },
      page: { now: ['ana', 'ben', 'cy', 'dee'], later: [] },
      assignees: ['ana', 'ben'],
      labels: ['incident', 'sev:1', 'system:gravity', 'status:paged'],
    });
    expect(out.oncall).toEqual([
      { slot: 'primary', github: 'ana' },
      { slot: 'secondary', github: 'ben' },
    ]);
    await expect(out.reply).toMatchFileSnapshot('__snapshots__/triage/sev1-at-0300.md');
  });

  it('sev:2 at 22:00 defers the pages to the start of work hours', async () => {
    const run = await triage(
      payload({
        title: 'Search is slow',
        labels: ['incident'],
        body: incidentBody('No', 'force — Force (website)'),
      }),
      '2027-01-08T22:00-05:00',
    );
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out).toMatchObject({
      kind: 'incident',
      severity: 2,
      system: 'force',
      team: 'red',
      page: {
        now: [],
        later: [
          { github: 'ana', at: '2027-01-11T09:00:00-05:00' },
          { github: 'ben', at: '2027-01-11T09:00:00+00:00' },
        ],
      },
      assignees: ['ana', 'ben'],
      labels: ['incident', 'sev:2', 'system:force', 'status:deferred'],
    });
    await expect(out.reply).toMatchFileSnapshot('__snapshots__/triage/sev2-deferred-at-2200.md');
  });

  it('a bug is routed to the team backlog, nobody paged', async () => {
    const run = await triage(
      payload({ title: 'Broken footer link', labels: ['bug'], body: bugBody('force — Force (website)') }),
      '2027-01-05T12:00-05:00',
    );
    const out = run.json();
    expect(out).toMatchObject({
      kind: 'bug',
      severity: 3,
      team: 'red',
      page: { now: [], later: [] },
      assignees: [],
      labels: ['bug', 'sev:3', 'system:force', 'team:red', 'status:routed'],
    });
    await expect(out.reply).toMatchFileSnapshot('__snapshots__/triage/bug-routed.md');
  });

  it('a request from someone outside the team is routed, with the way to raise it', async () => {
    const run = await triage(
      payload({
        title: 'Log access for support',
        labels: ['request'],
        body: requestBody('gravity — Gravity (core API)'),
        author: 'visitor',
        association: 'NONE',
      }),
      '2027-01-05T12:00-05:00',
    );
    const out = run.json();
    expect(out).toMatchObject({
      kind: 'request',
      severity: 3,
      team: 'blue',
      page: { now: [], later: [] },
      assignees: [],
    });
    await expect(out.reply).toMatchFileSnapshot('__snapshots__/triage/request-routed.md');
  });

  it('an unknown system is triaged all the same, and the reply says no playbook matched', async () => {
    const run = await triage(
      payload({
        title: 'Billing emails not sent',
        labels: ['incident'],
        body: incidentBody('No', 'billing'),
      }),
      '2027-01-05T14:00-05:00',
    );
    const out = run.json();
    expect(out).toMatchObject({
      kind: 'incident',
      severity: 2,
      system: null,
      team: null,
      playbook: null,
      page: { now: ['ana'], later: [{ github: 'ben', at: '2027-01-06T09:00:00+00:00' }] },
      labels: ['incident', 'sev:2', 'status:paged'],
    });
    expect(out.warnings).toContain('no playbook matched the system "billing"');
    await expect(out.reply).toMatchFileSnapshot('__snapshots__/triage/unknown-system.md');
  });
});

describe('oncall triage: events', () => {
  it("reads the US holidays of the rotation: the page skips MLK day, when dee's shift ends", async () => {
    const run = await triage(
      payload({ title: 'Slow', labels: ['incident'], body: incidentBody('No', 'gravity') }),
      '2027-01-15T20:00-05:00',
    );
    expect(run.json().page).toEqual({
      now: ['cy'],
      later: [{ slot: 'secondary', github: 'fay', at: '2027-01-19T09:00:00-06:00' }],
    });
  });

  it('a recorded issues.labeled payload: sev:1 added to a bug pages now', async () => {
    const event = payload(
      { title: 'Footer', labels: ['bug', 'sev:3', 'sev:1'], body: bugBody('force') },
      'labeled',
      'sev:1',
    );
    const out = (await triage(event, '2027-01-09T03:00-05:00')).json();
    expect(out).toMatchObject({
      event: 'labeled',
      kind: 'incident',
      severity: 1,
      page: { now: ['ana', 'ben'] },
    });
    expect(out.unlabel).toEqual(['bug', 'sev:3']);
  });

  it('a label that does not change the triage: not triaged, exit 0', async () => {
    const event = payload(
      { title: 'x', labels: ['incident', 'status:paged'], body: null },
      'labeled',
      'status:paged',
    );
    const run = await triage(event, '2027-01-05T12:00-05:00');
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      triaged: false,
      kind: null,
      page: { now: [], later: [] },
      reply: null,
    });
  });

  it('prints a readable decision without --json', async () => {
    const { root, files } = setup({
      'event.json': payload({
        title: 'Checkout down',
        labels: ['incident'],
        body: incidentBody('Yes', 'gravity'),
      }),
    });
    const run = await runCli([
      'triage',
      '--root',
      root,
      '--event',
      files['event.json'] as string,
      '--at',
      '2027-01-09T03:00-05:00',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('page now: ana, ben, cy, dee');
    expect(run.stdout).toContain('### sev:1 incident');
  });
});

describe('oncall triage: bad input', () => {
  it('malformed JSON: exit 1, the file named, no stack trace', async () => {
    const { root, files } = setup({ 'broken.json': '{"action": "opened", "issue": {' });
    const run = await runCli(['triage', '--root', root, '--event', files['broken.json'] as string]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.json: not valid JSON');
    expectNoStackTrace(run.stderr);
  });

  it('a payload without an issue: exit 1, the file named', async () => {
    const { root, files } = setup({ 'push.json': webhookExample('push', undefined as unknown as string) });
    const run = await runCli(['triage', '--root', root, '--event', files['push.json'] as string, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/push\.json: not an issues event payload: it has no "issue" object/);
    expect(run.json()).toMatchObject({ triaged: false });
    expectNoStackTrace(run.stderr);
  });

  it.each([
    ['a list', '[]', /the JSON is not an object/],
    ['an issue without a title', '{"issue": {"user": {"login": "a"}}}', /the issue has no title/],
    ['an issue without an author', '{"issue": {"title": "t"}}', /no user\.login/],
    [
      'labels that are not a list',
      '{"issue": {"title": "t", "user": {"login": "a"}, "labels": 3}}',
      /labels are not a list/,
    ],
  ])('%s: exit 1', async (_case, text, message) => {
    const { root, files } = setup({ 'event.json': text });
    const run = await runCli(['triage', '--root', root, '--event', files['event.json'] as string]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('event.json');
  });

  it('a missing event file: exit 1, the file named', async () => {
    const root = makeRepo(triageRepoFiles());
    const run = await runCli(['triage', '--root', root, '--event', path.join(root, 'nope.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nope\.json: cannot read the event file: no such file/);
  });

  it.each([
    [['triage'], /--event FILE is required/],
    [['triage', '--event'], /--event/],
    [['triage', '--event', 'x.json', '--bogus'], /bogus/],
    [['triage', '--event', 'x.json', '--at', 'tomorrow'], /--at/],
  ])('usage error %j: exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
