/**
 * The tick's Slack sync and heartbeat as the runner runs them: the committed tick and incident
 * bundles (run `npm run build` first) in node processes, against the local GitHub and Slack
 * emulators, with a clock the test moves (ONCALL_NOW per run, and the emulators' clock).
 *
 * The rotation `ops` (America/New_York, handoff Monday 11:00) maps to the user group S0ONCALL and
 * the channel C0INCIDENTS: ana/ben on call in the week of 2027-01-04, cy/dee in the next.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseStatus, STATUS_LABEL } from '../../src/core/heartbeat/heartbeat.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { SlackEmulator } from '../../src/emulators/slack/index.js';
import { type ActionRun, runActionBundle, webhookExample } from '../helpers/action-runner.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const ZONE = 'America/New_York';
const GROUP = 'S0ONCALL';
const CHANNEL = 'C0INCIDENTS';

const PEOPLE = [
  { github: 'ana', team: 'red', slack: 'U0ANA' },
  { github: 'ben', team: 'blue', slack: 'U0BEN' },
  { github: 'cy', team: 'green', slack: 'U0CY' },
  { github: 'dee', team: 'red', email: 'dee@example.com' },
  { github: 'eli', team: 'blue', slack: 'U0ELI' },
];

function repoFiles(): Record<string, string> {
  const person = (p: (typeof PEOPLE)[number]) =>
    `  - { github: ${p.github}, name: ${p.github}, team: ${p.team}, timezone: ${ZONE}, joined: 2024-01-01${
      p.slack ? `, slack: ${p.slack}` : ''
    }${p.email ? `, email: ${p.email}` : ''} }`;
  return {
    'rotations/people.yaml': `people:\n${PEOPLE.map(person).join('\n')}\n`,
    'rotations/ops/rotation.yaml': `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: ${ZONE}
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-01-04
publish_weeks_ahead: 4
work_hours: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" }
escalation:
  ack_minutes: 15
  steps: [primary, secondary, point_people]
slack: { usergroup: ${GROUP}, channel: ${CHANNEL} }
`,
    'rotations/ops/schedule.yaml': `rotation: ops
shifts:
  - { start: 2027-01-04, primary: ana, secondary: ben }
  - { start: 2027-01-11, primary: cy, secondary: dee }
  - { start: 2027-01-18, primary: eli, secondary: ana }
  - { start: 2027-01-25, primary: ben, secondary: cy }
  - { start: 2027-02-01, primary: dee, secondary: eli }
`,
    'playbooks/gravity.md': `---
system: gravity
title: Gravity (core API)
team: blue
point_people: [eli]
---
# Gravity

## Symptoms
- Errors.

## Diagnose
- Logs.

## Mitigate
- Roll back.

## Escalate
- The point-people.
`,
  };
}

const WRITES = new Set(['usergroups.users.update', 'conversations.setTopic', 'chat.postMessage']);

interface World {
  gh: GitHubEmulator;
  slack: SlackEmulator;
  root: string;
  at(time: string): void;
  tick(inputs?: Record<string, string>): Promise<ActionRun>;
  deliver(eventName: string, event: Record<string, any>): Promise<ActionRun>;
  /** Slack write calls (method names) since the last look. */
  slackWrites(): string[];
  /** GitHub write calls ("METHOD path") since the last look. */
  githubWrites(): string[];
}

