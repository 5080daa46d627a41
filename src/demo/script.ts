/**
 * The demo's script: a fortnight of the example's engineering rotation (America/New_York, two
 * people on call, handoff Monday 11:00), step by step. Each step moves the clock, does what a
 * person or a scheduled workflow would do, and checks what it expects the system to have done
 * (the demo checks itself). What it saw goes to the story, chapter by chapter.
 *
 *   Mon 30 Nov  publish ahead; the 11:00 handoff reaches Slack; sam asks priya for a trade
 *   Tue 1 Dec   a bug, routed to its team's backlog and explained
 *   Wed 2 Dec   a sev:2 at 22:00, deferred to the on-call pair's morning; paged at 09:00
 *   Fri 4 Dec   a sev:1 at 03:00: paged, escalated, acknowledged, resolved; the playbook improved
 *   Mon 7 Dec   the 11:00 handoff: Slack follows, the handoff issue; then calendars and the report
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { CliIo } from '../cli/cli-io.js';
import { calendarCommand } from '../cli/commands/calendar.js';
import { reportCommand } from '../cli/commands/report.js';
import { siteCommand } from '../cli/commands/site.js';
import { minutesBetween } from '../core/incident/record.js';
import { commandMessages, infoLines } from './action-process.js';
import { fileReport } from './intake-forms.js';
import { DEMO_REPO, type DemoWorld } from './world.js';

export const SCHEDULE_FILE = 'rotations/engineering/schedule.yaml';
/** The script starts on this Monday, before the 11:00 handoff, in the rotation's zone. */
export const SCRIPT_START = '2026-11-30T09:00';
/** The demo's copy keeps the published shifts up to this one, so the weekly publish has weeks to add. */
export const PUBLISHED_THROUGH = '2027-01-25';
/** The fortnight the report covers: the shifts starting on these dates. */
export const FORTNIGHT = { from: '2026-11-30', to: '2026-12-07' } as const;
/** The Monday handoff in the middle of the fortnight. */
const NEXT_HANDOFF = FORTNIGHT.to;

export type Chapter =
  | 'publish'
  | 'week'
  | 'trade'
  | 'cover'
  | 'bug'
  | 'sev2'
  | 'sev1'
  | 'reminders'
  | 'handoff'
  | 'feeds';

export interface Check {
  ok: boolean;
  what: string;
  detail?: string;
}

export interface StepResult {
  /** The progress line, after the step's number and time. */
  line: string;
  checks: Check[];
  /** Markdown paragraphs for the step's chapter of the story. */
  story: string[];
}

/** What steps hand on to later steps, the story and the artifacts. */
export interface ScriptState {
  outDir: string;
  publishPull?: number;
  tradePull?: number;
  /** The checkout of the trade pull request's head. */
  tradeHead?: string;
  /** The trade check's PR comment as it read after each run (one comment, updated in place). */
  tradeComments: { when: string; body: string }[];
  bug?: number;
  sev2?: number;
  sev1?: number;
  handoffIssue?: number;
  calendarFiles: string[];
  reportFile?: string;
  cover?: { issue: number; requester: string; taker?: string };
  siteFile?: string;
  /** Why the handoff cannot list the playbooks changed (no git), when it cannot. */
  playbookHistory?: string;
}

export interface Step {
  /** Wall-clock time in the rotation's zone. */
  at: string;
  chapter: Chapter;
  /** A few words for the JSON output. */
  title: string;
  run(world: DemoWorld, state: ScriptState): Promise<StepResult>;
}

/** The trade: sam gives priya the week of Christmas and takes priya's first week of January. */
const TRADE = { author: 'sam', other: 'priya', authorWeek: '2026-12-21', otherWeek: '2027-01-04' };
/** The shift whose primary asks for cover. */
const COVER_SHIFT = '2027-01-11';

/** Keeps the published schedule of the copy through PUBLISHED_THROUGH (the script's starting state). */
export function prepareCheckout(root: string): void {
  const file = path.join(root, SCHEDULE_FILE);
  const kept = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => {
      const start = /^\s*-\s*\{\s*start:\s*(\d{4}-\d{2}-\d{2})/.exec(line)?.[1];
      return start === undefined || start <= PUBLISHED_THROUGH;
    });
  writeFileSync(file, kept.join('\n'));
}

