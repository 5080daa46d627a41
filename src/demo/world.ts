/**
 * The demo's world: the on-call repository checkout, the local GitHub and Slack (emulators on
 * 127.0.0.1) seeded from it, and the clock the script moves. It runs the Actions' committed
 * bundles against them as the runner would, plays the people (reporters, reviewers, the on-call
 * pair commenting), and remembers which step and which actor made every request.
 */
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import { type IncidentState, parseRecord, RECORD_MARKER } from '../core/incident/record.js';
import type { PlaybookSource, RotationSource } from '../core/model/repository.js';
import type { Person } from '../core/model/schemas.js';
import { timedOverrides } from '../core/schedule/overrides.js';
import { timeline } from '../core/schedule/timeline.js';
import { whoIsOnCall } from '../core/schedule/who.js';
import {
  type GitHubEmulator,
  type RepoRecord,
  type RequestLogEntry,
  startGitHubEmulator,
} from '../emulators/github/index.js';
import {
  type SlackEmulator,
  type SlackRequestLogEntry,
  startSlackEmulator,
} from '../emulators/slack/index.js';
import { markerComment } from '../io/github/marked-comment.js';
import { loadRepository } from '../io/load-repository.js';
import { type ActionProcessResult, runActionProcess } from './action-process.js';
import { Checkout } from './checkout.js';
import { actionBundle } from './package-root.js';
import { WebhookPayloads } from './webhooks.js';

export const DEMO_OWNER = 'acme';
export const DEMO_REPO_NAME = 'oncall';
export const DEMO_REPO = `${DEMO_OWNER}/${DEMO_REPO_NAME}`;
const SLACK_TOKEN = 'xoxb-oncall-demo';
/** Slack methods that change what people see. */
const WRITE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'usergroups.users.update',
  'conversations.setTopic',
]);

/** One run of an Action bundle, as the story and the artifacts tell it. */
export interface ActionRunRecord {
  step: number;
  action: string;
  eventName: string;
  at: string;
  code: number;
  ms: number;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
}

/** A Slack message as people saw it: where it landed (`#incidents`, `@hiro`), when, what. */
export interface SlackDelivery {
  index: number;
  to: string;
  /** The person of a DM. */
  dm?: string;
  at: DateTime;
  text: string;
  blocks?: unknown[];
  /** A page (its dedup key is in its blocks), a reminder (its key ends its text), or another message. */
  kind: 'page' | 'reminder' | 'other';
  /** The page's or reminder's key: the same key delivered twice to one place is a duplicate. */
  key?: string;
}

/** Who made a request: an Action run, or the demo itself (webhook payloads, people's clicks). */
export interface RequestTag {
  step: number;
  by: string;
}

export interface WorldOptions {
  packageRoot: string;
  /** When the script starts: a wall-clock time in the rotation's zone, e.g. "2026-11-30T09:00". */
  start: string;
  /** Adjusts the copied example before anything is seeded (the script's starting state). */
  prepare: (root: string) => void;
}

export class DemoWorld {
  /** The step the script is at (1-based; 0 while seeding). */
  step = 0;
  /** Where the Slack messages and calls were when the step began. */
  private stepMark = { messages: 0, calls: 0, githubViolations: 0, slackViolations: 0 };
  readonly runs: ActionRunRecord[] = [];
  readonly githubTags: RequestTag[] = [];
  readonly slackTags: RequestTag[] = [];

  private constructor(
    readonly packageRoot: string,
    readonly checkout: Checkout,
    /** The rotation as the checkout holds it now (merges change it). */
    public source: RotationSource,
    readonly people: readonly Person[],
    private playbooks: readonly PlaybookSource[],
    readonly gh: GitHubEmulator,
    readonly slack: SlackEmulator,
    /** The clock, shared with both emulators (their created_at, updated_at and message ts). */
    private readonly clock: { now: DateTime },
    readonly webhooks: WebhookPayloads,
  ) {}

