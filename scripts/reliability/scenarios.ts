/**
 * Faults, repetition and missed ticks, through the committed bundles against the emulators. Each
 * case starts a fresh world, does its runs, then measures (world.ts) what they left behind.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Fault } from '../../src/emulators/github/index.js';
import type { SlackFault } from '../../src/emulators/slack/faults.js';
import type { ActionRun } from '../../test/helpers/action-runner.js';
import { TEST_REPO } from '../../test/helpers/github-emulator.js';
import type { OpenedIssue } from '../../test/simulation/harness.js';
import { type CaseResult, type Due, Observer, snapshotFiles } from './measure.js';
import { measureWorld, recorded, settled, startWorld, type World, type WorldOptions, ZONE } from './world.js';

export interface Scenario {
  name: string;
  group: 'bad' | 'fault' | 'repetition' | 'missed';
  /** The row of the report this case counts in. */
  row: string;
  run: () => Promise<CaseResult>;
}

const REPO_NAME = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const SEV1_PAGES = ['#incidents 1:step-0', '@ana 1:step-0', '@ben 1:step-0', '@cy 1:step-0', '@eli 1:step-0'];
const SEV1_COMMENTS = ['1 incident-record', '1 page:1:step-0', '1 reply:triage'];
const COMMENTS_PATH = '/repos/{owner}/{repo}/issues/{n}/comments';
const COMMENT_PATH = '/repos/{owner}/{repo}/issues/comments/{id}';
/** Creating a repository label: how a run takes a lock (an incident's, the status issue's). */
const LABELS_PATH = '/repos/{owner}/{repo}/labels';

/**
 * The expected timelines, written from the policy and the harness's roster, not from the code:
 * a sev:1 at any hour pages the pair (ana, ben in the week of 2027-01-04) and gravity's
 * point-people (cy, eli) at once, each by DM, with one post in #incidents; unacknowledged, the
 * next step (team eng-leads, through #incidents) is due 15 minutes later.
 */
const SEV1_TO = ['@ana', '@ben', '@cy', '@eli', '#incidents'];

/** `to` notified about issue `issue` at the wall-clock `time` (the rotation's zone), at most `lateMinutes` late. */
function notified(to: readonly string[], time: string, lateMinutes = 0, issue = 1): Due[] {
  const at = DateTime.fromISO(time, { zone: ZONE }).toMillis();
  return to.map((who) => ({ to: who, issue, at, lateMs: lateMinutes * 60_000 }));
}

type Fixture = (w: World) => void;

/** The inputs a world adds to every run until it is healed (a short deadline, a short timeout). */
const faultInputs = new WeakMap<World, Record<string, string>>();

/** Ends every injected fault still pending, and the runs' fault inputs: the service is back. */
function heal(w: World): void {
  (w.gh as unknown as { faults: { clear(): void } }).faults.clear();
  (w.slack as unknown as { faults: { clear(): void } }).faults.clear();
  faultInputs.set(w, {});
}

/** A world whose Simulation runs bundles with `inputs` added (e.g. a short deadline) until healed. */
async function world(options: WorldOptions = {}, inputs: Record<string, string> = {}): Promise<World> {
  const w = await startWorld(options);
  faultInputs.set(w, inputs);
  // The harness's run() has fixed inputs; this world adds its own to every run.
  (w.s as unknown as { run: (a: string, n: string, e: unknown) => Promise<ActionRun> }).run = (
    action,
    eventName,
    event,
  ) =>
    w.action(action, event, eventName, {
      rotation: '',
      'heartbeat-threshold-minutes': '0',
      ...faultInputs.get(w),
    });
  return w;
}

async function withWorld(
  name: string,
  options: WorldOptions,
  inputs: Record<string, string>,
  body: (w: World, obs: Observer) => Promise<void>,
): Promise<CaseResult> {
  const obs = new Observer(name);
  const w = await world(options, inputs);
  try {
    await body(w, obs);
    const injected = w.gh.log.some((entry) => entry.fault) || w.slack.log.some((entry) => entry.fault);
    if (w.expectFault && !injected)
      obs.count('crashes', 1, 'the injected fault never fired: the case tested nothing');
  } catch (err) {
    obs.count('crashes', 1, `the case itself failed: ${(err as Error).message}`);
  } finally {
    await w.close();
  }
  return obs.result();
}

const open = (w: World, down: 'Yes' | 'No' = 'Yes'): Promise<OpenedIssue> =>
  w.s.openIncident({ down, system: 'gravity' }).then(async (opened) => {
    w.runs.push({ label: 'incident opened', run: opened.run });
    await settled(w);
    return opened;
  });

const tickAt = (w: World, time: string) => {
  w.s.at(time);
  return recorded(w, `tick ${time}`, w.s.tick());
};

/**
 * sev:1 at 03:00 with a fault in place, then the ticks of 03:05 and 03:10 (the pages' retry time):
 * every page delivered once, one record, one page comment, one reply.
 */
function incidentFault(
  name: string,
  inject: Fixture,
  options: {
    inputs?: Record<string, string>;
    files?: WorldOptions['files'];
    pages?: string[];
    /** Who is paged at 03:00 (by the 03:10 tick at the latest); the sev:1 set unless said. */
    paged?: string[];
    /** False for a case whose fault is in the files, not in an emulator. */
    injects?: boolean;
    /** Retry-After and backoff in the runs, ms per second (see WorldOptions). */
    retryBaseMs?: number;
    /** A check of its own after the measuring (e.g. how long a retry waited). */
    also?: (w: World, obs: Observer) => void;
  } = {},
): Scenario {
  return {
    name,
    group: 'fault',
    row: 'faults: incident opened (GitHub, Slack)',
    run: () =>
      withWorld(
        name,
        { files: options.files, retryBaseMs: options.retryBaseMs },
        options.inputs ?? {},
        async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          inject(w);
          w.expectFault = options.injects !== false;
          await open(w);
          // The outage was during the incident run; the next ticks find the service back.
          heal(w);
          await tickAt(w, '2027-01-06T03:05');
          await tickAt(w, '2027-01-06T03:10');
          await measureWorld(obs, w, {
            pages: options.pages ?? SEV1_PAGES,
            comments: SEV1_COMMENTS,
            timeline: notified(options.paged ?? SEV1_TO, '2027-01-06T03:00', 10),
          });
          options.also?.(w, obs);
        },
      ),
  };
}