function useWorld(): () => World {
  let clock = DateTime.fromISO('2027-01-06T12:00', { zone: ZONE });
  const now = () => clock.toJSDate();
  const github = useGitHubEmulator({ now });
  const slackFixture = useSlackEmulator({ now });
  let world: World | undefined;

  beforeEach(() => {
    clock = DateTime.fromISO('2027-01-06T12:00', { zone: ZONE });
    const { gh } = github;
    const { slack } = slackFixture;
    for (const p of PEOPLE) {
      slack.seed.user({
        ...(p.slack ? { id: p.slack } : {}),
        name: p.github,
        ...(p.email ? { email: p.email } : {}),
      });
    }
    slack.seed.channel({ id: CHANNEL, name: 'incidents', topic: 'Welcome to #incidents' });
    slack.seed.userGroup({ id: GROUP, handle: 'oncall', users: ['U0CY'] });
    const root = makeRepo(repoFiles());
    let slackSeen = 0;
    let githubSeen = 0;
    const run = (action: string, eventName: string, event: unknown, inputs: Record<string, string> = {}) =>
      runActionBundle({
        action,
        event,
        eventName,
        apiUrl: gh.url,
        repository: REPO,
        inputs: {
          'github-token': 'test-token',
          'slack-token': TEST_SLACK_TOKEN,
          root,
          'bot-login': gh.bot.login,
          ...inputs,
        },
        env: {
          ONCALL_NOW: clock.toISO() as string,
          ONCALL_RETRY_BASE_MS: '1',
          ONCALL_PACING: 'off',
          SLACK_API_URL: slack.apiUrl,
        },
      });
    world = {
      gh,
      slack,
      root,
      at(time) {
        clock = DateTime.fromISO(time, { zone: ZONE });
      },
      tick(inputs) {
        const template = webhookExample('issues', 'opened');
        const event = {
          schedule: '2-59/5 * * * *',
          repository: repository(template),
          workflow: '.github/workflows/tick.yml',
        };
        return run('tick', 'schedule', event, inputs);
      },
      deliver(eventName, event) {
        event.repository = repository(event);
        return run('incident', eventName, event);
      },
      slackWrites() {
        const fresh = slack.log.slice(slackSeen);
        slackSeen = slack.log.length;
        return fresh.filter((entry) => WRITES.has(entry.method)).map((entry) => entry.method);
      },
      githubWrites() {
        const fresh = gh.log.slice(githubSeen);
        githubSeen = gh.log.length;
        return fresh
          .filter((entry) => entry.method !== 'GET')
          .map((entry) => `${entry.method} ${entry.path}`);
      },
    };
  });

  return () => {
    if (!world) throw new Error('the world is only ready inside a test');
    return world;
  };
}

function repository(event: Record<string, any>): Record<string, any> {
  const template = event.repository ?? webhookExample('issues', 'opened').repository;
  return {
    ...template,
    name: TEST_REPO.repo,
    full_name: REPO,
    owner: { ...template.owner, login: TEST_REPO.owner },
  };
}

/** The status issue and its heartbeat. */
function status(w: World) {
  const repo = w.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('no repository');
  const issues = [...repo.issues.values()].filter((issue) =>
    w.gh.store.labelsOf(repo, issue).some((label) => label.name === STATUS_LABEL),
  );
  return { issues, state: issues[0] ? parseStatus(issues[0].body ?? '') : undefined };
}

function channelPosts(w: World): string[] {
  return w.slack.messages(CHANNEL).map((message) => message.text);
}

function expectOk(run: ActionRun): void {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
}

