/**
 * A world for the cases that run the committed Action bundles: the simulation harness's on-call
 * repository and Simulation (test/simulation/harness.ts) on emulators started here, outside vitest,
 * and the readers that count damage from the emulators' state.
 */
import { execFileSync } from 'node:child_process';
import { DateTime } from 'luxon';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { startGitHubEmulator } from '../../src/emulators/github/index.js';
import type { SlackEmulator } from '../../src/emulators/slack/index.js';
import { startSlackEmulator } from '../../src/emulators/slack/index.js';
import { type ActionRun, runActionBundle } from '../../test/helpers/action-runner.js';
import { makeOctokit, TEST_REPO } from '../../test/helpers/github-emulator.js';
import { makeRepo, removeRepos } from '../../test/helpers/repo.js';
import { TEST_SLACK_TOKEN } from '../../test/helpers/slack-emulator.js';
import {
  CHANNEL,
  PEOPLE,
  REPO,
  Simulation,
  simulationRepoFiles,
  USERGROUP,
  ZONE,
} from '../../test/simulation/harness.js';
import {
  checkFilesUnchanged,
  checkRun,
  checkTimeline,
  type Due,
  duplicates,
  type Observer,
  type Sent,
  snapshotFiles,
} from './measure.js';

export { CHANNEL, REPO, USERGROUP, ZONE };

export interface World {
  s: Simulation;
  gh: GitHubEmulator;
  slack: SlackEmulator;
  root: string;
  files: Map<string, string>;
  runs: { label: string; run: ActionRun }[];
  /** The case injected a fault: it must have fired, or the case tested nothing. */
  expectFault?: boolean;
  /** Runs a bundle (handoff, publish…) at the clock's time, with extra inputs. */
  action(
    action: string,
    event: unknown,
    eventName?: string,
    inputs?: Record<string, string>,
  ): Promise<ActionRun>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Edits the on-call files before the world starts. */
  files?: (files: Record<string, string>) => void;
  /** The on-call files are also main's tree in the GitHub emulator (publish reads it). */
  filesOnMain?: boolean;
  /** A git checkout (handoff reads the week's playbook changes). */
  git?: boolean;
  start?: string;
  /**
   * Milliseconds per second of Retry-After and backoff in the runs (1 by default, so waits cost
   * nothing); a case that measures a wait sets more.
   */
  retryBaseMs?: number;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  let clock: DateTime = DateTime.fromISO(options.start ?? '2027-01-04T12:00', { zone: ZONE });
  const now = () => clock.toJSDate();
  const files = simulationRepoFiles();
  options.files?.(files);
  const gh = await startGitHubEmulator({
    now,
    repos: [
      {
        owner: TEST_REPO.owner,
        name: TEST_REPO.repo,
        // rita, the usual reporter, is a member of the company off the roster (as in the simulation).
        members: {
          ...Object.fromEntries(PEOPLE.map((person) => [person.github, 'MEMBER' as const])),
          rita: 'MEMBER' as const,
        },
        ...(options.filesOnMain ? { files } : {}),
      },
    ],
  });
  const slack = await startSlackEmulator({ now });
  for (const person of PEOPLE) {
    slack.seed.user({ id: person.slack, name: person.github, realName: person.name, tz: person.timezone });
  }
  slack.seed.channel({ id: CHANNEL.id, name: CHANNEL.name });
  slack.seed.userGroup({ id: USERGROUP, handle: 'oncall', users: ['U0ANA', 'U0BEN'] });
  const root = makeRepo(files);
  if (options.git) {
    const git = (args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
        cwd: root,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: '2026-12-01T12:00:00Z',
          GIT_COMMITTER_DATE: '2026-12-01T12:00:00Z',
        },
        stdio: 'pipe',
      });
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'The on-call files']);
  }
  const s = new Simulation(gh, slack, makeOctokit(gh.url).octokit, root, {
    get: () => clock,
    set: (at) => {
      clock = at;
    },
  });
  const world: World = {
    s,
    gh,
    slack,
    root,
    files: snapshotFiles(root),
    runs: [],
    action(action, event, eventName = 'schedule', inputs = {}) {
      return runActionBundle({
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
          ONCALL_NOW: s.now.toISO() as string,
          ONCALL_RETRY_BASE_MS: String(options.retryBaseMs ?? 1),
          ONCALL_PACING: 'off',
          SLACK_API_URL: slack.apiUrl,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: '42',
          GITHUB_REF: 'refs/heads/main',
        },
      });
    },
    async close() {
      await gh.close();
      await slack.close();
      removeRepos();
    },
  };
  return world;
}