/** A second of Retry-After lasts this many ms in the cases that measure the wait. */
const RETRY_BASE_MS = 200;

/**
 * The request a rate limit answered was tried again no sooner than its Retry-After said: the
 * gap between the two arrivals, on the emulator's log, is at least `seconds` × RETRY_BASE_MS.
 */
function retryWaited(seconds: number): (w: World, obs: Observer) => void {
  return (w, obs) => {
    const limited = w.gh.log.findIndex((entry) => entry.fault === 'secondary-rate-limit');
    const answered = w.gh.log[limited];
    const retry = w.gh.log
      .slice(limited + 1)
      .find((entry) => entry.method === answered?.method && entry.path === answered?.path);
    if (!answered || !retry) {
      obs.count('lost', 1, 'the rate-limited request was never tried again');
      return;
    }
    const waited = (retry.receivedAt ?? 0) - (answered.receivedAt ?? 0);
    const wanted = seconds * RETRY_BASE_MS;
    obs.count(
      'mistimed',
      waited < wanted ? 1 : 0,
      `retried ${waited} ms after a Retry-After of ${wanted} ms`,
    );
  };
}

const gh =
  (fault: Fault): Fixture =>
  (w) =>
    void w.gh.inject(fault);
const slack =
  (fault: SlackFault): Fixture =>
  (w) =>
    void w.slack.inject(fault);

export function faultScenarios(): Scenario[] {
  return [
    incidentFault(
      'GitHub 500 on a comment create, before the write',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'status', status: 500 }),
    ),
    incidentFault(
      'GitHub 502 on a comment create, after the write',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'status', status: 502, afterWrite: true }),
    ),
    incidentFault(
      'GitHub 503 on every comment create (outage through the run)',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'status', status: 503, times: 6 }),
    ),
    incidentFault(
      'GitHub 503 on the record update, before the write',
      gh({ method: 'PATCH', path: COMMENT_PATH, kind: 'status', status: 503, times: 4 }),
    ),
    incidentFault(
      'GitHub 502 on the record update, after the write',
      gh({ method: 'PATCH', path: COMMENT_PATH, kind: 'status', status: 502, afterWrite: true }),
    ),
    incidentFault(
      'GitHub 500 on adding labels (4×: through the retries)',
      gh({
        method: 'POST',
        path: '/repos/{owner}/{repo}/issues/{n}/labels',
        kind: 'status',
        status: 500,
        times: 4,
      }),
    ),
    incidentFault(
      'GitHub 403 secondary rate limit with Retry-After 1: the retry waits it out',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'secondary-rate-limit', status: 403, retryAfter: 1 }),
      { retryBaseMs: RETRY_BASE_MS, also: retryWaited(1) },
    ),
    incidentFault(
      'GitHub 429 secondary rate limit with Retry-After 2: the retry waits it out',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'secondary-rate-limit', status: 429, retryAfter: 2 }),
      { retryBaseMs: RETRY_BASE_MS, also: retryWaited(2) },
    ),
    incidentFault(
      'GitHub 429 without Retry-After',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'status', status: 429 }),
    ),
    incidentFault(
      'GitHub 403 x-ratelimit-remaining: 0 on reads',
      gh({
        method: 'GET',
        path: COMMENTS_PATH,
        kind: 'rate-limit',
        status: 403,
        resetInSeconds: 1,
        times: 2,
      }),
    ),
    incidentFault(
      'GitHub 429 x-ratelimit-remaining: 0 on a write',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'rate-limit', status: 429, resetInSeconds: 1 }),
    ),
    incidentFault(
      // As for Slack below: room to reach the create on a busy machine, the answer after it.
      'GitHub latency 9 s on a comment create, deadline 5 s',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'latency', latencyMs: 9000 }),
      { inputs: { 'deadline-seconds': '5' } },
    ),
    incidentFault(
      'GitHub hangs on reading the comments (request timeout 1 s): cut and retried',
      gh({ method: 'GET', path: COMMENTS_PATH, kind: 'latency', latencyMs: 5000, times: 2 }),
      { inputs: { 'request-timeout-seconds': '1' } },
    ),
    incidentFault(
      'GitHub hangs on a comment create (request timeout 1 s): looked for again, never made twice',
      gh({ method: 'POST', path: COMMENTS_PATH, kind: 'latency', latencyMs: 5000 }),
      { inputs: { 'request-timeout-seconds': '1' } },
    ),
    incidentFault(
      'Slack HTTP 429 on every post (Retry-After 1)',
      slack({ method: 'chat.postMessage', kind: 'rate-limit', retryAfter: 1, times: 12 }),
    ),
    incidentFault(
      'Slack ok:false ratelimited on every post',
      slack({ method: 'chat.postMessage', kind: 'error', error: 'ratelimited', retryAfter: 1, times: 12 }),
    ),
    incidentFault(
      'Slack 500 on every post (Slack down)',
      slack({ method: 'chat.postMessage', kind: 'status', status: 500, times: 20 }),
    ),
    incidentFault(
      'Slack 500 after a post was made',
      slack({ method: 'chat.postMessage', kind: 'status', status: 500, afterWrite: true }),
    ),
    incidentFault(
      // The deadline leaves room for the run to reach Slack on a busy machine; the post's
      // answer comes after it, and the post lands after the run has ended.
      'Slack latency 9 s on a post, deadline 5 s',
      slack({ method: 'chat.postMessage', kind: 'latency', latencyMs: 9000 }),
      { inputs: { 'deadline-seconds': '5' } },
    ),
    incidentFault('Slack: a paged person with no Slack account', () => {}, {
      // eli has no Slack id and an email Slack does not know: everyone else is paged once.
      files: (files) => {
        files['rotations/people.yaml'] = (files['rotations/people.yaml'] as string).replace(
          'slack: U0ELI',
          'email: eli@nowhere.example',
        );
      },
      pages: SEV1_PAGES.filter((line) => !line.startsWith('@eli')),
      paged: SEV1_TO.filter((to) => to !== '@eli'),
      injects: false,
    }),
    {
      name: 'GitHub 500 listing incidents at the handoff tick: Slack still brought in step',
      group: 'fault',
      row: 'faults: tick (GitHub down, Slack down)',
      run: () =>
        withWorld('GitHub down, Slack in step', {}, {}, async (w, obs) => {
          w.gh.inject({
            method: 'GET',
            path: '/repos/{owner}/{repo}/issues',
            kind: 'status',
            status: 500,
            times: 4,
          });
          w.expectFault = true;
          await tickAt(w, '2027-01-11T11:05');
          const members = w.slack.groupMembers('S0ONCALL').sort().join(',');
          obs.count(
            'lost',
            members === 'U0DEE,U0FAY' ? 0 : 1,
            `user group not updated while GitHub failed: ${members}`,
          );
          await measureWorld(obs, w);
        }),
    },
    {
      name: 'Slack user group update 500 while a page is due: the page goes out, the group next tick',
      group: 'fault',
      row: 'faults: tick (GitHub down, Slack down)',
      run: () =>
        withWorld('Slack usergroup down', {}, {}, async (w, obs) => {
          w.s.at('2027-01-11T10:50');
          await open(w);
          w.slack.inject({ method: 'usergroups.users.update', kind: 'status', status: 500, times: 4 });
          w.expectFault = true;
          await tickAt(w, '2027-01-11T11:05');
          await tickAt(w, '2027-01-11T11:10');
          const members = w.slack.groupMembers('S0ONCALL').sort().join(',');
          obs.count(
            'lost',
            members === 'U0DEE,U0FAY' ? 0 : 1,
            `user group not updated on the next tick: ${members}`,
          );
          await measureWorld(obs, w, {
            pages: ['@ana 1:step-0', '@ben 1:step-0', '#incidents 1:step-3'],
            // Opened before the 11:00 handoff: the week's pair; the team step is due at 11:05.
            timeline: [
              ...notified(SEV1_TO, '2027-01-11T10:50'),
              ...notified(['#incidents'], '2027-01-11T11:05', 5),
            ],
          });
        }),
    },
    handoffCase('handoff: GitHub 502 after the issue was created, then the next run', 'fault', (w) =>
      w.gh.inject({
        method: 'POST',
        path: '/repos/{owner}/{repo}/issues',
        kind: 'status',
        status: 502,
        afterWrite: true,
      }),
    ),
    handoffCase('handoff: Slack 500 on the post, then the next run', 'fault', (w) =>
      w.slack.inject({ method: 'chat.postMessage', kind: 'status', status: 500, times: 8 }),
    ),
    publishCase('publish: GitHub 502 after the pull request was created, then the next run', 'fault', (w) =>
      w.gh.inject({
        method: 'POST',
        path: '/repos/{owner}/{repo}/pulls',
        kind: 'status',
        status: 502,
        afterWrite: true,
      }),
    ),
    publishCase('publish: GitHub 403 secondary rate limit on every write, then the next run', 'fault', (w) =>
      w.gh.inject({
        method: 'POST',
        path: '/repos/{owner}/{repo}/**',
        kind: 'secondary-rate-limit',
        retryAfter: 1,
        times: 3,
      }),
    ),
  ];
}