  static async start(options: WorldOptions): Promise<DemoWorld> {
    // The checkout's history starts a few days before the script (the zone is not known yet: UTC will do).
    const before = DateTime.fromISO(options.start, { zone: 'utc' }).minus({ days: 3 }).toJSDate();
    const checkout = Checkout.create(options.packageRoot, before, options.prepare);
    try {
      const loaded = await loadRepository(checkout.root);
      const repository = loaded.repository;
      const source = repository?.rotations[0];
      if (!repository || !source || repository.rotations.length !== 1) {
        const errors = loaded.diagnostics.filter((item) => item.severity === 'error');
        throw new Error(
          `the example repository does not load as one rotation: ${errors.map((item) => `${item.file}:${item.line} ${item.message}`).join('; ') || 'no rotation'}`,
        );
      }
      const start = DateTime.fromISO(options.start, { zone: source.rotation.timezone });
      if (!start.isValid) throw new Error(`the script's start is not a date-time: ${options.start}`);
      const clock = { now: start };
      const now = () => clock.now.toJSDate();
      const people = repository.people.people;
      const gh = await startGitHubEmulator({
        now,
        repos: [
          {
            owner: DEMO_OWNER,
            name: DEMO_REPO_NAME,
            description: 'The on-call repository of the demo (a copy of the example)',
            filesFrom: checkout.root,
            members: Object.fromEntries(people.map((person) => [person.github, 'MEMBER' as const])),
          },
        ],
      });
      const slack = await startSlackEmulator({ now, tokens: [SLACK_TOKEN] }).catch(async (err) => {
        await gh.close();
        throw err;
      });
      const world = new DemoWorld(
        options.packageRoot,
        checkout,
        source,
        people,
        repository.playbooks,
        gh,
        slack,
        clock,
        new WebhookPayloads(gh.url, DEMO_REPO),
      );
      world.seedSlack();
      return world;
    } catch (err) {
      checkout.dispose();
      throw err;
    }
  }

  get zone(): string {
    return this.source.rotation.timezone;
  }

  get now(): DateTime {
    return this.clock.now;
  }

  /** An instant (ISO with offset) or a wall-clock time (without) as a time in the rotation's zone. */
  local(text: string): DateTime {
    return DateTime.fromISO(text, { zone: this.zone });
  }

  /** Starts step `n`: what happens from now on is counted as its doing. */
  beginStep(n: number): void {
    this.tagRequests('the demo (webhook payloads and people)');
    this.step = n;
    this.stepMark = {
      messages: this.slack.messages().length,
      calls: this.slack.log.length,
      githubViolations: this.gh.violations.length,
      slackViolations: this.slack.violations.length,
    };
  }

  /** Slack messages posted since the step began. */
  slackSinceStep(): SlackDelivery[] {
    return this.slackMessages().slice(this.stepMark.messages);
  }

  /** Slack calls that change something (post, user group, topic) since the step began. */
  slackWritesSinceStep(): string[] {
    return this.slack.log
      .slice(this.stepMark.calls)
      .filter((entry) => WRITE_METHODS.has(entry.method))
      .map((entry) => entry.method);
  }

  /** Departures from GitHub's and Slack's contracts since the step began, as readable lines. */
  violationsSinceStep(): string[] {
    return [
      ...this.gh.violations
        .slice(this.stepMark.githubViolations)
        .map((v) => `GitHub: ${v.method} ${v.path} [${v.kind}] ${v.message}`),
      ...this.slack.violations
        .slice(this.stepMark.slackViolations)
        .map((v) => `Slack: ${v.method} [${v.kind}] ${v.message}`),
    ];
  }

  /** Moves the clock to a wall-clock time in the rotation's zone, e.g. "2026-12-02T22:00". */
  at(wall: string): DateTime {
    const at = DateTime.fromISO(wall, { zone: this.zone });
    if (!at.isValid) throw new Error(`not a date-time: ${wall}`);
    if (at < this.clock.now) {
      throw new Error(`the clock cannot go back (${wall} is before ${this.clock.now.toISO()})`);
    }
    this.clock.now = at;
    return at;
  }

  /** Runs an Action's committed bundle at the clock's time against both emulators. */
  async action(
    action: string,
    eventName: string,
    event: unknown,
    inputs: Record<string, string> = {},
    env: Record<string, string> = {},
  ): Promise<ActionProcessResult> {
    this.tagRequests('the demo (webhook payloads and people)');
    const bundle = actionBundle(this.packageRoot, action);
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
    const result = await runActionProcess({
      bundle,
      event,
      eventName,
      repository: DEMO_REPO,
      apiUrl: this.gh.url,
      inputs: {
        'github-token': 'ghs-oncall-demo',
        'slack-token': SLACK_TOKEN,
        root: this.checkout.root,
        'bot-login': this.gh.bot.login,
        // The tick's dead-man's switch is off: the script's clock jumps hours and days between
        // ticks, which would (rightly) alert #incidents. docs/operations.md describes it.
        'heartbeat-threshold-minutes': '0',
        ...inputs,
      },
      env: {
        ONCALL_NOW: this.now.toISO() as string,
        ONCALL_PACING: 'off',
        ONCALL_RETRY_BASE_MS: '1',
        SLACK_API_URL: this.slack.apiUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_WORKSPACE: this.checkout.root,
        ...env,
      },
    });
    this.runs.push({
      step: this.step,
      action,
      eventName,
      at: this.now.toISO() as string,
      code: result.code,
      ms: result.ms,
      outputs: result.outputs,
      stdout: result.stdout,
      stderr: result.stderr,
    });
    this.tagRequests(`action: ${action}`);
    return result;
  }