export const STEPS: readonly Step[] = [
  {
    at: SCRIPT_START,
    chapter: 'publish',
    title: 'publish ahead',
    async run(world, state) {
      const event = await world.webhooks.schedule('17 14 * * 1', '.github/workflows/publish.yml');
      const run = await world.action('publish', 'schedule', event, {}, { GITHUB_REF: 'refs/heads/main' });
      const checks = [ran(run, 0, 'publish')];
      const number = Number(run.outputs['pull-request']);
      if (!number) return failed('publish: no pull request', checks, run);
      state.publishPull = number;
      const repo = world.repoRecord;
      const pull = world.gh.store.pull(repo, number);
      const added = newShifts(world, pull.pull.head.ref);
      const statuses = world.gh.store.statusesOf(repo, pull.pull.head.sha);
      const status = statuses.find((entry) => entry.context === 'validate-pr');
      checks.push(
        check(added.length > 0, 'the publish pull request adds shifts', `${added.length} added`),
        check(status?.state === 'success', 'its validate-pr status is success', status?.state ?? 'no status'),
        check(/no approval is needed/i.test(pull.body ?? ''), 'it says no approval is needed to publish'),
      );
      const through = run.outputs.through ?? '?';
      await world.merge(number, 'alice');
      checks.push(
        check(
          added.every((shift) => world.checkout.read(SCHEDULE_FILE).includes(`start: ${shift.start}`)),
          'merged: the checkout has the new shifts',
        ),
      );
      const weeks = added.map((shift) => `${shift.start} (${shift.people.join(', ')})`);
      return {
        line: `publish → PR #${number} "${pull.title}": ${added.length} new shifts, check ${status?.state ?? 'missing'} → merged by alice`,
        checks,
        story: [
          `The weekly **publish** run keeps every rotation published \`publish_weeks_ahead\` (${world.source.rotation.publish_weeks_ahead}) weeks ahead. The demo's copy of the schedule stops at the week of ${PUBLISHED_THROUGH}, so the run ran the fair generator and opened **PR #${number}** "${pull.title}" with ${added.length} new shift(s): ${weeks.join('; ')}.`,
          `The pull request mentions everyone newly scheduled; publishing new weeks needs nobody's approval, and since a pull request opened with the workflow token starts no workflow, the action set the \`validate-pr\` status on it itself: **${status?.state ?? 'missing'}** ("${status?.description ?? ''}"). alice merged it. Published through ${through}.`,
        ],
      };
    },
  },
  {
    at: '2026-11-30T11:00',
    chapter: 'week',
    title: 'tick at the Monday handoff',
    async run(world) {
      const before = world.groupMembers();
      const run = await tick(world);
      return slackFollows(world, run, before, 'the handoff');
    },
  },
  {
    at: '2026-11-30T14:00',
    chapter: 'trade',
    title: 'a trade pull request, refused',
    async run(world, state) {
      const base = world.checkout.read(SCHEDULE_FILE);
      const head = swapWeeks(base, TRADE);
      const branch = `${TRADE.author}/trade-${TRADE.authorWeek}`;
      world.gh.seed.files(
        DEMO_REPO,
        { [SCHEDULE_FILE]: head },
        { branch, message: `Trade: ${TRADE.other} takes ${TRADE.authorWeek}`, author: TRADE.author },
      );
      const pull = world.gh.seed.pull(DEMO_REPO, {
        title: `Trade: ${TRADE.other} takes my week of ${TRADE.authorWeek}, I take ${TRADE.otherWeek}`,
        head: branch,
        author: TRADE.author,
        body: `Family visiting over Christmas; @${TRADE.other} kindly offered to swap.`,
      });
      state.tradePull = pull.number;
      const headDir = world.checkout.copyWith(`pull-${pull.number}-head`, { [SCHEDULE_FILE]: head });
      state.tradeHead = headDir;
      const event = await world.webhooks.pullRequest('opened', pull.number);
      const run = await world.action('validate-pr', 'pull_request', event, {
        'base-root': world.checkout.root,
        'head-root': headDir,
      });
      const comments = world.botComments(pull.number, 'trade-check');
      const headline = run.outputs.summary ?? '';
      state.tradeComments.push({ when: `after ${TRADE.author} opened it`, body: comments[0]?.body ?? '' });
      const checks = [
        ran(run, 1, 'validate-pr (a failing check)'),
        check(run.outputs.ok === 'false', 'the check refuses the trade', `ok=${run.outputs.ok}`),
        check(
          headline.includes(`@${TRADE.other}`),
          `it names @${TRADE.other} as the one who must approve`,
          headline,
        ),
        check(comments.length === 1, 'one comment on the pull request', `${comments.length} comments`),
      ];
      const change =
        changeLine(run.summary) ?? `${TRADE.other} takes ${TRADE.authorWeek} from ${TRADE.author}`;
      return {
        line: `trade PR #${pull.number} by ${TRADE.author} (${change}) → refused: ${headline}`,
        checks,
        story: [
          `${TRADE.author} has family visiting over Christmas and ${TRADE.other} offered to swap. ${TRADE.author} opened **PR #${pull.number}**, editing \`${SCHEDULE_FILE}\`. The \`validate-pr\` check read it as people see it: *${change}*. It failed: **${headline}**. ${annotationNote(run.stdout, headline)}`,
        ],
      };
    },
  },
  {
    at: '2026-11-30T16:00',
    chapter: 'trade',
    title: 'the trade approved and merged',
    async run(world, state) {
      const number = state.tradePull as number;
      const review = world.gh.seed.review(DEMO_REPO, number, {
        author: TRADE.other,
        event: 'APPROVE',
        body: 'Happy to take Christmas week.',
      });
      const headDir = state.tradeHead as string;
      const event = await world.webhooks.pullRequestReview(number, review.id);
      const run = await world.action('validate-pr', 'pull_request_review', event, {
        'base-root': world.checkout.root,
        'head-root': headDir,
      });
      const comments = world.botComments(number, 'trade-check');
      state.tradeComments.push({ when: `after ${TRADE.other} approved`, body: comments[0]?.body ?? '' });
      const checks = [
        ran(run, 0, 'validate-pr'),
        check(run.outputs.ok === 'true', 'the check passes after the approval', `ok=${run.outputs.ok}`),
        check(comments.length === 1, 'still one comment, updated in place', `${comments.length} comments`),
      ];
      await world.merge(number, TRADE.author);
      const traded = world.onCallAt(weekStart(world, TRADE.authorWeek)).map((entry) => entry.github);
      checks.push(
        check(
          traded.includes(TRADE.other),
          `merged: ${TRADE.other} is on call in the week of ${TRADE.authorWeek}`,
        ),
      );
      return {
        line: `${TRADE.other} approves PR #${number} → check passed (${run.outputs.summary ?? ''}); the same comment updated → merged`,
        checks,
        story: [
          `${TRADE.other} approved. The review re-ran the check, which now passed (**${run.outputs.summary ?? ''}**); its comment on the pull request was updated in place, not repeated. ${TRADE.author} merged it: the week of ${TRADE.authorWeek} is now ${traded.join(' and ')}'s.`,
        ],
      };
    },
  },
  {
    at: '2026-12-01T09:30',
    chapter: 'cover',
    title: 'a cover request',
    async run(world, state) {
      const shift = COVER_SHIFT;
      const requester = world.onCallAt(weekStart(world, shift))[0]?.github ?? '?';
      const report = fileReport(world.checkout.root, 'cover-request', `my shift of ${shift}`, {
        shift,
        why: 'A conference talk that week.',
      });
      const issue = world.gh.seed.issue(DEMO_REPO, { author: requester, ...report });
      state.cover = { issue: issue.number, requester };
      const run = await world.action('cover', 'issues', await world.webhooks.issues('opened', issue.number));
      const answer = world.botComments(issue.number, 'cover-candidates')[0]?.body ?? '';
      const fairest = (/Fairest first[^:]*: (.*)\./.exec(answer)?.[1] ?? '')
        .split(', ')
        .map((login) => login.replace(/^@/, ''))
        .filter(Boolean);
      state.cover.taker = fairest[0];
      return {
        line: `${requester} asks for cover of the shift of ${shift} (#${issue.number}) → the fairest free teammates: ${fairest.slice(0, 3).join(', ')}…`,
        checks: [
          ran(run, 0, 'cover'),
          check(fairest.length > 0, 'the bot answers with candidates, fairest first', answer.slice(0, 200)),
          check(!fairest.includes(requester), 'the requester is not a candidate'),
        ],
        story: [
          `${requester}, on call in the week of ${shift}, has a conference talk then and opened **#${issue.number}** with the cover request form. The cover workflow answered with the teammates free for the whole shift, fairest first (by load, availability and the rotation's rules), and mentioned them:`,
          quote(answer, 10),
        ],
      };
    },
  },
  {
    at: '2026-12-01T10:05',
    chapter: 'cover',
    title: 'the cover taken',
    async run(world, state) {
      const cover = state.cover;
      const taker = cover?.taker;
      if (!cover || !taker) {
        return {
          line: 'no candidate to take the cover',
          checks: [check(false, 'a candidate exists')],
          story: [],
        };
      }
      const comment = world.gh.seed.comment(DEMO_REPO, cover.issue, { author: taker, body: '/take' });
      const run = await world.action(
        'cover',
        'issue_comment',
        await world.webhooks.issueComment(cover.issue, comment.id),
      );
      const number = Number(run.outputs['pull-request']);
      const pull = Number.isInteger(number) && number > 0 ? world.issue(number) : undefined;
      const body = pull?.body ?? '';
      const checks = [
        ran(run, 0, 'cover'),
        check(pull !== undefined, 'the bot opens the override pull request', JSON.stringify(run.outputs)),
        check(body.includes(`@${cover.requester} asked for cover`), 'the requester’s consent is recorded'),
        check(body.includes(`@${taker} took it with \`/take\``), 'the taker’s consent is recorded'),
      ];
      if (pull) {
        await world.merge(pull.number, cover.requester);
        const covering = world.onCallAt(weekStart(world, COVER_SHIFT)).map((entry) => entry.github);
        checks.push(check(covering.includes(taker), `merged: ${taker} covers the week of ${COVER_SHIFT}`));
      }
      return {
        line: `${taker} comments /take → override PR #${pull?.number ?? '?'} with both consents → merged`,
        checks,
        story: [
          `${taker} commented \`/take\`. The bot opened **PR #${pull?.number ?? '?'}**, which adds the override to \`${SCHEDULE_FILE}\`, with both consents recorded (the request, and the command) and the \`validate-pr\` status set, since a pull request made with the workflow token starts no workflow. ${cover.requester} merged it: ${taker} now covers the week of ${COVER_SHIFT}.`,
        ],
      };
    },
  },
  {
    at: '2026-12-01T10:30',
    chapter: 'bug',
    title: 'a bug, routed',
    async run(world, state) {
      const report = fileReport(world.checkout.root, 'bug', 'The privacy link in the footer leads to a 404', {
        wrong: 'The "Privacy" link in the footer of every page leads to a 404 page.',
        reproduce: 'Open https://www.example.com, scroll down, click "Privacy".',
        system: 'force',
      });
      const issue = world.gh.seed.issue(DEMO_REPO, { author: 'dmitri', ...report });
      state.bug = issue.number;
      const run = await world.action(
        'incident',
        'issues',
        await world.webhooks.issues('opened', issue.number),
      );
      const team = world.teamOf('force') ?? '?';
      const labels = world.labels(issue.number);
      const reply = world.botComments(issue.number, 'reply:')[0]?.body ?? '';
      const checks = [
        ran(run, 0, 'incident'),
        check(
          labels.includes(`team:${team}`),
          `labelled team:${team} (the playbook's team)`,
          labels.join(', '),
        ),
        check(world.slackSinceStep().length === 0, 'nobody is paged for a bug', slackList(world)),
        check(world.botComments(issue.number, 'page:').length === 0, 'no page on the issue'),
        check(/nobody is paged/i.test(reply), 'the reply tells the reporter why nobody is paged'),
      ];
      return {
        line: `bug #${issue.number} (force) from dmitri → routed to ${team}'s backlog, nobody paged; the reply says why`,
        checks,
        story: [
          `dmitri, who is not on the rotation, filed **#${issue.number}** "${report.title}" with the bug form. The incident workflow triaged it: a bug on \`force\`, whose playbook belongs to **${team}**, so it went to that team's backlog (labels ${labels.map((label) => `\`${label}\``).join(', ')}) and nobody was paged. The reply explains the decision kindly:`,
          quote(reply, 12),
        ],
      };
    },
  },
  {
    at: '2026-12-02T22:00',
    chapter: 'sev2',
    title: 'a sev:2 at night, deferred',
    async run(world, state) {
      const report = fileReport(
        world.checkout.root,
        'incident',
        'Live auction bids show up 30 seconds late',
        {
          broken: 'Bids placed in the live auction room appear about 30 seconds late since 21:40.',
          affected: 'Bidders in tonight’s Tokyo sale.',
          down: 'No',
          system: 'causality',
        },
      );
      const issue = world.gh.seed.issue(DEMO_REPO, { author: 'olivia', ...report });
      state.sev2 = issue.number;
      const run = await world.action(
        'incident',
        'issues',
        await world.webhooks.issues('opened', issue.number),
      );
      const record = world.record(issue.number);
      const pair = world.onCallAt(world.now).map((entry) => entry.github);
      const deferred = record?.deferred ?? [];
      const labels = world.labels(issue.number);
      const checks = [
        ran(run, 0, 'incident'),
        check(labels.includes('sev:2'), 'triaged as sev:2', labels.join(', ')),
        check(world.slackSinceStep().length === 0, 'nobody is paged at 22:00', slackList(world)),
        check(
          sameSet(
            deferred.map((entry) => entry.github),
            pair,
          ),
          `the pages of ${pair.join(' and ')} are deferred`,
          deferred.map((entry) => entry.github).join(', '),
        ),
        check(
          deferred.every((entry) => world.local(entry.at).toFormat('HH:mm') === '09:00'),
          'to the start of their work hours, 09:00',
          deferred.map((entry) => world.local(entry.at).toFormat('ccc HH:mm')).join(', '),
        ),
      ];
      const when = unique(deferred.map((entry) => world.local(entry.at).toFormat('HH:mm'))).join(', ');
      const reply = world.botComments(issue.number, 'reply:')[0]?.body ?? '';
      return {
        line: `sev:2 #${issue.number} reported at night → deferred to ${when} (${deferred.map((entry) => entry.github).join(', ')})`,
        checks,
        story: [
          `At 22:00 on Wednesday olivia reported **#${issue.number}** "${report.title}": not down for users, so **sev:2**. A sev:2 pages the on-call people who are inside their work hours now; ${pair.join(' and ')} were not, so each page was deferred to the start of their next work hours (${deferred.map((entry) => `${entry.github} at ${world.local(entry.at).toFormat('ccc HH:mm')}`).join(', ')}), unless someone acknowledges first. The reply says so:`,
          quote(reply, 10),
        ],
      };
    },
  },
  {
    at: '2026-12-03T09:00',
    chapter: 'sev2',
    title: 'the morning tick pages the deferred sev:2',
    async run(world, state) {
      const number = state.sev2 as number;
      const expected = (world.record(number)?.deferred ?? []).map((entry) => entry.github);
      const run = await tick(world);
      const dms = world.slackSinceStep().filter((message) => message.dm);
      const checks = [
        ran(run, 0, 'tick'),
        check(
          sameSet(
            dms.map((message) => message.dm as string),
            expected,
          ),
          `a Slack DM to each of ${expected.join(', ')}`,
          slackList(world),
        ),
        check(world.labels(number).includes('status:paged'), 'the issue is labelled status:paged'),
      ];
      return {
        line: `tick at 09:00 → sev:2 #${number} paged ${dms.map((message) => message.dm).join(', ')} (their work hours began)`,
        checks,
        story: [
          `The tick runs every 5 minutes. At 09:00 on Thursday their work hours began, and it sent the deferred pages: a Slack DM to ${dms.map((message) => message.dm).join(' and ')}, a post in #incidents, and an @-mention on the issue (GitHub first, so a page gets through even when Slack is down).`,
        ],
      };
    },
  },
  {
    at: '2026-12-03T09:07',
    chapter: 'sev2',
    title: 'the sev:2 acknowledged',
    async run(world, state) {
      const number = state.sev2 as number;
      const run = await world.comment(number, 'kate', '/ack');
      const record = world.record(number);
      const checks = [
        ran(run, 0, 'incident'),
        check(record?.acknowledged?.by === 'kate', 'the record says kate acknowledged it'),
        check(world.slackSinceStep().length === 0, 'an /ack pages nobody', slackList(world)),
      ];
      const tta = record?.acknowledged ? minutesBetween(record.openedAt, record.acknowledged.at) : undefined;
      return {
        line: `kate comments /ack on #${number} → acknowledged (${duration(tta)} after the report); it stays open`,
        checks,
        story: [
          `kate acknowledged with \`/ack\` at 09:07 and started on it. The incident stays open, so the Monday handoff will carry it over.`,
        ],
      };
    },
  },
  {
    at: '2026-12-04T03:00',
    chapter: 'sev1',
    title: 'a sev:1 at night, paged',
    async run(world, state) {
      const report = fileReport(world.checkout.root, 'incident', 'Gravity answers 503 to every request', {
        broken:
          'Every call to the core API answers 503 since 02:55. The website shows "Something went wrong".',
        affected: 'Everyone: the website and the apps.',
        down: 'Yes',
        system: 'gravity',
      });
      const issue = world.gh.seed.issue(DEMO_REPO, { author: 'wen', ...report });
      state.sev1 = issue.number;
      const run = await world.action(
        'incident',
        'issues',
        await world.webhooks.issues('opened', issue.number),
      );
      const pair = world.onCallAt(world.now).map((entry) => entry.github);
      const pointPeople = world.pointPeople('gravity');
      const expected = unique([...pair, ...pointPeople]);
      const messages = world.slackSinceStep();
      const dms = messages.filter((message) => message.dm).map((message) => message.dm as string);
      const labels = world.labels(issue.number);
      const checks = [
        ran(run, 0, 'incident'),
        check(labels.includes('sev:1'), 'triaged as sev:1', labels.join(', ')),
        check(sameSet(dms, expected), `a Slack DM to each of ${expected.join(', ')}`, slackList(world)),
        check(
          messages.some((message) => message.to === '#incidents'),
          'a post in #incidents',
          slackList(world),
        ),
        check(
          sameSet(
            world.issue(issue.number).assignees.map((user) => user.login),
            pair,
          ),
          `assigned to ${pair.join(' and ')}`,
        ),
      ];
      return {
        line: `sev:1 #${issue.number} (gravity down) at 03:00 → paged ${pair.join(', ')} and the point-people ${pointPeople.join(', ')}`,
        checks,
        story: [
          `At 03:00 on Friday wen reported **#${issue.number}** "${report.title}", down for users: **sev:1**, which pages both on-call people at any hour plus the system's point-people. ${expected.join(', ')} each got a Slack DM within the run, #incidents got a post, the issue an @-mention, and ${pair.join(' and ')} were assigned.`,
        ],
      };
    },
  },
  {
    at: '2026-12-04T03:15',
    chapter: 'sev1',
    title: 'unacknowledged: escalated',
    async run(world, state) {
      const number = state.sev1 as number;
      const run = await tick(world);
      const record = world.record(number);
      const last = record?.pages.at(-1);
      const messages = world.slackSinceStep();
      const checks = [
        ran(run, 0, 'tick'),
        check(
          (record?.pages.length ?? 0) >= 2,
          'a second page: the next escalation step',
          `${record?.pages.length ?? 0} pages`,
        ),
        check(world.labels(number).includes('status:escalated'), 'labelled status:escalated'),
        check(messages.length > 0, 'Slack was told', slackList(world)),
      ];
      const target = last?.team ? `@${DEMO_REPO.split('/')[0]}/${last.team}` : (last?.to ?? []).join(', ');
      return {
        line: `tick at 03:15, nobody acknowledged → escalated to ${target} (${messages.map((message) => message.to).join(', ')})`,
        checks,
        story: [
          `Nobody acknowledged within \`ack_minutes\` (15). The 03:15 tick escalated along \`escalation.steps\`: the secondary and the point-people had been paged already, so the next step was **${target}**: ${last?.reason ?? ''}.`,
        ],
      };
    },
  },
  {
    at: '2026-12-04T03:21',
    chapter: 'sev1',
    title: 'the sev:1 acknowledged',
    async run(world, state) {
      const number = state.sev1 as number;
      const run = await world.comment(number, 'hiro', '/ack');
      const record = world.record(number);
      const checks = [
        ran(run, 0, 'incident'),
        check(record?.acknowledged?.by === 'hiro', 'the record says hiro acknowledged it'),
        check(world.labels(number).includes('status:acknowledged'), 'labelled status:acknowledged'),
      ];
      const tta = record?.acknowledged ? minutesBetween(record.openedAt, record.acknowledged.at) : undefined;
      return {
        line: `hiro comments /ack on #${number} → acknowledged after ${duration(tta)}; escalation stops`,
        checks,
        story: [`hiro acknowledged at 03:21 with \`/ack\`: escalation stopped there.`],
      };
    },
  },
  {
    at: '2026-12-04T04:10',
    chapter: 'sev1',
    title: 'the sev:1 resolved',
    async run(world, state) {
      const number = state.sev1 as number;
      const note = 'rolled back the 02:50 deploy';
      const run = await world.comment(number, 'hiro', `/resolve ${note}`);
      const record = world.record(number);
      const issue = world.issue(number);
      const checks = [
        ran(run, 0, 'incident'),
        check(record?.resolved?.by === 'hiro', 'the record says hiro resolved it'),
        check(issue.state === 'closed', 'the issue is closed', issue.state),
        check(world.slackSinceStep().length === 0, 'a /resolve pages nobody', slackList(world)),
      ];
      const ttr = record?.resolved ? minutesBetween(record.openedAt, record.resolved.at) : undefined;
      return {
        line: `hiro comments /resolve ${note} → #${number} resolved and closed ${duration(ttr)} after the report`,
        checks,
        story: [
          `At 04:10 hiro resolved it with \`/resolve ${note}\`; the issue closed. Its record comment, updated in place at every step, holds the timeline and the times:`,
          quote(recordTable(world.botComments(number, 'incident-record')[0]?.body ?? ''), 20),
        ],
      };
    },
  },
  {
    at: '2026-12-04T09:00',
    chapter: 'reminders',
    title: 'reminders for the next pair',
    async run(world) {
      const run = await tick(world);
      const next = world.onCallAt(world.local(`${NEXT_HANDOFF}T12:00`)).map((entry) => entry.github);
      const messages = world.slackSinceStep();
      const reminded = messages
        .filter((message) => message.kind === 'reminder')
        .map((message) => message.dm ?? message.to);
      const writes = world.slackWritesSinceStep().filter((method) => method !== 'chat.postMessage');
      const checks = [
        ran(run, 0, 'tick'),
        check(
          sameSet(reminded, next),
          `a reminder DM to each of the next pair, ${next.join(' and ')}`,
          slackList(world),
        ),
        check(
          messages.every((message) => message.kind === 'reminder'),
          'nothing else posted: no page is due',
          slackList(world),
        ),
        check(writes.length === 0, 'Slack already in step: no user group or topic change', writes.join(', ')),
      ];
      const sample = messages.find((message) => message.kind === 'reminder');
      return {
        line: `tick on Friday at 09:00 → reminders to ${reminded.join(', ') || 'nobody'} for the shift starting ${NEXT_HANDOFF}`,
        checks,
        story: [
          `The next pair hears about their week ahead of time: on the Friday before, at the start of their own work hours, the tick sends each of them a Slack DM. The 09:00 tick reminded **${reminded.join('** and **')}** (liam's 09:00 in London had passed at 04:00 New York time). One of them:`,
          quote(sample?.text ?? '', 4),
          'A reminder goes out once: the tick looks for its key in the DM before posting.',
        ],
      };
    },
  },
  {
    at: '2026-12-04T15:00',
    chapter: 'sev1',
    title: 'the playbook improved',
    async run(world, state) {
      const file = 'playbooks/gravity.md';
      const before = world.checkout.read(file);
      const lesson = `- Every request answers 503 right after a deploy: roll back first, investigate after (#${state.sev1}).`;
      const after = before.replace(/^## Mitigate\n/m, `## Mitigate\n${lesson}\n`);
      await world.commitToMain({ [file]: after }, `gravity playbook: what #${state.sev1} taught`, 'hiro');
      if (!world.checkout.git) {
        state.playbookHistory = 'git was not found, so the checkout has no history to read the changes from';
      }
      return {
        line: `hiro adds what #${state.sev1} taught to ${file} (a commit on main)`,
        checks: [check(after !== before, `${file} has a "## Mitigate" section to add to`)],
        story: [
          `In the afternoon hiro added what the night taught to \`${file}\` (under *Mitigate*: "${lesson.slice(2)}"), straight on main.`,
        ],
      };
    },
  },
  {
    at: '2026-12-07T10:55',
    chapter: 'handoff',
    title: 'tick before the handoff',
    async run(world) {
      const run = await tick(world);
      const writes = world.slackWritesSinceStep();
      const lines = infoLines(run.stdout);
      return {
        line: `tick at 10:55 → ${lines.filter((line) => !line.startsWith('heartbeat')).join('; ') || 'nothing logged'}`,
        checks: [
          ran(run, 0, 'tick'),
          check(
            writes.length === 0,
            'nothing due, reminders sent already, Slack in step: no Slack call that changes anything',
            writes.join(', '),
          ),
        ],
        story: [
          `Monday ${world.now.toFormat('d LLLL')}. The 10:55 tick had nothing to do: no page due, the reminders sent on Friday, and Slack already in step. It reads before it writes, so a quiet tick changes nothing in Slack.`,
        ],
      };
    },
  },
  {
    at: '2026-12-07T11:00',
    chapter: 'handoff',
    title: 'tick at the handoff',
    async run(world) {
      const before = world.groupMembers();
      const run = await tick(world);
      return slackFollows(world, run, before, 'the Monday handoff');
    },
  },
  {
    at: '2026-12-07T11:05',
    chapter: 'handoff',
    title: 'the handoff issue',
    async run(world, state) {
      const event = await world.webhooks.schedule('5 16 * * 1', '.github/workflows/handoff.yml');
      const run = await world.action('handoff', 'schedule', event);
      const number = Number(run.outputs['issue-number']);
      const checks = [
        ran(run, 0, 'handoff'),
        check(number > 0, 'a handoff issue', run.outputs['issue-number']),
      ];
      if (!number) return failed('handoff: no issue', checks, run);
      state.handoffIssue = number;
      const issue = world.issue(number);
      const body = issue.body ?? '';
      const posts = world.slackSinceStep().filter((message) => message.to === '#incidents');
      checks.push(
        check(body.includes(`#${state.sev2}`), `it carries over the open sev:2 #${state.sev2}`),
        check(body.includes(`#${state.sev1}`), `it lists the week's sev:1 #${state.sev1}`),
        check(posts.length === 1, 'posted to #incidents once', slackList(world)),
      );
      const outgoing = world.onCallAt(world.now.minus({ days: 1 })).map((entry) => entry.github);
      const incoming = world.onCallAt(world.now).map((entry) => entry.github);
      return {
        line: `handoff → issue #${number} "${issue.title}" (${outgoing.join(', ')} → ${incoming.join(', ')}), posted to #incidents`,
        checks,
        story: [
          `At 11:05 the **handoff** workflow opened **#${number}** "${issue.title}", assigned to ${issue.assignees.map((user) => user.login).join(', ')}: ${outgoing.join(' and ')} hand over to ${incoming.join(' and ')}. It carries over the open sev:2 #${state.sev2}, lists the week's incidents with their time to acknowledge and resolve, the off-hours pages per person with a comp-time suggestion, the playbooks changed during the week${state.playbookHistory ? ` (not here: ${state.playbookHistory})` : ''}, and a checklist. It was posted to #incidents once. The full issue is in \`handoff-issue.md\`.`,
        ],
      };
    },
  },
  {
    at: '2026-12-07T11:10',
    chapter: 'feeds',
    title: 'oncall calendar',
    async run(world, state) {
      const dir = path.join(state.outDir, 'calendars');
      const cli = await inProcess(world, calendarCommand, ['--root', world.checkout.root, '--out', dir]);
      state.calendarFiles = existsSync(dir) ? listFiles(dir) : [];
      const feeds = state.calendarFiles.filter((file) => file.endsWith('.ics'));
      return {
        line: `oncall calendar --out ${path.join(path.basename(state.outDir), 'calendars')} → ${feeds.length} iCalendar feeds (the rotation and one per person)`,
        checks: [
          check(cli.code === 0, 'oncall calendar exits 0', cli.stderr.trim()),
          check(feeds.includes('engineering.ics'), 'the rotation feed engineering.ics'),
          check(
            feeds.length === world.people.length + 1,
            'one feed per person and one for the rotation',
            `${feeds.length} feeds`,
          ),
        ],
        story: [
          `\`oncall calendar\` wrote the iCalendar feeds of the published schedule, trade included: \`calendars/engineering.ics\` and one per person under \`calendars/people/\` (${feeds.length} feeds). Handoffs stay at 11:00 New York time across daylight-saving changes; the UIDs are stable, so a rebuild updates events instead of adding them.`,
        ],
      };
    },
  },
  {
    at: '2026-12-07T11:10',
    chapter: 'feeds',
    title: 'oncall report',
    async run(world, state) {
      const args = ['--root', world.checkout.root, '--from', FORTNIGHT.from, '--to', FORTNIGHT.to];
      // The incidents come from the embedded GitHub, as they would from github.com with a token.
      const cli = await inProcess(world, reportCommand, [...args, '--bot-login', world.gh.bot.login], {
        GITHUB_TOKEN: 'ghs-oncall-demo',
        GITHUB_API_URL: world.gh.url,
        GITHUB_REPOSITORY: DEMO_REPO,
        ONCALL_PACING: 'off',
        ONCALL_RETRY_BASE_MS: '1',
      });
      const file = path.join(state.outDir, 'report.md');
      writeFileSync(file, cli.stdout);
      state.reportFile = file;
      return {
        line: `oncall report --from ${FORTNIGHT.from} --to ${FORTNIGHT.to} → report.md`,
        checks: [
          check(cli.code === 0, 'oncall report exits 0', cli.stderr.trim()),
          check(cli.stdout.includes('hiro'), 'the report names the people of the fortnight'),
          check(
            /opened \(sev:1 [1-9]/.test(cli.stdout),
            'the report counts the night’s sev:1 among the incidents it read from GitHub',
          ),
          check(/```text\n[\s\S]*░/.test(cli.stdout), 'the pages chart shows pages in sleep hours'),
        ],
        story: [
          `\`oncall report --from ${FORTNIGHT.from} --to ${FORTNIGHT.to}\` wrote the fortnight's shifts, weighted load and fairness per person, with a Mermaid gantt, to \`report.md\`; with the incidents read from GitHub:`,
          ...reportIncidents(cli.stdout),
        ],
      };
    },
  },
  {
    at: '2026-12-07T11:15',
    chapter: 'feeds',
    title: 'oncall site',
    async run(world, state) {
      // Beside the calendars, as on GitHub Pages: the page's subscribe links point at them.
      const args = ['--root', world.checkout.root, '--out', state.outDir, '--repo', DEMO_REPO];
      const cli = await inProcess(world, siteCommand, args, {
        GITHUB_TOKEN: 'ghs-oncall-demo',
        GITHUB_API_URL: world.gh.url,
        ONCALL_PACING: 'off',
        ONCALL_RETRY_BASE_MS: '1',
      });
      const file = path.join(state.outDir, 'index.html');
      const page = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (page !== '') state.siteFile = file;
      const open = /(\d+) open incidents? at build time/.exec(page)?.[1];
      return {
        line: `oncall site --out ${path.basename(state.outDir)} → index.html, the status page${open ? ` (${open} open incident${open === '1' ? '' : 's'})` : ''}`,
        checks: [
          check(cli.code === 0, 'oncall site exits 0', cli.stderr.trim()),
          check(page.includes('On call now'), 'the page says who is on call now'),
          check(!page.includes('unknown at build time'), 'the open incidents were read from GitHub'),
          check(!/<script/i.test(page), 'the page runs no script'),
        ],
        story: [
          `\`oncall site\` built the status page the \`pages\` workflow publishes to GitHub Pages: who is on call now and next, the published schedule, the open incidents read from GitHub, the fairness table and the calendar links. Open \`index.html\` in a browser.`,
        ],
      };
    },
  },
];

// Helpers of the steps

/** The report's incidents paragraph and its pages chart, for the story. */
function reportIncidents(markdown: string): string[] {
  const section =
    /### Incidents\n\n(.*)\n[\s\S]*?### Pages per person\n\n(.*)\n\n(```text\n[\s\S]*?```)?/.exec(markdown);
  if (!section) return ['(the report has no incidents section)'];
  return [`> ${section[1]} ${section[2]}`, ...(section[3] ? [section[3]] : [])];
}

function check(ok: boolean, what: string, detail?: string): Check {
  return detail === undefined || detail === '' ? { ok, what } : { ok, what, detail };
}

/** The run ended with the expected exit code; when not, the detail is what it logged. */
function ran(run: { code: number; stdout: string; stderr: string }, code: number, action: string): Check {
  const detail =
    run.code === code
      ? undefined
      : [
          ...commandMessages(run.stdout, 'error'),
          ...commandMessages(run.stdout, 'warning'),
          stderrGist(run.stderr),
        ]
          .filter(Boolean)
          .join(' | ')
          .slice(0, 2000);
  return check(
    run.code === code,
    `${action} exits ${code}`,
    run.code === code ? undefined : `exit ${run.code}: ${detail}`,
  );
}

/** The line of a crash that says what went wrong (`Error: …`), else the last lines. */
function stderrGist(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.slice(-3).join(' ');
}

function failed(line: string, checks: Check[], run: { stdout: string }): StepResult {
  return { line: `${line} (${infoLines(run.stdout).slice(-3).join('; ')})`, checks, story: [] };
}

async function tick(world: DemoWorld) {
  const event = await world.webhooks.schedule('2-59/5 * * * *', '.github/workflows/tick.yml');
  return world.action('tick', 'schedule', event);
}

/** After a tick at a handoff: the user group holds the new pair and the topic names them. */
function slackFollows(
  world: DemoWorld,
  run: { code: number; stdout: string; stderr: string; outputs: Record<string, string> },
  before: string[],
  moment: string,
): StepResult {
  const expected = world.onCallAt(world.now).map((entry) => entry.github);
  const after = world.groupMembers();
  const topic = world.topic();
  const lines = (run.outputs.summary ?? '').split('\n').filter((line) => line.startsWith('Slack'));
  const checks = [
    ran(run, 0, 'tick'),
    check(
      sameSet(after, expected),
      `the @oncall user group holds ${expected.join(', ')}`,
      `${after.join(', ')}; tick: ${lines.join(' / ')}`,
    ),
    check(
      expected.every((login) => topic.includes(`@${login}`)),
      'the #incidents topic names them',
      topic,
    ),
  ];
  return {
    line: `tick at ${moment} → @oncall ${before.join(', ')} → ${after.join(', ')}; #incidents topic "${topic}"`,
    checks,
    story: [
      `At 11:00 the shift changed hands. The next tick brought Slack in step: the **@oncall** user group went from ${before.join(', ') || 'nobody'} to **${after.join(', ')}**, and the #incidents topic became "${topic}".`,
    ],
  };
}

/** The shifts a branch adds to the default branch's schedule, with their people. */
function newShifts(world: DemoWorld, branch: string): { start: string; people: string[] }[] {
  const repo = world.repoRecord;
  const text = (ref: string) =>
    world.gh.store.branchHead(repo, ref)?.files.get(SCHEDULE_FILE)?.content.toString('utf8') ?? '';
  const shiftLines = (yaml: string) => yaml.split('\n').filter((line) => /^\s*-\s*\{\s*start:/.test(line));
  const onMain = new Set(shiftLines(text(repo.defaultBranch)));
  return shiftLines(text(branch))
    .filter((line) => !onMain.has(line))
    .map((line) => ({
      start: /start:\s*([\d-]+)/.exec(line)?.[1] ?? '?',
      people: [...line.matchAll(/(?:primary|secondary):\s*([\w-]+)/g)].map((match) => match[1] as string),
    }));
}

/** The schedule with two people's weeks swapped: each takes the other's place. */
function swapWeeks(
  text: string,
  trade: { author: string; other: string; authorWeek: string; otherWeek: string },
): string {
  let swapped = 0;
  const result = text
    .split('\n')
    .map((line) => {
      const start = /^\s*-\s*\{\s*start:\s*([\d-]+)/.exec(line)?.[1];
      const swap = (from: string, to: string) => {
        const next = line.replace(new RegExp(`(:\\s*)${from}(\\s*[,}])`), `$1${to}$2`);
        if (next !== line) swapped += 1;
        return next;
      };
      if (start === trade.authorWeek) return swap(trade.author, trade.other);
      if (start === trade.otherWeek) return swap(trade.other, trade.author);
      return line;
    })
    .join('\n');
  if (swapped !== 2) {
    throw new Error(
      `the example schedule no longer has ${trade.author} in ${trade.authorWeek} and ${trade.other} in ${trade.otherWeek}`,
    );
  }
  return result;
}

/** The instant a week's shift is under way (its Monday at noon, after the 11:00 handoff). */
function weekStart(world: DemoWorld, date: string): DateTime {
  return world.local(`${date}T12:00`);
}

/** "priya takes 2026-12-21 from sam; sam takes 2027-01-04 from priya", from the check's summary. */
function changeLine(summary: string): string | undefined {
  return /\b(\w+ takes \d{4}-\d{2}-\d{2} from \w+(?:; \w+ takes \d{4}-\d{2}-\d{2} from \w+)*)/.exec(
    summary,
  )?.[1];
}

/** The check's first error annotation, when it says more than the headline. */
function annotationNote(stdout: string, headline: string): string {
  const error = commandMessages(stdout, 'error').find((message) => message !== headline);
  return error ? `(The job log: "${error}".)` : '';
}

/** A comment as a Markdown quote, its markers and hidden state left out, cut after `lines` lines. */
function quote(body: string, lines: number): string {
  const visible = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim()
    .split('\n');
  const kept = visible.slice(0, lines);
  if (visible.length > lines) kept.push('…');
  return kept.map((line) => (line ? `> ${line}` : '>')).join('\n');
}

/** The record comment without its commands footer. */
function recordTable(body: string): string {
  return body
    .split('\n')
    .filter((line) => !line.startsWith('Times in ') && !line.startsWith('Commands'))
    .join('\n');
}

function duration(minutes: number | undefined): string {
  if (minutes === undefined) return '?';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

function slackList(world: DemoWorld): string {
  return (
    world
      .slackSinceStep()
      .map((message) => `${message.to}${message.key ? ` ${message.key}` : ''}`)
      .join(', ') || 'no Slack message'
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].map((x) => x.toLowerCase()).sort();
  const right = [...b].map((x) => x.toLowerCase()).sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Files under a directory, relative and with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** Runs an `oncall` command in this process at the script's time; its output is returned. */
async function inProcess(
  world: DemoWorld,
  command: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await command([...args, '--at', world.now.toISO() as string], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => world.now,
    cwd: process.cwd(),
    color: false,
    env,
  });
  return { code, stdout, stderr };
}