const HANDOFF_EVENT = { schedule: '7,37 16 * * 1' };

/** The table row of a handoff or publish case. */
function scheduledJobRow(group: Scenario['group']): string {
  if (group === 'fault') return 'faults: handoff, publish';
  if (group === 'missed') return 'missed: handoff, publish';
  return 'repeated: handoff, publish';
}
const PUBLISH_EVENT = { schedule: '17 6 * * 1' };

/** The handoff of Monday 2027-01-11 11:00 (ana+ben → dee+fay): runs at 11:07 and 11:37, or as `runs` says. */
function handoffCase(
  name: string,
  group: Scenario['group'],
  inject: Fixture,
  runs: (w: World) => Promise<unknown> = async (w) => {
    w.s.at('2027-01-11T11:07');
    await recorded(w, 'handoff 11:07', w.action('handoff', HANDOFF_EVENT));
    heal(w);
    w.s.at('2027-01-11T11:37');
    await recorded(w, 'handoff 11:37', w.action('handoff', HANDOFF_EVENT));
  },
): Scenario {
  return {
    name,
    group,
    row: scheduledJobRow(group),
    run: () =>
      withWorld(name, { git: true }, {}, async (w, obs) => {
        inject(w);
        w.expectFault = group === 'fault';
        await runs(w);
        await measureWorld(obs, w, { issues: ['On-call handoff'] });
        const posted = w.slack.messages().filter((m) => /handoff/i.test(m.text)).length;
        obs.count('lost', posted === 0 ? 1 : 0, 'the handoff was never posted to Slack');
      }),
  };
}

