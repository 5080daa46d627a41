/**
 * The story of the demo, in Markdown: what happened chapter by chapter (told by the steps from
 * what they saw), who was paged when and time to acknowledge and resolve (read back from the
 * incident records on GitHub, the same data the handoff uses), what the demo leaves out, and the
 * artifacts to read next.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { minutesBetween } from '../core/incident/record.js';
import { timeline } from '../core/schedule/timeline.js';
import type { DemoStepReport } from './run-demo.js';
import { type Chapter, FORTNIGHT, type ScriptState } from './script.js';
import type { DemoWorld } from './world.js';

export const CHAPTERS: Record<Chapter, string> = {
  publish: 'Publishing ahead',
  week: 'Monday: the week begins, and Slack follows',
  trade: 'A trade, refused, then approved',
  cover: 'A cover request, taken',
  bug: 'A bug, routed and explained',
  sev2: 'A sev:2 at night, deferred to the morning',
  sev1: 'A sev:1 at night: paged, escalated, acknowledged, resolved',
  reminders: 'Friday: the next pair is reminded',
  handoff: 'The Monday handoff',
  feeds: 'Calendars, the report and the status page',
};

const ARTIFACTS: Record<string, string> = {
  'story.md': 'this story',
  'handoff-issue.md': 'the Monday handoff issue',
  'pr-comment.md': "the trade check's pull request comment, after each run",
  'publish-pr.md': 'the publish pull request',
  'github-issues.md': 'every issue and pull request with its comments',
  'slack-messages.md': 'every Slack message and user group or topic change (also slack-messages.json)',
  'github-requests.json': 'every request GitHub received, with the step and who made it',
  'slack-requests.json': 'every Slack API call, likewise',
  'report.md': "the fortnight's report (`oncall report`)",
  'index.html': 'the status page (`oncall site`), with the calendars beside it',
};

export interface StoryInput {
  world: DemoWorld;
  state: ScriptState;
  steps: readonly DemoStepReport[];
  ok: boolean;
  artifacts: readonly string[];
  total: number;
}

export function tellStory(input: StoryInput): string {
  const { world, state, steps, ok } = input;
  const zone = world.zone;
  const out: string[] = ['# A fortnight on call: the oncall-as-code demo', ''];
  const failed = steps.flatMap((step) =>
    step.checks
      .filter((item) => !item.ok)
      .map((item) => `step ${step.n}: ${item.what}${item.detail ? ` (got: ${item.detail})` : ''}`),
  );
  if (ok) {
    out.push(
      `All ${input.total} steps did what they were expected to do (${steps.reduce((sum, step) => sum + step.checks.length, 0)} checks).`,
      '',
    );
  } else {
    const missing = input.total - steps.length;
    out.push(
      `**The demo found problems**: ${failed.length} expectation(s) failed${missing > 0 ? ` and ${missing} step(s) did not run` : ''}:`,
      '',
      ...failed.map((line) => `- ${line}`),
      '',
    );
  }
  const { rotation } = world.source;
  out.push(
    `The example repository's **${rotation.name}** rotation (${world.people.length} people, ${rotation.slots.join(' and ')} on call each week, handoff ${capitalized(rotation.shift.handoff.weekday)} ${rotation.shift.handoff.time} ${zone}) was copied to a temporary directory. A local GitHub (\`acme/oncall\`) and a local Slack, both on 127.0.0.1, were seeded from it: the repository's files, and the roster's Slack ids and emails, #incidents and the @oncall user group. Each Action ran from its committed bundle in \`dist/actions/\`, one node process per run as the GitHub runner runs it, on the event GitHub would deliver, with the clock set by the script. Times are ${zone}.`,
    '',
    ...castTable(world),
    '',
  );

  const chapters: Chapter[] = [];
  for (const step of steps) if (!chapters.includes(step.chapter)) chapters.push(step.chapter);
  for (const chapter of chapters) {
    out.push(`## ${CHAPTERS[chapter]}`, '');
    for (const step of steps.filter((entry) => entry.chapter === chapter)) {
      for (const paragraph of step.story) out.push(paragraph, '');
    }
  }

  out.push('## Who was paged, when', '', ...pagesTable(world, state), '');
  out.push('## Time to acknowledge and to resolve', '', ...timesTable(world, state), '');

  const runs = world.runs;
  const seconds = (runs.reduce((sum, run) => sum + run.ms, 0) / 1000).toFixed(1);
  out.push(
    '## Not in this demo',
    '',
    "- **The tick's heartbeat alert**: switched off here, because the script's clock jumps hours and days between ticks, which would rightly alert #incidents (see docs/operations.md).",
    '- **Request issues** (the third intake form): they are routed like the bug.',
    '',
    `${runs.length} Action runs (${countBy(runs.map((run) => run.action))}) took ${seconds} s; GitHub received ${world.gh.log.length} requests and Slack ${world.slack.log.length} calls.`,
    '',
  );

  out.push(`## What it left in ${path.basename(state.outDir)}/`, '');
  for (const [file, what] of Object.entries(ARTIFACTS)) {
    if (input.artifacts.includes(file) || file === 'story.md') out.push(`- \`${file}\`: ${what}`);
  }
  const feeds = input.artifacts.filter((file) => file.startsWith('calendars/') && file.endsWith('.ics'));
  if (feeds.length > 0) {
    out.push(`- \`calendars/\`: ${feeds.length} iCalendar feeds (\`engineering.ics\`, \`people/LOGIN.ics\`)`);
  }
  out.push('');
  return out.join('\n');
}

/** Who is on call in the weeks of the script. */
function castTable(world: DemoWorld): string[] {
  const { rotation, schedule } = world.source;
  const shifts = timeline(rotation, schedule).filter(
    (shift) => shift.start >= minusWeek(FORTNIGHT.from) && shift.start <= FORTNIGHT.to,
  );
  const describe = (login: string) => {
    const person = world.people.find((entry) => entry.github === login);
    return person ? `${login} (${person.team}, ${person.timezone})` : login;
  };
  return [
    `| week of | ${rotation.slots.join(' | ')} |`,
    `|---|${rotation.slots.map(() => '---').join('|')}|`,
    ...shifts.map(
      (shift) =>
        `| ${shift.startsAt.toFormat('ccc yyyy-MM-dd HH:mm')} | ${rotation.slots
          .map((slot) => describe(shift.assignments.find((entry) => entry.slot === slot)?.github ?? '-'))
          .join(' | ')} |`,
    ),
  ];
}