describe('tick: the Slack user group and topic', () => {
  const world = useWorld();

  it('are set once per change, not once per tick', async () => {
    const w = world();
    const first = await w.tick();
    expectOk(first);
    expect(w.slack.groupMembers(GROUP)).toEqual(['U0ANA', 'U0BEN']);
    expect(w.slack.topic(CHANNEL)).toBe('On call: @ana (primary), @ben (secondary) until Mon 11:00 ET');
    expect(w.slackWrites().sort()).toEqual(['conversations.setTopic', 'usergroups.users.update']);
    expect(first.outputs.summary).toContain('Slack: user group S0ONCALL set to U0ANA, U0BEN');
    const { issues } = status(w);
    expect(issues).toHaveLength(1);
    w.githubWrites();

    for (const time of ['2027-01-06T12:05', '2027-01-06T12:10', '2027-01-06T12:15']) {
      w.at(time);
      const again = await w.tick();
      expectOk(again);
      expect(again.outputs.summary).toContain('Slack: user groups and topics already in step');
      // No Slack write at all; on GitHub only the heartbeat in the status issue's body.
      expect(w.slackWrites(), time).toEqual([]);
      expect(w.githubWrites(), time).toEqual([`PATCH /repos/${REPO}/issues/${issues[0]?.number}`]);
      expect(status(w).state?.lastTick).toBe(DateTime.fromISO(time, { zone: ZONE }).toUTC().toISO());
    }
    expect(status(w).issues).toHaveLength(1);
  });

  it('change once at the handoff', async () => {
    const w = world();
    w.at('2027-01-11T10:53');
    expectOk(await w.tick());
    w.slackWrites();
    w.at('2027-01-11T10:58');
    expectOk(await w.tick());
    expect(w.slackWrites()).toEqual([]);

    w.at('2027-01-11T11:03');
    const handoff = await w.tick();
    expectOk(handoff);
    // dee has no Slack id in the roster: found by email.
    expect(w.slack.groupMembers(GROUP).sort()).toEqual(
      ['U0CY', w.slack.store.userByEmail('dee@example.com')?.id].sort(),
    );
    expect(w.slack.topic(CHANNEL)).toBe('On call: @cy (primary), @dee (secondary) until Mon 11:00 ET');
    expect(w.slackWrites().sort()).toEqual(['conversations.setTopic', 'usergroups.users.update']);

    w.at('2027-01-11T11:08');
    expectOk(await w.tick());
    expect(w.slackWrites()).toEqual([]);
    expect(channelPosts(w)).toEqual([]);
  });
});

describe('tick: Slack failing on the update', () => {
  const world = useWorld();

  async function openIncident(w: World): Promise<number> {
    const issue = w.gh.seed.issue(REPO, {
      author: 'rita',
      title: '[Incident]: gravity is slow',
      labels: ['incident'],
      body: [
        '### What is broken?\n\nGravity answers 502 to every request.',
        '### Who is affected?\n\nEveryone.',
        '### Is it down for users?\n\nNo',
        '### Which system?\n\ngravity — Gravity (core API)',
      ].join('\n\n'),
    });
    const event = webhookExample('issues', 'opened');
    const repo = w.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    if (!repo) throw new Error('no repository');
    event.issue = {
      ...event.issue,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      labels: [{ name: 'incident' }],
    };
    event.issue.user = { ...event.issue.user, login: 'rita' };
    event.sender = event.issue.user;
    const opened = await w.deliver('issues', event);
    expectOk(opened);
    return issue.number;
  }

  it.each([
    ['HTTP 429', { method: 'usergroups.users.update', kind: 'rate-limit', retryAfter: 1, times: 4 } as const],
    ['HTTP 500', { method: 'usergroups.users.update', kind: 'status', status: 500, times: 4 } as const],
  ])('%s: the incident part still completes, and the next tick applies the change', async (_name, fault) => {
    const w = world();
    // sev:2 at 03:00: ana and ben are paged when their work hours start, by the tick.
    w.at('2027-01-06T03:00');
    const number = await openIncident(w);
    const before = w.slack.messages('U0ANA').length;

    w.at('2027-01-06T09:02');
    w.slack.inject(fault);
    const failing = await w.tick();
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('usergroups.users.update');
    expect(failing.stdout).toContain('will be retried on the next tick');
    // The deferred pages went out all the same, and so did the topic.
    expect(failing.outputs.summary).toMatch(new RegExp(`#${number}: paged`));
    expect(w.slack.messages('U0ANA').length).toBeGreaterThan(before);
    expect(w.slack.topic(CHANNEL)).toBe('On call: @ana (primary), @ben (secondary) until Mon 11:00 ET');
    expect(w.slack.groupMembers(GROUP)).toEqual(['U0CY']);
    expect(w.slack.pendingFaults()).toEqual([]);
    // A failed tick leaves no heartbeat.
    expect(status(w).issues).toEqual([]);

    w.at('2027-01-06T09:07');
    w.slackWrites();
    const next = await w.tick();
    expectOk(next);
    expect(w.slack.groupMembers(GROUP)).toEqual(['U0ANA', 'U0BEN']);
    expect(w.slackWrites()).toEqual(['usergroups.users.update']);
    expect(status(w).state?.lastTick).toBe('2027-01-06T14:07:00.000Z');
  });
});