/** Publish on 2027-01-20 (the schedule ends 2027-02-15; 5 weeks ahead are due), runs as `runs` says. */
function publishCase(
  name: string,
  group: Scenario['group'],
  inject: Fixture,
  runs: (w: World) => Promise<unknown> = async (w) => {
    w.s.at('2027-01-20T01:17');
    await recorded(w, 'publish', w.action('publish', PUBLISH_EVENT));
    heal(w);
    w.s.at('2027-01-20T02:17');
    await recorded(w, 'publish again', w.action('publish', PUBLISH_EVENT));
  },
): Scenario {
  return {
    name,
    group,
    row: scheduledJobRow(group),
    run: () =>
      withWorld(name, { filesOnMain: true }, {}, async (w, obs) => {
        inject(w);
        w.expectFault = group === 'fault';
        await runs(w);
        await measureWorld(obs, w, { issues: ['Publish on-call shifts'] });
        // History: the branch's schedule keeps main's shifts as they were, in order, then appends.
        const repo = w.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
        const file = 'rotations/ops/schedule.yaml';
        const main = repo && w.gh.store.branchHead(repo, 'main')?.files.get(file)?.content.toString('utf8');
        const branch =
          repo && w.gh.store.branchHead(repo, 'oncall/publish')?.files.get(file)?.content.toString('utf8');
        const shifts = (text: string | undefined) =>
          (text ?? '').split('\n').filter((l) => l.includes('start:'));
        const kept = shifts(main).every((line, i) => shifts(branch)[i] === line);
        obs.count(
          'rewritten',
          branch !== undefined && !kept ? 1 : 0,
          'a published shift changed on the publish branch',
        );
      }),
  };
}

/**
 * Holds the next `n` requests matching a method and path until all `n` have arrived, so `n` runs
 * started at once really overlap there (each has read and decided before any writes).
 */
function overlapAt(w: World, method: string, path: string, n: number): void {
  w.gh.inject({ method, path, kind: 'barrier', times: n, timeoutMs: 3000 });
}

