/**
 * The handoff action as the runner runs it: its committed bundle in a node process, the local
 * GitHub and Slack emulators behind the real clients, and a git checkout of a small on-call
 * repository whose playbook changed during the outgoing week. The ops rotation hands off at 11:00
 * America/New_York on Monday 2027-01-11 (16:00Z), from ana and ben to cy and dee.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IncidentState, RECORD_MARKER, renderRecord } from '../../src/core/incident/record.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { SlackEmulator } from '../../src/emulators/slack/index.js';
import { markerComment } from '../../src/io/github/marked-comment.js';
import { runActionBundle } from '../helpers/action-runner.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
/** Twenty minutes after the handoff: the 16:07Z and 16:37Z scheduled runs fall around here. */
const NOW = '2027-01-11T11:20:00-05:00';
const CHANNEL = 'C0INCIDENTS';

const PLAYBOOK = `---
system: gravity
title: Gravity (core API)
team: blue
point_people: [fay]
---
# Gravity
## Symptoms
Errors.
## Diagnose
Dashboards.
## Mitigate
Roll back.
## Escalate
Page fay.
`;

function onCallFiles(): Record<string, string> {
  const files = smallRepoFiles();
  files['rotations/ops/rotation.yaml'] =
    `${files['rotations/ops/rotation.yaml']}slack: { channel: ${CHANNEL} }\n`;
  files['playbooks/gravity.md'] = PLAYBOOK;
  return files;
}

/** The on-call files as a git checkout: the history before the week, and one playbook edit in it. */
function checkout(): string {
  const root = makeRepo(onCallFiles());
  const git = (args: string[], date: string) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'pipe',
    });
  git(['init', '-q', '-b', 'main'], '2026-12-01T12:00:00Z');
  git(['add', '-A'], '2026-12-01T12:00:00Z');
  git(['commit', '-q', '-m', 'The on-call files'], '2026-12-01T12:00:00Z');
  writeFileSync(
    path.join(root, 'playbooks/gravity.md'),
    PLAYBOOK.replace('Roll back.', 'Roll back the deploy.'),
  );
  git(['commit', '-q', '-am', 'gravity: how to roll back'], '2027-01-06T15:00:00Z');
  return root;
}

function incidentState(
  input: Partial<IncidentState> & Pick<IncidentState, 'number' | 'severity' | 'openedAt'>,
) {
  return {
    version: 1 as const,
    kind: 'incident' as const,
    level: 0,
    pages: [],
    deferred: [],
    timeline: [{ at: input.openedAt, text: 'opened' }],
    ...input,
  };
}

/** Incidents as the incident action leaves them: the issue, and the bot's record comment. */
function seedIncidents(gh: GitHubEmulator) {
  const incidents: { title: string; state: 'open' | 'closed'; labels: string[]; record: IncidentState }[] = [
    {
      // Tue 03:10 in New York: ana asleep, ben (London, 08:10) awake before work.
      title: 'Checkout returns 500s',
      state: 'closed',
      labels: ['incident', 'sev:1', 'system:gravity', 'status:resolved'],
      record: incidentState({
        number: 1,
        severity: 1,
        system: 'gravity',
        openedAt: '2027-01-05T08:10:00Z',
        pages: [{ key: '1:step-0', to: ['ana', 'ben'], reason: 'sev:1', at: '2027-01-05T08:10:00Z' }],
        acknowledged: { by: 'ana', at: '2027-01-05T08:22:00Z' },
        resolved: { by: 'ana', at: '2027-01-05T10:15:00Z' },
      }),
    },
    {
      title: 'Search is slow',
      state: 'open',
      labels: ['incident', 'sev:2', 'status:acknowledged'],
      record: incidentState({
        number: 2,
        severity: 2,
        openedAt: '2027-01-06T19:00:00Z',
        pages: [{ key: '2:step-0', to: ['ana'], reason: 'sev:2', at: '2027-01-06T19:00:00Z' }],
        acknowledged: { by: 'ana', at: '2027-01-06T19:30:00Z' },
      }),
    },
  ];
  for (const incident of incidents) {
    const issue = gh.seed.issue(REPO, {
      title: incident.title,
      labels: incident.labels,
      author: 'ana',
      state: incident.state,
      at: new Date(incident.record.openedAt),
    });
    const record = { ...incident.record, number: issue.number };
    gh.seed.comment(REPO, issue.number, {
      author: gh.bot.login,
      body: `${markerComment(RECORD_MARKER)}\n${renderRecord(record, 'America/New_York', (iso) => iso)}`,
    });
  }
}

function seedSlack(slack: SlackEmulator) {
  slack.seed.channel({ id: CHANNEL, name: 'incidents' });
}

