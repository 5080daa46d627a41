/**
 * A simulation of the incident flow as it runs for real: the committed incident and tick bundles
 * (dist/actions/*) in node processes, the local GitHub and Slack emulators behind them, an on-call
 * repository on disk, and a clock the test moves (ONCALL_NOW per run, and the emulators' clock).
 *
 *   const sim = useSimulation();
 *   it('...', async () => {
 *     const s = sim();
 *     s.at('2027-01-06T03:00');                      // wall clock in the rotation's zone
 *     const { number } = await s.openIncident({ down: 'Yes', system: 'gravity' });
 *     expect(s.slackSince()).toEqual(['#incidents 1:step-0', '@ana 1:step-0', ...]);
 *     s.at('2027-01-06T03:15');
 *     await s.tick();
 *   });
 *
 * Reports come in through the intake forms of .github/ISSUE_TEMPLATE (their labels, title prefix
 * and headings), seeded as issues in the emulator; the bundles get the `issues.opened` event built
 * from a real recorded payload with the issue as the emulator serves it. Comments likewise.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { beforeEach } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type IncidentState, parseRecord, RECORD_MARKER } from '../../src/core/incident/record.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { AuthorAssociation } from '../../src/emulators/github/state/records.js';
import type { SlackEmulator } from '../../src/emulators/slack/index.js';
import { markerComment } from '../../src/io/github/marked-comment.js';
import { type ActionRun, runActionBundle, webhookExample } from '../helpers/action-runner.js';
import { TEST_REPO, type TestOctokit, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

export const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
/** The rotation's timezone: `at('2027-01-06T03:00')` is 03:00 there. */
export const ZONE = 'America/New_York';
export const CHANNEL = { id: 'C0INCIDENTS', name: 'incidents' };
export const USERGROUP = 'S0ONCALL';

/** The roster: six people in five timezones, each with a Slack member id. */
export const PEOPLE = [
  { github: 'ana', name: 'Ana Silva', team: 'red', timezone: 'America/New_York', slack: 'U0ANA' },
  { github: 'ben', name: 'Ben Hall', team: 'blue', timezone: 'Europe/London', slack: 'U0BEN' },
  { github: 'cy', name: 'Cy Park', team: 'green', timezone: 'America/Los_Angeles', slack: 'U0CY' },
  { github: 'dee', name: 'Dee Moss', team: 'red', timezone: 'America/New_York', slack: 'U0DEE' },
  { github: 'eli', name: 'Eli Sato', team: 'blue', timezone: 'Asia/Tokyo', slack: 'U0ELI' },
  { github: 'fay', name: 'Fay Lund', team: 'green', timezone: 'America/Chicago', slack: 'U0FAY' },
] as const;

/**
 * The on-call repository: the `ops` rotation (America/New_York, handoff Monday 11:00) with
 * escalation, Slack and work hours, and two playbooks.
 *
 * | week of    | primary         | secondary            |
 * |------------|-----------------|----------------------|
 * | 2027-01-04 | ana (New York)  | ben (London)         |
 * | 2027-01-11 | dee (New York)  | fay (Chicago)        |
 *
 * gravity (team blue): point-people cy (Los Angeles) and eli (Tokyo). force (team red): dee.
 */
export function simulationRepoFiles(): Record<string, string> {
  const playbook = (front: string, title: string) =>
    `---\n${front}---\n# ${title}\n\n## Symptoms\n- Errors.\n\n## Diagnose\n- Logs.\n\n## Mitigate\n- Roll back.\n\n## Escalate\n- The point-people.\n`;
  return {
    'rotations/people.yaml': `people:\n${PEOPLE.map(
      (person) =>
        `  - { github: ${person.github}, name: ${person.name}, team: ${person.team}, timezone: ${person.timezone}, slack: ${person.slack}, joined: 2024-01-01 }`,
    ).join('\n')}\n`,
    'rotations/ops/rotation.yaml': `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: ${ZONE}
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-01-04
publish_weeks_ahead: 5
work_hours: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" }
holidays: US
escalation:
  ack_minutes: 15
  steps: [primary, secondary, point_people, "team:eng-leads"]
slack: { usergroup: ${USERGROUP}, channel: ${CHANNEL.id} }
`,
    'rotations/ops/schedule.yaml': `rotation: ops
shifts:
  - { start: 2027-01-04, primary: ana, secondary: ben }
  - { start: 2027-01-11, primary: dee, secondary: fay }
  - { start: 2027-01-18, primary: cy, secondary: eli }
  - { start: 2027-01-25, primary: ben, secondary: dee }
  - { start: 2027-02-01, primary: fay, secondary: ana }
  - { start: 2027-02-08, primary: eli, secondary: cy }
`,
    'playbooks/gravity.md': playbook(
      'system: gravity\ntitle: Gravity (core API)\nteam: blue\npoint_people: [cy, eli]\n',
      'Gravity',
    ),
    'playbooks/force.md': playbook(
      'system: force\ntitle: Force (website)\nteam: red\npoint_people: [dee]\n',
      'Force',
    ),
  };
}