/** The event a step would deliver, built without running the bundle (to deliver it later, at once with others). */
async function heldEvent(
  w: World,
  step: () => Promise<unknown>,
): Promise<Parameters<World['s']['deliver']>[1]> {
  const simulation = w.s as unknown as { run: (a: string, e: string, ev: unknown) => Promise<ActionRun> };
  const real = simulation.run;
  let held: unknown;
  simulation.run = async (_action, _name, event) => {
    held = event;
    return { code: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
  };
  try {
    await step();
  } finally {
    simulation.run = real;
  }
  return held as Parameters<World['s']['deliver']>[1];
}

/** ben's `/escalate` on incident 1, held to be delivered at once with another run. */
const escalates = new WeakMap<World, Parameters<World['s']['deliver']>[1]>();
async function escalate(w: World): Promise<Parameters<World['s']['deliver']>[1]> {
  const held =
    escalates.get(w) ?? (await heldEvent(w, () => w.s.comment(1, { author: 'ben', body: '/escalate' })));
  escalates.set(w, held);
  return held;
}

/**
 * A sev:1 at 03:00, then at `at` ana's `/ack` and `other` run at once, both deciding from the same
 * record: the `/ack` must end in the record whoever writes first, and the team step (due when
 * `other` runs) may go out once, on time, or not at all; the ticks after send nothing more.
 */
function ackRace(
  row: string,
  name: string,
  at: string,
  other: (w: World) => Promise<ActionRun>,
  /** Anything to prepare before the /ack is held (events are numbered in the order they are made). */
  before: (w: World) => Promise<undefined> = async () => undefined,
): Scenario {
  return {
    name,
    group: 'repetition',
    row,
    run: () =>
      withWorld(name, {}, {}, async (w, obs) => {
        w.s.at('2027-01-06T03:00');
        await open(w);
        w.s.at(at);
        await before(w);
        const ack = await heldEvent(w, () => w.s.comment(1, { author: 'ana', body: '/ack' }));
        // Both read the record and decide before either writes it.
        overlapAt(w, 'PATCH', COMMENT_PATH, 2);
        await Promise.all([other(w), recorded(w, '/ack', w.s.deliver('issue_comment', ack))]);
        await tickAt(w, '2027-01-06T03:20');
        await tickAt(w, '2027-01-06T03:35');
        obs.count('lost', w.s.record(1).acknowledged?.by === 'ana' ? 0 : 1, 'the /ack is not in the record');
        await measureWorld(obs, w, {
          pages: SEV1_PAGES,
          comments: SEV1_COMMENTS,
          timeline: [...notified(SEV1_TO, '2027-01-06T03:00'), ...optional(notified(['#incidents'], at))],
        });
      }),
  };
}

/** Notifications a race may or may not send (see Due.optional). */
function optional(due: Due[]): Due[] {
  return due.map((entry) => ({ ...entry, optional: true }));
}

/** Runs `n` copies of a bundle run at once. */
function concurrently(w: World, label: string, n: number, start: () => Promise<ActionRun>) {
  return Promise.all(
    Array.from({ length: n }, (_, i) => recorded(w, `${label} (${i + 1} of ${n})`, start())),
  );
}

/** Delivers the opened event of a fresh sev:1 `n` times at once (the first delivery is held back). */
async function openConcurrently(w: World, n: number): Promise<void> {
  const simulation = w.s as unknown as { run: (a: string, e: string, ev: unknown) => Promise<ActionRun> };
  const real = simulation.run;
  let held: { action: string; eventName: string; event: unknown } | undefined;
  simulation.run = async (action, eventName, event) => {
    held = { action, eventName, event };
    return { code: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
  };
  await w.s.openIncident({ down: 'Yes', system: 'gravity' });
  simulation.run = real;
  const event = held?.event as Parameters<World['s']['deliver']>[1];
  await concurrently(w, 'incident opened', n, () => w.s.deliver('issues', event));
}

/**
 * Each fault kind on every write of a sev:1's opening in turn, not only the first: the comments
 * it creates (the record, the reply, the page's mention), each Slack post (four DMs and the
 * channel) and the incident's lock. The first of each is in faultScenarios.
 */
export function sweepScenarios(): Scenario[] {
  const row = 'faults: every write of an incident in turn';
  const each = (scenario: Scenario): Scenario => ({ ...scenario, row });
  const ghKinds: [string, (skip: number) => Fault, Record<string, string>?][] = [
    ['500 before', (skip) => ({ method: 'POST', path: COMMENTS_PATH, kind: 'status', status: 500, skip })],
    [
      '502 after',
      (skip) => ({
        method: 'POST',
        path: COMMENTS_PATH,
        kind: 'status',
        status: 502,
        afterWrite: true,
        skip,
      }),
    ],
    [
      'a hang past the 1 s timeout on',
      (skip) => ({ method: 'POST', path: COMMENTS_PATH, kind: 'latency', latencyMs: 5000, skip }),
      { 'request-timeout-seconds': '1' },
    ],
  ];
  const github = [1, 2].flatMap((skip) =>
    ghKinds.map(([kind, fault, inputs]) =>
      each(incidentFault(`GitHub ${kind} comment create ${skip + 1} of 3`, gh(fault(skip)), { inputs })),
    ),
  );
  const slackPosts = [1, 2, 3, 4].map((skip) =>
    each(
      incidentFault(
        `Slack 500 after post ${skip + 1} of 5 was made`,
        slack({ method: 'chat.postMessage', kind: 'status', status: 500, afterWrite: true, skip }),
      ),
    ),
  );
  const rateLimited = each(
    incidentFault(
      'Slack ok:false ratelimited on post 3 of 5',
      slack({ method: 'chat.postMessage', kind: 'error', error: 'ratelimited', retryAfter: 1, skip: 2 }),
    ),
  );
  const lock = each(
    incidentFault(
      "GitHub 502 after the incident lock's label was made (twice)",
      gh({ method: 'POST', path: LABELS_PATH, kind: 'status', status: 502, afterWrite: true, times: 2 }),
    ),
  );
  return [...github, ...slackPosts, rateLimited, lock];
}

export function repetitionScenarios(): Scenario[] {
  const row = 'repeated: incident, tick';
  return [
    {
      name: 'issues.opened delivered twice in a row',
      group: 'repetition',
      row,
      run: () =>
        withWorld('opened twice', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          const opened = await open(w);
          await recorded(w, 'opened again', w.s.deliver('issues', opened.event));
          await measureWorld(obs, w, {
            pages: SEV1_PAGES,
            comments: SEV1_COMMENTS,
            timeline: notified(SEV1_TO, '2027-01-06T03:00'),
          });
        }),
    },
    {
      name: 'issues.opened delivered three times at once',
      group: 'repetition',
      row,
      run: () =>
        withWorld('opened ×3 at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await openConcurrently(w, 3);
          // Whatever a losing run left unsent is the next tick's.
          await tickAt(w, '2027-01-06T03:05');
          await measureWorld(obs, w, {
            pages: SEV1_PAGES,
            comments: SEV1_COMMENTS,
            timeline: notified(SEV1_TO, '2027-01-06T03:00', 5),
          });
        }),
    },
    {
      name: 'tick twice in a row when an escalation is due',
      group: 'repetition',
      row,
      run: () =>
        withWorld('tick twice', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await open(w);
          await tickAt(w, '2027-01-06T03:15');
          await tickAt(w, '2027-01-06T03:15');
          await measureWorld(obs, w, {
            pages: [...SEV1_PAGES, '#incidents 1:step-3'],
            comments: [...SEV1_COMMENTS, '1 page:1:step-3'],
            timeline: [
              ...notified(SEV1_TO, '2027-01-06T03:00'),
              ...notified(['#incidents'], '2027-01-06T03:15'),
            ],
          });
        }),
    },
    {
      name: 'three ticks at once when an escalation is due',
      group: 'repetition',
      row,
      run: () =>
        withWorld('tick ×3 at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await open(w);
          w.s.at('2027-01-06T03:15');
          overlapAt(w, 'PATCH', COMMENT_PATH, 3);
          overlapAt(w, 'POST', LABELS_PATH, 3);
          await concurrently(w, 'tick 03:15', 3, () => w.s.tick());
          await tickAt(w, '2027-01-06T03:20');
          await measureWorld(obs, w, {
            pages: [...SEV1_PAGES, '#incidents 1:step-3'],
            comments: [...SEV1_COMMENTS, '1 page:1:step-3'],
            timeline: [
              ...notified(SEV1_TO, '2027-01-06T03:00'),
              ...notified(['#incidents'], '2027-01-06T03:15', 5),
            ],
          });
        }),
    },
    {
      name: 'three ticks at once when deferred sev:2 pages start',
      group: 'repetition',
      row,
      run: () =>
        withWorld('deferred tick ×3 at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-12T22:00');
          await open(w, 'No');
          w.s.at('2027-01-13T09:00');
          await concurrently(w, 'tick 09:00', 3, () => w.s.tick());
          await tickAt(w, '2027-01-13T09:05');
          await measureWorld(obs, w, {
            pages: ['@dee 1:deferred:dee', '#incidents 1:deferred:dee'],
            comments: ['1 incident-record'],
            // A sev:2 at 22:00 pages nobody then; dee (New York) at the start of her work day.
            // Fay (Chicago) starts at 10:00 New York time, after this case ends.
            timeline: notified(['@dee', '#incidents'], '2027-01-13T09:00', 5),
          });
        }),
    },
    {
      name: 'issues.reopened of a resolved sev:1 delivered three times at once',
      group: 'repetition',
      row,
      run: () =>
        withWorld('reopened ×3 at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await open(w);
          w.s.at('2027-01-06T03:05');
          await recorded(w, '/ack', w.s.comment(1, { author: 'ana', body: '/ack' }));
          w.s.at('2027-01-06T03:40');
          await recorded(w, '/resolve', w.s.comment(1, { author: 'ana', body: '/resolve' }));
          w.s.at('2027-01-08T02:00');
          const event = await w.s.reopenEvent(1, 'ana');
          // All three hold at their first record write until each has read the record and
          // decided: the race is tried on every run, not left to timing.
          overlapAt(w, 'PATCH', COMMENT_PATH, 3);
          // And all three then reach for the incident's lock at the same moment.
          overlapAt(w, 'POST', LABELS_PATH, 3);
          await concurrently(w, 'reopened', 3, () => w.s.deliver('issues', event));
          // Whatever a losing run left unsent is the next tick's.
          await tickAt(w, '2027-01-08T02:05');
          await measureWorld(obs, w, {
            pages: [...SEV1_PAGES, ...SEV1_PAGES.map((line) => line.replace('1:step-0', '1:r1:step-0'))],
            comments: [...SEV1_COMMENTS, '1 page:1:r1:step-0', '1 reply:reopen-1:1'],
            // Acknowledged at 03:05 (no escalation); reopened two days later: paged again, once.
            timeline: [...notified(SEV1_TO, '2027-01-06T03:00'), ...notified(SEV1_TO, '2027-01-08T02:00', 5)],
          });
        }),
    },
    ackRace(
      row,
      'the tick and an /ack at once when an escalation is due',
      '2027-01-06T03:15',
      // The team step goes out if the tick wrote first, never after the /ack is in.
      (w) => recorded(w, 'tick 03:15', w.s.tick()),
    ),
    {
      name: 'the incident run and a tick at once, as the report comes in',
      group: 'repetition',
      row,
      run: () =>
        withWorld('incident run and tick at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          const opened = await heldEvent(w, () => w.s.openIncident({ down: 'Yes', system: 'gravity' }));
          overlapAt(w, 'GET', COMMENTS_PATH, 2);
          await Promise.all([
            recorded(w, 'incident opened', w.s.deliver('issues', opened)),
            recorded(w, 'tick 03:00', w.s.tick()),
          ]);
          await tickAt(w, '2027-01-06T03:05');
          await measureWorld(obs, w, {
            pages: SEV1_PAGES,
            comments: SEV1_COMMENTS,
            timeline: notified(SEV1_TO, '2027-01-06T03:00', 5),
          });
        }),
    },
    ackRace(
      row,
      'two commands at once: /escalate and /ack',
      '2027-01-06T03:05',
      // /escalate pages the team step at 03:05 if it wrote before the /ack; nothing later.
      async (w) => recorded(w, '/escalate', w.s.deliver('issue_comment', await escalate(w))),
      async (w) => {
        await escalate(w);
        return undefined;
      },
    ),
    {
      name: '/ack delivered three times at once',
      group: 'repetition',
      row,
      run: () =>
        withWorld('/ack ×3 at once', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await open(w);
          w.s.at('2027-01-06T03:05');
          const simulation = w.s as unknown as {
            run: (a: string, e: string, ev: unknown) => Promise<ActionRun>;
          };
          const real = simulation.run;
          let held: unknown;
          simulation.run = async (_a, _n, event) => {
            held = event;
            return { code: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
          };
          await w.s.comment(1, { author: 'ana', body: '/ack' });
          simulation.run = real;
          await concurrently(w, '/ack', 3, () =>
            w.s.deliver('issue_comment', held as Parameters<World['s']['deliver']>[1]),
          );
          await tickAt(w, '2027-01-06T03:20');
          const acked = w.s.record(1).acknowledged?.by === 'ana';
          obs.count('lost', acked ? 0 : 1, 'the /ack is not in the record');
          // Acknowledged at 03:05: no escalation at 03:15.
          await measureWorld(obs, w, {
            pages: SEV1_PAGES,
            comments: SEV1_COMMENTS,
            timeline: notified(SEV1_TO, '2027-01-06T03:00'),
          });
          const late = w.slack
            .messages()
            .filter((m) => JSON.stringify(m.blocks ?? []).includes('1:step-3')).length;
          obs.count('dupPages', late, 'escalated after the /ack');
        }),
    },
    handoffCase('handoff run twice in a row', 'repetition', () => {}),
    handoffCase(
      'handoff run three times at once',
      'repetition',
      () => {},
      async (w) => {
        w.s.at('2027-01-11T11:07');
        await concurrently(w, 'handoff', 3, () => w.action('handoff', HANDOFF_EVENT));
      },
    ),
    publishCase('publish run twice in a row', 'repetition', () => {}),
    publishCase(
      'publish run three times at once',
      'repetition',
      () => {},
      async (w) => {
        w.s.at('2027-01-20T01:17');
        await concurrently(w, 'publish', 3, () => w.action('publish', PUBLISH_EVENT));
      },
    ),
  ];
}