/**
 * Runs `work` and keeps its run for the crash count, then waits until both emulators have served
 * every request sent to them: a write the run stopped waiting for (a timeout) lands before the
 * next run starts and before anything is measured, as it would in the minutes between two ticks.
 */
export async function recorded(world: World, label: string, work: Promise<ActionRun>): Promise<ActionRun> {
  const run = await work;
  world.runs.push({ label, run });
  await settled(world);
  return run;
}

/** Resolves when neither emulator has a request in flight. */
export async function settled(world: World): Promise<void> {
  await Promise.all([world.gh.settled(), world.slack.settled()]);
}

/** Who a Slack conversation reaches: `@ana` for a DM, `#incidents` for a channel. */
function recipient(world: World, channel: string): string {
  const conversation = world.slack.store.conversations.get(channel);
  if (conversation?.kind === 'im') {
    const person = PEOPLE.find((entry) => entry.slack === conversation.user);
    return `@${person?.github ?? `?${conversation.user}`}`;
  }
  return conversation ? `#${conversation.name}` : `?${channel}`;
}

/** Every Slack message as "to key": `@ana 1:step-0`, `#incidents 1:step-0`; keyless ones by text. */
export function slackDeliveries(world: World): { line: string; keyed: boolean }[] {
  return world.slack.messages().map((message) => {
    const to = recipient(world, message.channel);
    const key = /Dedup key `([^`]+)`/.exec(JSON.stringify(message.blocks ?? []))?.[1];
    return key
      ? { line: `${to} ${key}`, keyed: true }
      : { line: `${to} ${message.text.replace(/\s+/g, ' ')}`, keyed: false };
  });
}

/** Every Slack page as a notification: to whom, for which issue, when (the emulator's clock). */
export function slackPagesSent(world: World): Sent[] {
  return world.slack.messages().flatMap((message) => {
    const blocks = JSON.stringify(message.blocks ?? []);
    const issue = /Page: sev:\d incident #(\d+)/.exec(blocks)?.[1];
    if (issue === undefined) return [];
    const key = /Dedup key `([^`]+)`/.exec(blocks)?.[1] ?? 'no key';
    return [
      {
        to: recipient(world, message.channel),
        issue: Number(issue),
        at: Number(message.ts.split('.')[0]) * 1000,
        label: key,
      },
    ];
  });
}

/**
 * Every comment GitHub made for the bot that @-mentions someone, from the request log, so one made
 * and deleted again counts too: on GitHub the mention has notified people by then.
 */
function mentionCommentsMade(world: World): { issue: number; marker: string }[] {
  return world.gh.log.flatMap((entry) => {
    const issue = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(entry.path)?.[1];
    if (entry.method !== 'POST' || issue === undefined) return [];
    if (!(entry.status === 201 || entry.applied)) return [];
    const body = String((entry.body as { body?: unknown } | undefined)?.body ?? '');
    if (!hasMention(body)) return [];
    return [{ issue: Number(issue), marker: MARKER.exec(body)?.[1] ?? body.slice(0, 60) }];
  });
}

/** Whether a comment @-mentions someone (outside code spans and HTML comments, where GitHub does not notify). */
function hasMention(body: string): boolean {
  const shown = body.replace(/<!--[\s\S]*?-->/g, '').replace(/`[^`]*`/g, '');
  return /(?:^|[^\w`])@[A-Za-z0-9][\w-]*/.test(shown);
}

const MARKER = /<!-- oncall-as-code:([^\s]+) -->/;