/** An intake form of .github/ISSUE_TEMPLATE as a reporter meets it. */
interface IssueFormTemplate {
  title: string;
  labels: string[];
  fields: { id: string; label: string; type: string; options?: string[] }[];
}

function readForm(kind: 'incident' | 'bug' | 'request'): IssueFormTemplate {
  const form = parseYaml(readFileSync(path.resolve('.github/ISSUE_TEMPLATE', `${kind}.yml`), 'utf8')) as {
    title?: string;
    labels?: string[];
    body: { type: string; id?: string; attributes: { label?: string; options?: string[] } }[];
  };
  return {
    title: form.title ?? '',
    labels: form.labels ?? [],
    fields: form.body
      .filter((item) => item.type !== 'markdown')
      .map((item) => ({
        id: item.id ?? '',
        label: item.attributes.label ?? '',
        type: item.type,
        ...(item.attributes.options ? { options: item.attributes.options } : {}),
      })),
  };
}

/**
 * The body GitHub writes for a submitted form: `### Label`, a blank line, the answer (or
 * `_No response_`), fields in the form's order. A dropdown answer must be one of its options;
 * `system: 'gravity'` picks the option for that system id.
 */
function formBody(form: IssueFormTemplate, answers: Record<string, string | undefined>): string {
  return form.fields
    .map((field) => {
      let value = answers[field.id];
      if (value !== undefined && field.options) {
        const option = field.options.find(
          (candidate) => candidate === value || candidate.startsWith(`${value} — `),
        );
        if (!option)
          throw new Error(`"${value}" is not an option of "${field.label}": ${field.options.join(', ')}`);
        value = option;
      }
      return `### ${field.label}\n\n${value ?? '_No response_'}`;
    })
    .join('\n\n');
}

/** A webhook payload as recorded by GitHub (@octokit/webhooks-examples), edited for the scenario. */
export type WebhookPayload = ReturnType<typeof webhookExample>;

export interface SlackDelivery {
  /** `@login` for a DM, `#channel` for a channel post. */
  to: string;
  /** The page's dedup key, read from the message's blocks. */
  key: string;
  text: string;
}

export interface OpenedIssue {
  number: number;
  /** The `issues.opened` event delivered, to deliver again. */
  event: WebhookPayload;
  run: ActionRun;
}

export class Simulation {
  private slackSeen = 0;

  constructor(
    readonly gh: GitHubEmulator,
    readonly slack: SlackEmulator,
    readonly octokit: TestOctokit,
    readonly root: string,
    private readonly clock: { get(): DateTime; set(at: DateTime): void },
  ) {}

  /** Moves the clock: an ISO date-time with offset, or a wall-clock time in the rotation's zone. */
  at(time: string): this {
    const at = DateTime.fromISO(time, { zone: ZONE, setZone: /[zZ]|[+-]\d\d:?\d\d$/.test(time) });
    if (!at.isValid) throw new Error(`not a date-time: ${time}`);
    this.clock.set(at.setZone(ZONE));
    return this;
  }

  get now(): DateTime {
    return this.clock.get();
  }

  /** Opens an issue through the incident form and delivers `issues.opened`. */
  openIncident(input: {
    down: 'Yes' | 'No';
    system: string;
    title?: string;
    author?: string;
    broken?: string;
  }): Promise<OpenedIssue> {
    return this.openThroughForm(
      'incident',
      input.author ?? 'rita',
      input.title ?? `${input.system} is failing`,
      {
        broken: input.broken ?? `${input.system} answers 502 to every request since a few minutes.`,
        affected: 'Everyone using it.',
        down: input.down,
        system: input.system,
      },
    );
  }

  /** Opens an issue through the bug form and delivers `issues.opened`. */
  openBug(input: { system: string; title?: string; author?: string }): Promise<OpenedIssue> {
    return this.openThroughForm(
      'bug',
      input.author ?? 'rita',
      input.title ?? `${input.system}: a broken link`,
      {
        wrong: 'The privacy link in the footer leads to a 404 page.',
        reproduce: 'Open any page and click "Privacy".',
        system: input.system,
      },
    );
  }