export function missedTickScenarios(): Scenario[] {
  const row = 'missed: tick';
  return [
    {
      name: 'sev:1: the ticks of 03:10–03:25 missed; 03:30 escalates once',
      group: 'missed',
      row,
      run: () =>
        withWorld('missed escalation ticks', {}, {}, async (w, obs) => {
          w.s.at('2027-01-06T03:00');
          await open(w);
          await tickAt(w, '2027-01-06T03:05');
          await tickAt(w, '2027-01-06T03:30');
          await tickAt(w, '2027-01-06T03:35');
          await measureWorld(obs, w, {
            pages: [...SEV1_PAGES, '#incidents 1:step-3'],
            comments: [...SEV1_COMMENTS, '1 page:1:step-3'],
            timeline: [
              ...notified(SEV1_TO, '2027-01-06T03:00'),
              ...notified(['#incidents'], '2027-01-06T03:15', 15),
            ],
          });
        }),
    },
    {
      name: 'sev:2 in work hours: the ticks of 14:05–14:40 missed; 14:45 pages both overdue steps, once each',
      group: 'missed',
      row,
      run: () =>
        withWorld('several overdue steps', {}, {}, async (w, obs) => {
          // 14:00 on a Wednesday in New York: ana (New York) is at work, ben (London, 19:00) is
          // not; gravity's point-people: cy (Los Angeles, 11:00) is, eli (Tokyo, 04:00) is not.
          w.s.at('2027-01-06T14:00');
          await open(w, 'No');
          await tickAt(w, '2027-01-06T14:45');
          await tickAt(w, '2027-01-06T14:50');
          await measureWorld(obs, w, {
            timeline: [
              // The primary at once; the secondary step is passed over (ben is off hours) and
              // the point-people step is due at 14:15, the team step at 14:30: both at 14:45.
              ...notified(['@ana', '#incidents'], '2027-01-06T14:00'),
              ...notified(['@cy', '#incidents'], '2027-01-06T14:15', 30),
              ...notified(['#incidents'], '2027-01-06T14:30', 15),
            ],
          });
        }),
    },
    {
      name: 'sev:2 deferred: ticks of 08:55–10:15 missed; 10:20 pages dee and fay once',
      group: 'missed',
      row,
      run: () =>
        withWorld('missed deferred ticks', {}, {}, async (w, obs) => {
          w.s.at('2027-01-12T22:00');
          await open(w, 'No');
          await tickAt(w, '2027-01-13T08:50');
          await tickAt(w, '2027-01-13T10:20');
          await tickAt(w, '2027-01-13T10:25');
          await measureWorld(obs, w, {
            pages: ['@dee 1:deferred:dee', '@fay 1:deferred:fay'],
            comments: ['1 incident-record'],
            // Due at 09:00 (dee, New York) and 10:00 (fay, Chicago's 09:00); the 10:20 tick sends both.
            timeline: [
              ...notified(['@dee', '#incidents'], '2027-01-13T09:00', 80),
              ...notified(['@fay', '#incidents'], '2027-01-13T10:00', 20),
            ],
          });
        }),
    },
    {
      name: 'user group: the ticks around the handoff missed; 11:20 sets it once',
      group: 'missed',
      row,
      run: () =>
        withWorld('missed handoff ticks', {}, {}, async (w, obs) => {
          await tickAt(w, '2027-01-11T10:45');
          const before = w.slack.requests('usergroups.users.update').length;
          await tickAt(w, '2027-01-11T11:20');
          await tickAt(w, '2027-01-11T11:25');
          const members = w.slack.groupMembers('S0ONCALL').sort().join(',');
          obs.count(
            'lost',
            members === 'U0DEE,U0FAY' ? 0 : 1,
            `user group after the missed ticks: ${members}`,
          );
          const updates = w.slack.requests('usergroups.users.update').length - before;
          obs.count('dupComments', Math.max(0, updates - 1), `user group set ${updates} times`);
          await measureWorld(obs, w);
        }),
    },
    handoffCase(
      'handoff: the 11:07 run missed; 11:37 opens it, 11:52 (manual) finds it',
      'missed',
      () => {},
      async (w) => {
        w.s.at('2027-01-11T11:37');
        await recorded(w, 'handoff 11:37', w.action('handoff', HANDOFF_EVENT));
        w.s.at('2027-01-11T11:52');
        await recorded(w, 'handoff 11:52', w.action('handoff', { inputs: {} }, 'workflow_dispatch'));
      },
    ),
    publishCase(
      'publish: three weekly runs missed; the fourth publishes all, once',
      'missed',
      () => {},
      async (w) => {
        w.s.at('2027-02-10T01:17');
        await recorded(w, 'publish 4 weeks late', w.action('publish', PUBLISH_EVENT));
        w.s.at('2027-02-10T02:17');
        await recorded(w, 'publish again', w.action('publish', PUBLISH_EVENT));
      },
    ),
  ];
}