/** The bot's issues and pull requests, and its comments on each, by marker. */
function botState(world: World) {
  const repo = world.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('no repository in the emulator');
  const bot = world.gh.bot.login;
  const issues = [...repo.issues.values()];
  return {
    botIssues: issues.filter((issue) => issue.user.login === bot),
    comments: issues.flatMap((issue) =>
      world.gh.store
        .commentsOn(repo, issue)
        .filter((comment) => comment.user.login === bot)
        .map((comment) => ({
          issue: issue.number,
          marker: MARKER.exec(comment.body)?.[1],
          body: comment.body,
        })),
    ),
  };
}

/**
 * The damage a case left, by observation: crashed runs, files changed on disk, duplicate bot
 * issues and pull requests (by marker, else title), duplicate bot comments (by issue and marker),
 * duplicate pages (Slack messages by recipient and dedup key) and duplicate keyless Slack posts
 * (counted with the comments); and, from `expected`, pages, comments and issues that never came.
 */
export async function measureWorld(
  obs: Observer,
  world: World,
  expected: {
    /** "to key" lines that must each have been delivered (`@ana 1:step-0`). */
    pages?: string[];
    /** "#issue marker-prefix" that must exist among the bot's comments (`1 incident-record`). */
    comments?: string[];
    /** Titles (prefixes) of bot issues or pull requests that must exist. */
    issues?: string[];
    /**
     * Every page notification the case may send, with its instant: anything else sent, or sent
     * outside its window, or twice, is damage (checkTimeline). Without it, only duplicates by
     * dedup key and the `pages` that never came are counted.
     */
    timeline?: Due[];
  } = {},
  allowedCodes: readonly number[] = [0, 1],
): Promise<void> {
  await settled(world);
  for (const { label, run } of world.runs) checkRun(obs, label, run, allowedCodes);
  checkFilesUnchanged(obs, world.root, world.files);

  const deliveries = slackDeliveries(world);
  const pages = duplicates(deliveries.filter((d) => d.keyed).map((d) => d.line));
  obs.count('dupPages', pages.extra, `pages sent more than once: ${pages.which.join('; ')}`);
  const posts = duplicates(deliveries.filter((d) => !d.keyed).map((d) => d.line.slice(0, 120)));
  obs.count('dupComments', posts.extra, `Slack posts sent more than once: ${posts.which.join('; ')}`);

  const { botIssues, comments } = botState(world);
  const issues = duplicates(
    botIssues.map(
      (issue) => `${issue.pull ? 'PR' : 'issue'} ${MARKER.exec(issue.body ?? '')?.[1] ?? issue.title}`,
    ),
  );
  obs.count('dupIssues', issues.extra, `bot issues/PRs opened more than once: ${issues.which.join('; ')}`);
  // Comments that mention someone are counted from the request log above, deleted ones too.
  const marked = duplicates(
    comments.filter((c) => c.marker && !hasMention(c.body)).map((c) => `#${c.issue} ${c.marker}`),
  );
  obs.count('dupComments', marked.extra, `bot comments made more than once: ${marked.which.join('; ')}`);

  if (expected.timeline) checkTimeline(obs, expected.timeline, slackPagesSent(world));
  const mentions = duplicates(mentionCommentsMade(world).map((made) => `#${made.issue} ${made.marker}`));
  obs.count(
    'dupComments',
    mentions.extra,
    `comments with an @-mention made more than once (deleted ones count: they notified): ${mentions.which.join('; ')}`,
  );

  const delivered = new Set(deliveries.map((d) => d.line));
  const missingPages = (expected.pages ?? []).filter((line) => !delivered.has(line));
  obs.count('lost', missingPages.length, `pages never delivered: ${missingPages.join(', ')}`);
  const missingComments = (expected.comments ?? []).filter((want) => {
    const [number, prefix] = want.split(' ');
    return !comments.some((c) => String(c.issue) === number && c.marker?.startsWith(prefix ?? ''));
  });
  obs.count('lost', missingComments.length, `bot comments never made: ${missingComments.join(', ')}`);
  const missingIssues = (expected.issues ?? []).filter(
    (title) => !botIssues.some((issue) => issue.title.startsWith(title)),
  );
  obs.count('lost', missingIssues.length, `issues/PRs never opened: ${missingIssues.join(', ')}`);
}