describe('the heartbeat', () => {
  const world = useWorld();

  it('alerts once from an incident run when the tick is late, and not again on the next run', async () => {
    const w = world();
    expectOk(await w.tick());
    w.slackWrites();

    const plainIssue = () => {
      const issue = w.gh.seed.issue(REPO, {
        author: 'rita',
        title: 'A question',
        body: 'Where is the wiki?',
      });
      const event = webhookExample('issues', 'opened');
      event.issue = {
        ...event.issue,
        number: issue.number,
        title: issue.title,
        body: issue.body,
        labels: [],
      };
      return event;
    };
    w.at('2027-01-06T12:15');
    expectOk(await w.deliver('issues', plainIssue()));
    expect(channelPosts(w)).toEqual([]);

    w.at('2027-01-06T12:45');
    const late = await w.deliver('issues', plainIssue());
    expectOk(late);
    expect(channelPosts(w)).toEqual([
      expect.stringContaining(
        'The on-call tick has not run successfully since Wed 6 Jan 12:00 ET (45 min ago)',
      ),
    ]);
    expect(status(w).state?.alerted).toEqual({ since: '2027-01-06T17:00:00.000Z', channels: [CHANNEL] });

    w.at('2027-01-06T12:50');
    expectOk(await w.deliver('issues', plainIssue()));
    expect(channelPosts(w)).toHaveLength(1);
  });

  it('alerts once from failing ticks, and says when the tick runs again', async () => {
    const w = world();
    expectOk(await w.tick());

    const failingTick = async () => {
      // Listing the open incidents fails for good (the client retries a 500 three times).
      w.gh.inject({
        method: 'GET',
        path: '/repos/{owner}/{repo}/issues',
        kind: 'status',
        status: 500,
        times: 4,
      });
      const run = await w.tick();
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('incidents:');
      return run;
    };
    w.at('2027-01-06T12:10');
    await failingTick();
    expect(channelPosts(w)).toEqual([]);
    w.at('2027-01-06T12:25');
    await failingTick();
    expect(channelPosts(w)).toEqual([
      expect.stringContaining('has not run successfully since Wed 6 Jan 12:00 ET (25 min ago)'),
    ]);
    w.at('2027-01-06T12:30');
    await failingTick();
    expect(channelPosts(w)).toHaveLength(1);

    w.at('2027-01-06T12:35');
    expectOk(await w.tick());
    expect(channelPosts(w)).toHaveLength(2);
    expect(channelPosts(w)[1]).toContain('The on-call tick is running again');
    w.at('2027-01-06T12:40');
    expectOk(await w.tick());
    expect(channelPosts(w)).toHaveLength(2);
    expect(w.gh.pendingFaults()).toEqual([]);
  });

  it('a tick after a long gap says so once', async () => {
    const w = world();
    expectOk(await w.tick());
    w.at('2027-01-06T13:30');
    expectOk(await w.tick());
    expect(channelPosts(w)).toEqual([expect.stringContaining('running again')]);
    w.at('2027-01-06T13:35');
    expectOk(await w.tick());
    expect(channelPosts(w)).toHaveLength(1);
  });

  it('is off with a threshold of 0', async () => {
    const w = world();
    expectOk(await w.tick({ 'heartbeat-threshold-minutes': '0' }));
    w.at('2027-01-06T18:00');
    expectOk(await w.tick({ 'heartbeat-threshold-minutes': '0' }));
    expect(channelPosts(w)).toEqual([]);
  });
});