  /** Tags the requests made since the last tag with the current step and who made them. */
  tagRequests(by: string): void {
    while (this.githubTags.length < this.gh.log.length) this.githubTags.push({ step: this.step, by });
    while (this.slackTags.length < this.slack.log.length) this.slackTags.push({ step: this.step, by });
  }

  get repoRecord(): RepoRecord {
    const repo = this.gh.store.repo(DEMO_OWNER, DEMO_REPO_NAME);
    if (!repo) throw new Error(`no repository ${DEMO_REPO} in the emulator`);
    return repo;
  }

  person(login: string): Person {
    const person = this.people.find((entry) => entry.github.toLowerCase() === login.toLowerCase());
    if (!person) throw new Error(`nobody called ${login} in the roster`);
    return person;
  }

  /** The point-people of a system, from its playbook. */
  pointPeople(system: string): string[] {
    return [
      ...(this.playbooks.find((entry) => entry.frontMatter.system === system)?.frontMatter.point_people ??
        []),
    ];
  }

  /** The team whose backlog a system's non-urgent work goes to, from its playbook. */
  teamOf(system: string): string | undefined {
    return this.playbooks.find((entry) => entry.frontMatter.system === system)?.frontMatter.team;
  }

  /** Who is on call at an instant (the checkout's schedule, overrides applied). */
  onCallAt(at: DateTime): { slot: string; github: string }[] {
    const { rotation, schedule } = this.source;
    return whoIsOnCall(timeline(rotation, schedule), timedOverrides(rotation, schedule), at)?.oncall ?? [];
  }

  /** Re-reads the checkout (after a merge) so that onCallAt sees the schedule as merged. */
  async reload(): Promise<void> {
    const loaded = await loadRepository(this.checkout.root);
    const source = loaded.repository?.rotations[0];
    if (!loaded.repository || !source)
      throw new Error('the checkout no longer loads: run oncall validate on it');
    this.source = source;
    this.playbooks = loaded.repository.playbooks;
  }

  // GitHub, as people and the script see it

  labels(number: number): string[] {
    const repo = this.repoRecord;
    return this.gh.store
      .labelsOf(repo, this.gh.store.issue(repo, number))
      .map((label) => label.name)
      .sort();
  }

  issue(number: number) {
    return this.gh.store.issue(this.repoRecord, number);
  }

  /** The comments of an issue, oldest first. */
  comments(number: number): { id: number; author: string; body: string }[] {
    const repo = this.repoRecord;
    return this.gh.store
      .commentsOn(repo, this.gh.store.issue(repo, number))
      .sort((a, b) => a.id - b.id)
      .map((comment) => ({ id: comment.id, author: comment.user.login, body: comment.body }));
  }

  /** The bot's comments whose marker starts with `prefix` (`reply:triage`, `page:`, `trade-check`). */
  botComments(number: number, prefix = ''): { id: number; body: string }[] {
    const tag = markerComment(prefix).replace(/ -->$/, '');
    return this.comments(number).filter(
      (comment) => comment.author === this.gh.bot.login && comment.body.includes(tag),
    );
  }

  /** The incident record's state; undefined when the issue has none. */
  record(number: number): IncidentState | undefined {
    const [record] = this.botComments(number, RECORD_MARKER);
    return record ? parseRecord(record.body) : undefined;
  }

  /** A comment by `author` on an issue, delivered to the incident workflow. */
  async comment(number: number, author: string, body: string): Promise<ActionProcessResult> {
    const comment = this.gh.seed.comment(DEMO_REPO, number, { author, body });
    const event = await this.webhooks.issueComment(number, comment.id);
    return this.action('incident', 'issue_comment', event);
  }