  private async openThroughForm(
    kind: 'incident' | 'bug' | 'request',
    author: string,
    title: string,
    answers: Record<string, string | undefined>,
  ): Promise<OpenedIssue> {
    const form = readForm(kind);
    const issue = this.gh.seed.issue(REPO, {
      author,
      title: `${form.title}${title}`,
      body: formBody(form, answers),
      labels: form.labels,
    });
    const event = await this.issueEvent(issue.number, 'opened');
    event.sender = event.issue.user;
    const run = await this.deliver('issues', event);
    return { number: issue.number, event, run };
  }

  /** `author` reopens a closed issue, and `issues.reopened` is delivered. */
  async reopen(number: number, author: string): Promise<ActionRun> {
    return this.deliver('issues', await this.reopenEvent(number, author));
  }

  /** `author` reopens a closed issue; the `issues.reopened` event GitHub would send, not delivered. */
  async reopenEvent(number: number, author: string): Promise<WebhookPayload> {
    const repo = this.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    if (!repo) throw new Error('the test repository is missing');
    this.gh.store.updateIssue(repo, this.gh.store.issue(repo, number), this.gh.store.user(author), {
      state: 'open',
    });
    const event = await this.issueEvent(number, 'reopened');
    event.sender = { ...event.sender, login: author };
    return event;
  }

  /** An `issues` event (a recorded payload) carrying the issue as GitHub serves it now. */
  async issueEvent(number: number, action: string): Promise<WebhookPayload> {
    const event = webhookExample('issues', action);
    const { data } = await this.octokit.rest.issues.get({ ...TEST_REPO, issue_number: number });
    event.issue = { ...event.issue, ...data };
    this.fixRepository(event);
    return event;
  }

  /**
   * A comment by `author` (with that author_association on the repository), seeded and delivered
   * as `issue_comment.created`.
   */
  async comment(
    number: number,
    input: { author: string; body: string; association?: AuthorAssociation },
  ): Promise<ActionRun> {
    const repo = this.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    if (!repo) throw new Error(`no repository ${REPO} in the emulator`);
    if (input.association) repo.associations.set(input.author.toLowerCase(), input.association);
    const seeded = this.gh.seed.comment(REPO, number, { author: input.author, body: input.body });
    const event = webhookExample('issue_comment', 'created');
    const issue = await this.octokit.rest.issues.get({ ...TEST_REPO, issue_number: number });
    const comment = await this.octokit.rest.issues.getComment({ ...TEST_REPO, comment_id: seeded.id });
    event.issue = { ...event.issue, ...issue.data };
    event.comment = { ...event.comment, ...comment.data };
    event.sender = comment.data.user;
    this.fixRepository(event);
    return this.deliver('issue_comment', event);
  }

  /** Runs the incident bundle on an event, at the clock's time. */
  deliver(eventName: 'issues' | 'issue_comment', event: WebhookPayload): Promise<ActionRun> {
    return this.run('incident', eventName, event);
  }

  /** Runs the tick bundle as the `schedule` trigger does, at the clock's time. */
  tick(): Promise<ActionRun> {
    const template = webhookExample('issues', 'opened');
    const event: WebhookPayload = {
      schedule: '2-59/5 * * * *',
      repository: template.repository,
      sender: template.sender,
      workflow: '.github/workflows/tick.yml',
    };
    this.fixRepository(event);
    return this.run('tick', 'schedule', event);
  }

  private run(action: string, eventName: string, event: unknown): Promise<ActionRun> {
    return runActionBundle({
      action,
      event,
      eventName,
      apiUrl: this.gh.url,
      repository: REPO,
      inputs: {
        'github-token': 'test-token',
        'slack-token': TEST_SLACK_TOKEN,
        root: this.root,
        rotation: '',
        'bot-login': this.gh.bot.login,
        // The tick's dead-man's switch is off: a scenario's clock jumps hours between ticks, which
        // would (rightly) alert the channel; the heartbeat has its own tests.
        'heartbeat-threshold-minutes': '0',
      },
      env: {
        ONCALL_NOW: this.now.toISO() as string,
        ONCALL_RETRY_BASE_MS: '1',
        ONCALL_PACING: 'off',
        SLACK_API_URL: this.slack.apiUrl,
      },
    });
  }

  private fixRepository(event: WebhookPayload): void {
    event.repository.name = TEST_REPO.repo;
    event.repository.full_name = REPO;
    event.repository.owner.login = TEST_REPO.owner;
    event.repository.html_url = `https://github.com/${REPO}`;
    event.repository.default_branch = 'main';
  }