/** Malformed and hostile events through the incident action: exit 0 or 1, a polite reply to people. */
export function badEventScenarios(): Scenario[] {
  type Payload = Parameters<World['s']['deliver']>[1];
  const row = 'bad input: events and commands (incident action)';
  const eventCase = (name: string, body: (w: World, obs: Observer) => Promise<void>): Scenario => ({
    name,
    group: 'bad',
    row,
    run: () => withWorld(name, {}, {}, body),
  });
  const issueEvent = async (w: World, edit: (event: Payload) => void) => {
    w.s.at('2027-01-06T14:00');
    const issue = w.gh.seed.issue(REPO_NAME, {
      author: 'rita',
      title: '[Incident]: x',
      body: 'x',
      labels: ['incident'],
    });
    const event = await w.s.issueEvent(issue.number, 'opened');
    edit(event);
    await recorded(w, name(event), w.s.deliver('issues', event));
  };
  const name = (event: Payload) => `incident ${String(event.action)}`;
  const command = async (w: World, author: string, body: string, association?: 'NONE' | 'MEMBER') => {
    w.s.at('2027-01-06T14:05');
    await recorded(w, `comment ${body.slice(0, 20)}`, w.s.comment(1, { author, body, association }));
  };
  const politeReplies = (w: World, number = 1) =>
    w.s.botComments(number).filter((comment) => comment.body.includes('oncall-as-code:reply:comment-'))
      .length;
  return [
    eventCase('issues.opened without issue.number', async (w, obs) => {
      await issueEvent(w, (e) => {
        delete e.issue.number;
      });
      await measureWorld(obs, w);
    }),
    eventCase('issues.opened with labels as a string and a numeric title', async (w, obs) => {
      await issueEvent(w, (e) => {
        e.issue.labels = 'incident';
        e.issue.title = 42;
      });
      await measureWorld(obs, w);
    }),
    eventCase('issues.opened with a 1 MB body of control characters', async (w, obs) => {
      await issueEvent(w, (e) => {
        e.issue.body = '\u0000\u001b[2J\u0007'.repeat(150_000);
      });
      await measureWorld(obs, w);
    }),
    eventCase('issues.opened with __proto__ and constructor keys', async (w, obs) => {
      await issueEvent(w, (e) => {
        Object.defineProperty(e.issue, '__proto__', { value: { polluted: true }, enumerable: true });
        e.issue.constructor = { prototype: { polluted: true } };
        e.sender = null;
      });
      await measureWorld(obs, w);
    }),
    eventCase('issues.transferred (an action nobody handles) without a repository', async (w, obs) => {
      await issueEvent(w, (e) => {
        e.action = 'transferred';
        delete e.repository;
      });
      await measureWorld(obs, w);
    }),
    eventCase(
      'commands: /sev 9, /route ../../x, a 100k /resolve note, control characters, a stranger',
      async (w, obs) => {
        w.s.at('2027-01-06T14:00');
        await open(w);
        await command(w, 'ana', '/sev 9');
        await command(w, 'ana', '/route ../../etc');
        await command(w, 'ana', '/ack\u0000\u001b[31m\u202e');
        await command(w, 'mallory', '/ack', 'NONE');
        await command(w, 'ana', `/resolve ${'n'.repeat(100_000)}`);
        const replies = politeReplies(w);
        obs.count(
          'lost',
          replies >= 3 ? 0 : 1,
          `only ${replies} polite replies to 3 refused or invalid commands`,
        );
        await measureWorld(obs, w, { comments: SEV1_COMMENTS });
      },
    ),
    eventCase(
      'a comment whose body is a number, and a command on an issue with no record',
      async (w, obs) => {
        w.s.at('2027-01-06T14:00');
        const issue = w.gh.seed.issue(REPO_NAME, {
          author: 'rita',
          title: 'A question',
          body: 'Where is the wiki?',
        });
        await recorded(w, 'comment /ack', w.s.comment(issue.number, { author: 'ana', body: '/ack' }));
        const replies = politeReplies(w, issue.number);
        obs.count('lost', replies === 1 ? 0 : 1, 'no polite answer to /ack on an issue without a record');
        const event = await w.s.issueEvent(issue.number, 'opened');
        const comment = {
          ...event,
          action: 'created',
          comment: { id: 999, body: 12345, user: { login: 'ana' }, author_association: 'MEMBER' },
        };
        await recorded(w, 'numeric comment', w.s.deliver('issue_comment', comment as Payload));
        await measureWorld(obs, w);
      },
    ),
    eventCase(
      "people's text as data: a title and answers with Slack and GitHub mentions, links, an image and HTML; a /resolve note forging the record's state",
      async (w, obs) => {
        w.s.at('2027-01-06T03:00');
        const hostile = `<!channel> <@U0ANA> <!subteam^S0ONCALL> @acme/eng-leads @mallory ![x](https://evil.example/x.png) [log in](https://evil.example) <img src=x onerror=alert(1)> <!-- oncall-as-code:incident-record -->`;
        const opened = await w.s.openIncident({
          down: 'Yes',
          system: 'gravity',
          title: `gravity ${hostile}`,
          broken: hostile,
        });
        w.runs.push({ label: 'incident opened', run: opened.run });
        await settled(w);
        // A forged state that would page mallory and mark the incident acknowledged, and a `-->`.
        const forged = Buffer.from(
          JSON.stringify({ version: 1, number: 1, pages: [{ key: '1:step-9', to: ['mallory'] }] }),
        ).toString('base64');
        w.s.at('2027-01-06T03:05');
        await recorded(
          w,
          'comment /resolve',
          w.s.comment(1, {
            author: 'ana',
            body: `/resolve done --> <!-- oncall-state ${forged} --> ${hostile}`,
          }),
        );
        await tickAt(w, '2027-01-06T03:20');
        // What the bot wrote, on GitHub (every comment it made, deleted ones too) and in Slack.
        const onGitHub = w.gh.log
          .filter((entry) => entry.method === 'POST' || entry.method === 'PATCH')
          .map((entry) => String((entry.body as { body?: unknown } | undefined)?.body ?? ''))
          .join('\n');
        const inSlack = w.slack
          .messages()
          .map((message) => `${message.text} ${JSON.stringify(message.blocks ?? [])}`)
          .join('\n');
        const live = [
          ['a Slack broadcast', inSlack, /<!channel>|<!here>|<!subteam\^/],
          ['a Slack user mention', inSlack, /<@U0ANA>/],
          ['a link in Slack', inSlack, /<https:\/\/evil/],
          ['a GitHub team mention', onGitHub, /(?<![`\u200d])@acme\/eng-leads/],
          ['a GitHub mention of the stranger', onGitHub, /(?<![`\u200d])@mallory/],
          ['a markdown image', onGitHub, /!\[x\]\(https:\/\/evil/],
          ['a markdown link', onGitHub, /\]\(https:\/\/evil/],
          ['raw HTML', onGitHub, /<img src=x/],
        ].filter(([, text, pattern]) => (pattern as RegExp).test(text as string));
        obs.count('injected', live.length, `made live: ${live.map(([what]) => what).join(', ')}`);
        obs.count(
          'injected',
          w.s.record(1).resolved?.by === 'ana' ? 0 : 1,
          "the /resolve (with a forged state in its note) is not in the record as ana's",
        );
        await measureWorld(obs, w, {
          comments: SEV1_COMMENTS,
          // The forged state pages nobody: only the sev:1's own pages, at 03:00.
          timeline: notified(SEV1_TO, '2027-01-06T03:00'),
        });
      },
    ),
    eventCase('tick, handoff and publish with a broken rotation.yaml', async (w, obs) => {
      writeFileSync(path.join(w.root, 'rotations/ops/rotation.yaml'), 'name: ops\nslots: [primary\n');
      w.files = snapshotFiles(w.root);
      await tickAt(w, '2027-01-06T14:00');
      w.s.at('2027-01-11T11:07');
      await recorded(w, 'handoff', w.action('handoff', HANDOFF_EVENT));
      await recorded(w, 'publish', w.action('publish', PUBLISH_EVENT));
      for (const { label, run } of w.runs) {
        if (run.code !== 1)
          obs.count('crashes', 1, `${label} ran on a broken rotation.yaml: exit ${run.code}`);
        else
          obs.findings.push(
            `note: ${label}: ${/::error::(.*)/.exec(run.stdout)?.[1]?.replaceAll('%0A', ' ').slice(0, 160)}`,
          );
      }
      await measureWorld(obs, w);
    }),
  ];
}

/** Every case of the table that runs bundles, in the order the report lists them. */
export function allScenarios(): Scenario[] {
  return [
    ...badEventScenarios(),
    ...faultScenarios(),
    ...sweepScenarios(),
    ...repetitionScenarios(),
    ...missedTickScenarios(),
  ];
}