function incidents(state: ScriptState): number[] {
  return [state.bug, state.sev2, state.sev1].filter((number): number is number => number !== undefined);
}

function pagesTable(world: DemoWorld, state: ScriptState): string[] {
  const rows: string[] = [];
  for (const number of incidents(state)) {
    const record = world.record(number);
    if (!record) continue;
    for (const page of record.pages) {
      const who = [...page.to, ...(page.team ? [`@${world.repoRecord.owner.login}/${page.team}`] : [])].join(
        ', ',
      );
      const when = page.sentAt ? world.local(page.sentAt).toFormat('ccc yyyy-MM-dd HH:mm') : 'not sent';
      rows.push(`| ${when} | #${number} sev:${record.severity} | ${who} | ${page.reason} |`);
    }
  }
  if (rows.length === 0) return ['Nobody was paged.'];
  return [
    'Each page went out as an @-mention on the issue, a Slack DM to each person and a post in #incidents (a team step: the post and the mention).',
    '',
    '| when | incident | who | why |',
    '|---|---|---|---|',
    ...rows,
  ];
}

function timesTable(world: DemoWorld, state: ScriptState): string[] {
  const rows: string[] = [];
  const at = (iso: string | undefined) => (iso ? world.local(iso).toFormat('ccc HH:mm') : '-');
  for (const number of incidents(state)) {
    const record = world.record(number);
    if (!record) continue;
    const tta = record.acknowledged ? minutesBetween(record.openedAt, record.acknowledged.at) : undefined;
    const ttr = record.resolved ? minutesBetween(record.openedAt, record.resolved.at) : undefined;
    const kind = record.kind === 'incident' ? `incident sev:${record.severity}` : record.kind;
    const status = record.resolved
      ? 'resolved'
      : record.routed
        ? `routed to ${record.routed.team}`
        : record.acknowledged
          ? 'acknowledged, open'
          : 'open';
    rows.push(
      `| #${number} | ${kind} | ${at(record.openedAt)} | ${record.acknowledged ? `${at(record.acknowledged.at)} by ${record.acknowledged.by}` : '-'} | ${minutes(tta)} | ${record.resolved ? `${at(record.resolved.at)} by ${record.resolved.by}` : '-'} | ${minutes(ttr)} | ${status} |`,
    );
  }
  return [
    '| incident | kind | opened | acknowledged | time to acknowledge | resolved | time to resolve | now |',
    '|---|---|---|---|--:|---|--:|---|',
    ...rows,
    '',
    'The sev:2 waited for work hours by policy: its time to acknowledge counts from the report at 22:00.',
  ];
}

function minutes(value: number | undefined): string {
  if (value === undefined) return '-';
  return value < 60
    ? `${value} min`
    : `${Math.floor(value / 60)} h ${String(value % 60).padStart(2, '0')} min`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function minusWeek(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).minus({ days: 7 }).toISODate() as string;
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count} ${value}`).join(', ');
}