  /** Slack messages posted since the last look, in order. */
  slackMessagesSince(): SlackDelivery[] {
    const all = this.slack.messages();
    const fresh = all.slice(this.slackSeen);
    this.slackSeen = all.length;
    return fresh.map((message) => {
      const conversation = this.slack.store.conversations.get(message.channel);
      let to = `?${message.channel}`;
      if (conversation?.kind === 'im') {
        const person = PEOPLE.find((entry) => entry.slack === conversation.user);
        to = `@${person?.github ?? `?${conversation.user}`}`;
      } else if (conversation) to = `#${conversation.name}`;
      const context = JSON.stringify(message.blocks ?? []);
      const key = /Dedup key `([^`]+)`/.exec(context)?.[1] ?? '(no key)';
      return { to, key, text: message.text };
    });
  }

  /** The Slack messages since the last look as sorted "to key" lines: `@ana 1:step-0`, `#incidents 1:step-0`. */
  slackSince(): string[] {
    return this.slackMessagesSince()
      .map((message) => `${message.to} ${message.key}`)
      .sort();
  }

  private issueRecord(number: number) {
    const repo = this.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    if (!repo) throw new Error(`no repository ${REPO} in the emulator`);
    return { repo, issue: this.gh.store.issue(repo, number) };
  }

  /** Every comment on the issue, oldest first. */
  comments(number: number): { id: number; author: string; body: string }[] {
    const { repo, issue } = this.issueRecord(number);
    return this.gh.store
      .commentsOn(repo, issue)
      .sort((a, b) => a.id - b.id)
      .map((comment) => ({ id: comment.id, author: comment.user.login, body: comment.body }));
  }

  /** The bot's comments carrying a marker: `incident-record`, `page:1:step-0`, `reply:triage:1`… */
  botComments(number: number, marker?: string): { id: number; body: string }[] {
    const bot = this.gh.bot.login;
    return this.comments(number).filter(
      (comment) =>
        comment.author === bot && (marker === undefined || comment.body.includes(markerComment(marker))),
    );
  }

  /** The incident record comments (there must be one). */
  recordComments(number: number): { id: number; body: string }[] {
    return this.botComments(number, RECORD_MARKER);
  }

  /** The state kept in the incident record; fails when there is not exactly one record. */
  record(number: number): IncidentState {
    const records = this.recordComments(number);
    if (records.length !== 1) throw new Error(`#${number} has ${records.length} incident records`);
    const state = parseRecord((records[0] as { body: string }).body);
    if (!state) throw new Error(`#${number}: the incident record has no readable state`);
    return state;
  }

  labels(number: number): string[] {
    const { repo, issue } = this.issueRecord(number);
    return this.gh.store
      .labelsOf(repo, issue)
      .map((label) => label.name)
      .sort();
  }

  issue(number: number): { state: string; stateReason: string | null; assignees: string[] } {
    const { issue } = this.issueRecord(number);
    return {
      state: issue.state,
      stateReason: issue.stateReason,
      assignees: issue.assignees.map((user) => user.login).sort(),
    };
  }
}

/**
 * Both emulators, the on-call repository and the clock, fresh for each test of the describe block
 * that calls this. The clock starts at 2027-01-04 12:00 in the rotation's zone; move it with `at()`.
 * Call the returned function inside a test.
 */
export function useSimulation(): () => Simulation {
  let clock: DateTime = DateTime.fromISO('2027-01-04T12:00', { zone: ZONE });
  const now = () => clock.toJSDate();
  const github = useGitHubEmulator({
    now,
    repos: [
      {
        owner: TEST_REPO.owner,
        name: TEST_REPO.repo,
        // rita, the usual reporter, works at the company but is not on the roster; mallory is an
        // outsider (no association), whose reports wait for a roster member to confirm them.
        members: {
          ...Object.fromEntries(PEOPLE.map((person) => [person.github, 'MEMBER' as const])),
          rita: 'MEMBER' as const,
        },
      },
    ],
  });
  const slackFixture = useSlackEmulator({ now });
  let current: Simulation | undefined;

  beforeEach(() => {
    clock = DateTime.fromISO('2027-01-04T12:00', { zone: ZONE });
    const root = makeRepo(simulationRepoFiles());
    const { slack } = slackFixture;
    for (const person of PEOPLE) {
      slack.seed.user({ id: person.slack, name: person.github, realName: person.name, tz: person.timezone });
    }
    slack.seed.channel({ id: CHANNEL.id, name: CHANNEL.name });
    slack.seed.userGroup({ id: USERGROUP, handle: 'oncall', users: ['U0ANA', 'U0BEN'] });
    current = new Simulation(github.gh, slack, github.octokit, root, {
      get: () => clock,
      set: (at) => {
        clock = at;
      },
    });
    return () => {
      current = undefined;
    };
  });

  return () => {
    if (!current) throw new Error('useSimulation: the simulation is only ready inside a test');
    return current;
  };
}