  /**
   * Merges a pull request the way the merge button does for a branch one step ahead: closes it as
   * merged and fast-forwards the default branch; the checkout gets the same files, committed.
   */
  async merge(number: number, by: string): Promise<void> {
    const repo = this.repoRecord;
    const pull = this.gh.store.pull(repo, number);
    const head = this.gh.store.branchHead(repo, pull.pull.head.ref);
    if (!head) throw new Error(`pull request #${number} has no head branch`);
    const changed = pull.pull.files.map((file) => file.filename);
    const user = this.gh.store.user(by);
    this.gh.store.updateIssue(repo, pull, user, { state: 'closed' });
    pull.pull.mergedAt = this.now.toJSDate();
    pull.pull.mergedBy = user;
    this.gh.store.moveBranch(repo, repo.defaultBranch, head.sha, false);
    const files: Record<string, string> = {};
    for (const file of changed) {
      const content = head.files.get(file)?.content;
      if (content) files[file] = content.toString('utf8');
    }
    this.checkout.write(files, {
      message: `Merge pull request #${number}: ${pull.title}`,
      author: by,
      at: this.now.toJSDate(),
    });
    await this.reload();
  }

  /** A commit straight to the default branch (and the checkout), e.g. a playbook fix. */
  async commitToMain(files: Record<string, string>, message: string, author: string): Promise<void> {
    this.gh.seed.files(DEMO_REPO, files, { message, author });
    this.checkout.write(files, { message, author, at: this.now.toJSDate() });
    await this.reload();
  }

  // Slack, as people saw it

  /** Every message posted to Slack, in order, with where it landed. */
  slackMessages(): SlackDelivery[] {
    return this.slack.messages().map((message, index) => {
      const conversation = this.slack.store.conversations.get(message.channel);
      let to = message.channel;
      let dm: string | undefined;
      if (conversation?.kind === 'im') {
        const person = this.people.find((entry) => entry.slack === conversation.user);
        dm = person?.github ?? conversation.user ?? message.channel;
        to = `@${dm}`;
      } else if (conversation) {
        to = `#${conversation.name}`;
      }
      const pageKey = /Dedup key `([^`]+)`/.exec(JSON.stringify(message.blocks ?? []))?.[1];
      const reminderKey = /\((reminder:[^\s)]+)\)\s*$/.exec(message.text)?.[1];
      const key = pageKey ?? reminderKey;
      const seconds = Number.parseFloat(message.ts);
      return {
        index,
        to,
        ...(dm ? { dm } : {}),
        at: DateTime.fromSeconds(Math.floor(seconds), { zone: this.zone }),
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        kind: pageKey ? 'page' : reminderKey ? 'reminder' : 'other',
        ...(key ? { key } : {}),
      };
    });
  }

  /** The logins of the members of the rotation's Slack user group now. */
  groupMembers(): string[] {
    const group = this.source.rotation.slack?.usergroup;
    if (!group) return [];
    return this.slack.groupMembers(group).map((id) => this.people.find((p) => p.slack === id)?.github ?? id);
  }

  topic(): string {
    const channel = this.source.rotation.slack?.channel;
    return channel ? this.slack.topic(channel) : '';
  }

  githubLog(): (RequestLogEntry & RequestTag)[] {
    this.tagRequests('the demo (webhook payloads and people)');
    return this.gh.log.map((entry, index) => ({ ...(this.githubTags[index] as RequestTag), ...entry }));
  }

  slackLog(): (SlackRequestLogEntry & RequestTag)[] {
    this.tagRequests('the demo (webhook payloads and people)');
    return this.slack.log.map((entry, index) => ({ ...(this.slackTags[index] as RequestTag), ...entry }));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.gh.close(), this.slack.close()]);
    this.checkout.dispose();
  }

  /**
   * The workspace as the team has it: everyone on the roster (their Slack ids and emails), the
   * rotation's channel, and its user group holding whoever was on call when the script starts,
   * as last week's tick left it.
   */
  private seedSlack(): void {
    for (const person of this.people) {
      this.slack.seed.user({
        ...(person.slack ? { id: person.slack } : {}),
        name: person.github,
        realName: person.name,
        ...(person.email ? { email: person.email } : {}),
        tz: person.timezone,
      });
    }
    const targets = this.source.rotation.slack;
    if (targets?.channel) {
      this.slack.seed.channel({
        id: targets.channel,
        name: 'incidents',
        topic: 'Something broken? Open an issue with the incident form.',
      });
    }
    if (targets?.usergroup) {
      const users = this.onCallAt(this.now)
        .map((entry) => this.people.find((person) => person.github === entry.github)?.slack)
        .filter((id): id is string => id !== undefined);
      this.slack.seed.userGroup({ id: targets.usergroup, handle: 'oncall', name: 'On call', users });
    }
  }
}