async function runHandoff(
  gh: GitHubEmulator,
  slack: SlackEmulator,
  root: string,
  options: { now?: string; eventName?: string; rotation?: string } = {},
) {
  const eventName = options.eventName ?? 'schedule';
  return runActionBundle({
    action: 'handoff',
    event: eventName === 'schedule' ? { schedule: '7,37 16 * * 1' } : { inputs: {} },
    eventName,
    apiUrl: gh.url,
    repository: REPO,
    inputs: {
      'github-token': 'test-token',
      'slack-token': TEST_SLACK_TOKEN,
      root,
      'bot-login': gh.bot.login,
      ...(options.rotation ? { rotation: options.rotation } : {}),
    },
    env: {
      ONCALL_NOW: options.now ?? NOW,
      ONCALL_RETRY_BASE_MS: '1',
      ONCALL_PACING: 'off',
      SLACK_API_URL: slack.apiUrl,
    },
  });
}

function handoffIssues(gh: GitHubEmulator) {
  const repo = gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('the test repository is missing');
  return [...repo.issues.values()].filter((issue) =>
    gh.store.labelsOf(repo, issue).some((label) => label.name === 'handoff'),
  );
}

function botHandoffIssues(gh: GitHubEmulator) {
  return handoffIssues(gh).filter((issue) => issue.user.login === gh.bot.login);
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

function checklist(ticked: boolean[]): string {
  const items = [
    'Roll over resolved items',
    'Review active incidents',
    'Assign remaining actions',
    'Update playbooks',
  ];
  return items.map((item, index) => `- [${ticked[index] ? 'x' : ' '}] ${item}`).join('\n');
}

describe('handoff, end to end', () => {
  const github = useGitHubEmulator({ now: () => new Date('2027-01-11T16:20:00Z') });
  const slackFixture = useSlackEmulator({ now: () => new Date('2027-01-11T16:20:00Z') });

  it('opens one handoff issue and posts it to Slack once; a repeated run makes neither twice', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    seedIncidents(gh);
    seedSlack(slack);
    // Someone else's issue quoting the marker is never taken for the bot's.
    gh.seed.issue(REPO, {
      title: 'Copy of the handoff',
      body: '<!-- oncall-as-code:handoff:2027-01-11 -->',
      labels: ['handoff'],
      author: 'mallory',
    });
    const root = checkout();

    const first = await runHandoff(gh, slack, root);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const issues = botHandoffIssues(gh);
    expect(issues).toHaveLength(1);
    const issue = only(issues);
    expect(issue.title).toBe('On-call handoff: week of 2027-01-11');
    expect(issue.assignees.map((user) => user.login)).toEqual(['ana', 'ben', 'cy', 'dee']);
    const body = issue.body ?? '';
    expect(body.startsWith('<!-- oncall-as-code:handoff:ops:2027-01-11 -->')).toBe(true);
    expect(body).toContain('Search is slow');
    expect(body).toMatch(
      /\| \[#\d+\]\([^)]+\) Checkout returns 500s \| 1 \| gravity \| Tue 2027-01-05 03:10 \| 12 min \(@ana\) \| 2 h 5 min \| resolved \|/,
    );
    expect(body).toContain('Median time to acknowledge: 21 min (2 of 2 acknowledged)');
    expect(body).toContain('| @ana | America/New_York | █░ | 1 | 0 | 1 (1 night) | ½ day |');
    expect(body).toContain('| @ben | Europe/London | ▒ | 0 | 1 | 0 | 1 h |');
    expect(body).toContain('- `playbooks/gravity.md` — Gravity (core API)');
    expect(body).toContain('- [ ] Update playbooks');
    expect(first.outputs['issue-number']).toBe(String(issue.number));

    const messages = slack.messages(CHANNEL);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain('On-call handoff: week of 2027-01-11');
    expect(messages[0]?.text).toContain(`issue #${issue.number}>`);

    // The 16:37Z run, and a run by hand later in the day.
    const second = await runHandoff(gh, slack, root, { now: '2027-01-11T11:37:00-05:00' });
    expect(second.code).toBe(0);
    expect(second.outputs.summary).toContain(': unchanged');
    expect(second.outputs.summary).toContain('Slack: already posted');
    const third = await runHandoff(gh, slack, root, {
      now: '2027-01-11T17:00:00-05:00',
      eventName: 'workflow_dispatch',
    });
    expect(third.code).toBe(0);
    expect(botHandoffIssues(gh)).toHaveLength(1);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
    expect(gh.requests('POST', '/repos/acme/oncall/issues')).toHaveLength(1);
  });

  it('a 502 after the issue was created still ends with one issue', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    seedSlack(slack);
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    const run = await runHandoff(gh, slack, checkout());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(gh.pendingFaults()).toEqual([]);
    expect(botHandoffIssues(gh)).toHaveLength(1);
    // The create was applied before the 502; the run found the issue instead of creating again.
    const creates = gh.requests('POST', '/repos/acme/oncall/issues');
    expect(creates).toHaveLength(1);
    expect(creates[0]?.applied).toBe(true);
    // The second pass found the issue and assigned the people the failed create could not.
    expect(run.outputs.summary).toContain('On-call handoff: week of 2027-01-11: updated');
    expect(only(botHandoffIssues(gh)).assignees.map((user) => user.login)).toEqual([
      'ana',
      'ben',
      'cy',
      'dee',
    ]);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });

  it('closes the previous handoff issue only when every box of its checklist is ticked, and keeps ticks', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    seedSlack(slack);
    const previous = gh.seed.issue(REPO, {
      title: 'On-call handoff: week of 2027-01-04',
      body: `<!-- oncall-as-code:handoff:2027-01-04 -->\n## Handoff\n${checklist([true, true, true, false])}`,
      labels: ['handoff'],
      author: gh.bot.login,
    });
    const root = checkout();

    const first = await runHandoff(gh, slack, root);
    expect(first.code).toBe(0);
    expect(first.outputs.summary).toContain(`#${previous.number} (handoff of 2027-01-04) left open: 3 of 4`);
    expect(previous.state).toBe('open');
    const current = only(botHandoffIssues(gh).filter((issue) => issue.number !== previous.number));
    expect(current.body).toContain(`Previous handoff: #${previous.number}.`);

    // The outgoing pair ticks the last box of last week's, and the first of this week's.
    previous.body = (previous.body ?? '').replace('- [ ] Update playbooks', '- [x] Update playbooks');
    current.body = (current.body ?? '').replace(
      '- [ ] Roll over resolved items',
      '- [x] Roll over resolved items',
    );
    const again = await runHandoff(gh, slack, root, { now: '2027-01-11T11:37:00-05:00' });
    expect(again.code).toBe(0);
    expect(again.outputs.summary).toContain(`#${previous.number} (handoff of 2027-01-04) closed`);
    expect(previous.state).toBe('closed');
    expect(previous.stateReason).toBe('completed');
    expect(current.state).toBe('open');
    expect(current.body).toContain('- [x] Roll over resolved items');
    expect(botHandoffIssues(gh)).toHaveLength(2);
  });

  it('a scheduled run with no handoff in the last hour does nothing; a dry run writes nothing; a run by hand catches up', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    seedSlack(slack);
    // Not a git checkout: the playbook changes are unknown, not "none".
    const root = makeRepo(onCallFiles());
    mkdirSync(path.join(root, 'extra'), { recursive: true });

    // 15:07Z is 10:07 in New York in winter: the summer cron fires before the handoff.
    const early = await runHandoff(gh, slack, root, { now: '2027-01-11T15:07:00Z' });
    expect(early.code).toBe(0);
    expect(early.outputs.summary).toContain('nothing to do: no handoff in the last 60 minutes');
    expect(handoffIssues(gh)).toHaveLength(0);

    const dryRun = await runActionBundle({
      action: 'handoff',
      event: { inputs: {} },
      eventName: 'workflow_dispatch',
      apiUrl: gh.url,
      repository: REPO,
      inputs: { 'github-token': 'test-token', root, 'bot-login': gh.bot.login, 'dry-run': 'true' },
      env: { ONCALL_NOW: '2027-01-12T09:00:00-05:00', ONCALL_RETRY_BASE_MS: '1', ONCALL_PACING: 'off' },
    });
    expect(dryRun.code).toBe(0);
    expect(dryRun.outputs.summary).toContain(
      'dry run: would open or update "On-call handoff: week of 2027-01-11"',
    );
    expect(dryRun.summary).toContain('<!-- oncall-as-code:handoff:ops:2027-01-11 -->');
    expect(gh.requests('POST')).toHaveLength(0);
    expect(gh.requests('PATCH')).toHaveLength(0);

    const byHand = await runHandoff(gh, slack, root, {
      now: '2027-01-12T09:00:00-05:00',
      eventName: 'workflow_dispatch',
    });
    expect(byHand.code).toBe(0);
    const issues = botHandoffIssues(gh);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toMatch(/### Playbooks changed this week\n\nUnknown: /);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });

  it('two rotations handing off the same Monday keep an issue each; repeated runs make no third', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    seedSlack(slack);
    const root = checkout();
    // A one-person support rotation, also handing off Mondays at 11:00 New York time.
    mkdirSync(path.join(root, 'rotations/support'), { recursive: true });
    writeFileSync(
      path.join(root, 'rotations/support/rotation.yaml'),
      `name: support
members: { teams: [red, blue, green] }
slots: [primary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-01-04
publish_weeks_ahead: 5
`,
    );
    writeFileSync(
      path.join(root, 'rotations/support/schedule.yaml'),
      `rotation: support
shifts:
${['cy', 'ana', 'ben', 'fay', 'ana', 'cy', 'fay', 'cy']
  .map(
    (login, week) =>
      `  - { start: ${['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22'][week]}, primary: ${login} }`,
  )
  .join('\n')}
`,
    );
    for (const rotation of ['ops', 'support', 'ops', 'support']) {
      const run = await runHandoff(gh, slack, root, { rotation });
      expect(run.stderr).toBe('');
      expect(run.code, run.stdout).toBe(0);
    }
    const issues = botHandoffIssues(gh);
    expect(issues.map((issue) => issue.title).sort()).toEqual([
      'On-call handoff: week of 2027-01-11 (ops)',
      'On-call handoff: week of 2027-01-11 (support)',
    ]);
    const support = issues.find((issue) => issue.title.endsWith('(support)'));
    expect(support?.body).toContain('<!-- oncall-as-code:handoff:support:2027-01-11 -->');
    expect(support?.assignees.map((user) => user.login).sort()).toEqual(['ana', 'cy']);
  });

  describe('a Slack post claimed by a run that stopped', () => {
    /** The handoff issue of a first run that claimed the post at `claimedAt` and then stopped. */
    async function leftBehind(claimedAt: string) {
      const { gh, octokit } = github;
      const issue = gh.seed.issue(REPO, {
        title: 'On-call handoff: week of 2027-01-11',
        body: '<!-- oncall-as-code:handoff:ops:2027-01-11 -->\n## On-call handoff: week of 2027-01-11',
        labels: ['handoff'],
        author: gh.bot.login,
        at: new Date(claimedAt),
      });
      const claim = gh.seed.comment(REPO, issue.number, {
        author: gh.bot.login,
        body: '<!-- oncall-as-code:handoff-slack:2027-01-11 -->\nPosting to Slack…',
        at: new Date(claimedAt),
      });
      const { data } = await octokit.rest.issues.get({ ...TEST_REPO, issue_number: issue.number });
      return { number: issue.number, url: data.html_url, claimId: claim.id };
    }

    function claimBody(number: number): string {
      const repo = github.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
      if (!repo) throw new Error('no repository');
      return (
        github.gh.store
          .commentsOn(repo, github.gh.store.issue(repo, number))
          .find((comment) => comment.body.includes('oncall-as-code:handoff-slack:'))?.body ?? ''
      );
    }

    it('a fresh claim (5 minutes old) is left to its run: nothing posted', async () => {
      const { gh } = github;
      const { slack } = slackFixture;
      seedSlack(slack);
      const left = await leftBehind('2027-01-11T16:15:00Z');
      const run = await runHandoff(gh, slack, checkout());
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.summary).toContain('Slack: another run is posting');
      expect(slack.messages(CHANNEL)).toHaveLength(0);
      expect(claimBody(left.number)).toContain('Posting to Slack…');
    });

    it('a stale claim and no post in the channel: this run takes it over and posts once', async () => {
      const { gh } = github;
      const { slack } = slackFixture;
      seedSlack(slack);
      const left = await leftBehind('2027-01-11T16:00:00Z');
      const run = await runHandoff(gh, slack, checkout());
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.summary).toContain(`Slack: posted to ${CHANNEL}`);
      expect(slack.messages(CHANNEL)).toHaveLength(1);
      expect(claimBody(left.number)).toContain('Posted to Slack');
      // Still one issue: the stopped run's.
      expect(botHandoffIssues(gh).map((issue) => issue.number)).toEqual([left.number]);
    });

    it('a stale claim whose run did post before it stopped: found in the channel, not posted again', async () => {
      const { gh } = github;
      const { slack } = slackFixture;
      seedSlack(slack);
      const left = await leftBehind('2027-01-11T16:00:00Z');
      slack.seed.message(CHANNEL, {
        text: `:handshake: *On-call handoff: week of 2027-01-11*: <${left.url}|issue #${left.number}>`,
      });
      const run = await runHandoff(gh, slack, checkout());
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.summary).toContain('(found in the channel)');
      expect(slack.messages(CHANNEL)).toHaveLength(1);
      expect(claimBody(left.number)).toContain('found there after the posting run stopped');
    });
  });
});
