/** `oncall triage --event FILE`: the triage decision for an `issues` webhook payload, replayable with --at. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { formatInstant } from '../../core/time/wall-clock.js';
import type { TriageDecision, TriageEvent, TriageIssue } from '../../core/triage/decision.js';
import { triageIssue } from '../../core/triage/triage.js';
import { holidayCalendar } from '../../io/holidays.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const triageHelp = `Usage: oncall triage --event FILE [--root DIR] [--rotation NAME] [--at T] [--json]

Decides what to do with an issue, from an \`issues\` webhook payload (opened, reopened or labeled)
as GitHub sends it: its kind (incident, bug, request), severity (sev:1 down for users, sev:2 urgent,
sev:3 minor), system and playbook, who is on call at --at, who is paged now and who at the start of
their work hours, the assignees, the labels and the reply to the reporter. Nothing is sent: this is
the decision the incident action applies.

JSON: {kind, severity, system, team, playbook, oncall, page:{now, later:[{slot, github, at}]},
notify:[{login, via, at}], assignees, labels, unlabel, reply, ...}; {triaged: false, skipped} for an issue that is not for the triage.

Exit 0 with the decision, 1 when the event or the repository cannot be read, 2 on bad usage.`;

export async function triageCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(args, { event: { type: 'string' } }, io);
  if (common.help) {
    io.stdout(`${triageHelp}\n`);
    return EXIT_OK;
  }
  if (typeof values.event !== 'string' || values.event === '') {
    throw new UsageError('--event FILE is required (an issues webhook payload, as JSON)');
  }
  const fail = (message: string) => {
    if (common.json) io.stdout(`${JSON.stringify({ triaged: false, error: message }, null, 2)}\n`);
    io.stderr(`oncall triage: ${message}\n`);
    return EXIT_INPUT_ERRORS;
  };

  const eventFile = path.resolve(io.cwd, values.event);
  const event = await readEvent(eventFile, values.event);
  if ('error' in event) return fail(event.error);

  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);
  const errors = sortDiagnostics(loaded.diagnostics.filter((item) => item.severity === 'error'));
  if (!loaded.repository || !source) {
    for (const item of errors) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
    return fail(`the files of rotation "${name}" have errors; run oncall validate`);
  }
  // A broken playbook elsewhere must not stop an incident from being triaged: say so, go on.
  for (const item of errors) io.stderr(`${formatDiagnostic(item, io.color)}\n`);

  const holidays = await rotationHolidays(source.rotation.holidays, common.at);
  if (holidays === undefined) {
    return fail(`${source.rotationFile}: holidays "${source.rotation.holidays}" is not a known region`);
  }

  const result = triageIssue({
    issue: event.issue,
    event: event.event,
    repository: loaded.repository,
    rotation: source,
    holidays,
    now: common.at,
    ...(event.links ? { links: event.links } : {}),
  });
  const base = {
    rotation: name,
    at: formatInstant(common.at),
    event: event.event.action,
    issue: event.number,
  };
  if (!result.triaged) {
    if (common.json) {
      const document = {
        ...base,
        triaged: false,
        skipped: result.reason,
        kind: null,
        severity: null,
        system: null,
        team: null,
        playbook: null,
        page: { now: [], later: [] },
        notify: [],
        assignees: [],
        labels: [],
        reply: null,
      };
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      io.stdout(`not triaged: ${result.reason}\n`);
    }
    return EXIT_OK;
  }

  const decision = result.decision;
  const warnings = [
    ...decision.warnings,
    ...errors.map((item) => `${item.file}:${item.line}:${item.column} ${item.message}`),
  ];
  if (common.json) {
    io.stdout(`${JSON.stringify(decisionJson(base, decision, warnings), null, 2)}\n`);
  } else {
    io.stdout(decisionText(event.issue, event.number, decision, common.at));
  }
  return EXIT_OK;
}

export function decisionJson(base: Record<string, unknown>, decision: TriageDecision, warnings: string[]) {
  return {
    ...base,
    triaged: true,
    kind: decision.kind,
    severity: decision.severity,
    system: decision.system ?? null,
    team: decision.team ?? null,
    playbook: decision.playbook ?? null,
    oncall: decision.oncall,
    page: decision.page,
    notify: decision.notify,
    assignees: decision.assignees,
    labels: decision.labels,
    unlabel: decision.unlabel,
    routed: decision.routed,
    target: decision.target ?? null,
    people: decision.people,
    why: decision.why,
    warnings,
    reply: decision.reply,
  };
}

function decisionText(
  issue: TriageIssue,
  number: number | null,
  decision: TriageDecision,
  at: DateTime,
): string {
  const lines = [
    `${number === null ? '' : `#${number} `}"${issue.title}" at ${formatInstant(at)}`,
    `${decision.kind}, sev:${decision.severity}${decision.system ? `, system ${decision.system}` : ', no playbook matched'}${decision.team ? ` (team ${decision.team})` : ''}${decision.routed ? ', routed to the backlog' : ''}`,
    `on call: ${decision.oncall.map((entry) => `${entry.slot} ${entry.github}`).join(', ') || 'nobody'}`,
    `page now: ${decision.page.now.join(', ') || 'nobody'}`,
  ];
  for (const later of decision.page.later)
    lines.push(`page later: ${later.slot} ${later.github} at ${later.at}`);
  for (const entry of decision.notify) lines.push(`notify: ${entry.login} by ${entry.via} at ${entry.at}`);
  lines.push(`assignees: ${decision.assignees.join(', ') || 'none'}`);
  lines.push(
    `labels: ${[...decision.labels.map((label) => `+${label}`), ...decision.unlabel.map((label) => `-${label}`)].join(' ')}`,
  );
  for (const warning of decision.warnings) lines.push(`warning: ${warning}`);
  lines.push('', '--- reply ---', decision.reply);
  return `${lines.join('\n')}\n`;
}

interface ReadEvent {
  issue: TriageIssue;
  event: TriageEvent;
  number: number | null;
  links?: { repository: string; ref: string };
}

/** Reads and checks the payload; every problem names the file. */
async function readEvent(file: string, shown: string): Promise<ReadEvent | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      error: `${shown}: cannot read the event file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
    };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    return { error: `${shown}: not valid JSON: ${(err as Error).message}` };
  }
  if (!isRecord(payload))
    return { error: `${shown}: not an issues event payload: the JSON is not an object` };
  const issue = payload.issue;
  if (!isRecord(issue)) return { error: `${shown}: not an issues event payload: it has no "issue" object` };
  if (typeof issue.title !== 'string') return { error: `${shown}: the issue has no title` };
  const user = issue.user;
  if (!isRecord(user) || typeof user.login !== 'string')
    return { error: `${shown}: the issue has no user.login (its author)` };
  if (issue.body !== undefined && issue.body !== null && typeof issue.body !== 'string') {
    return { error: `${shown}: the issue's body is not text` };
  }
  const rawLabels = issue.labels ?? [];
  if (!Array.isArray(rawLabels)) return { error: `${shown}: the issue's labels are not a list` };
  const labels: string[] = [];
  for (const label of rawLabels) {
    const labelName = typeof label === 'string' ? label : isRecord(label) ? label.name : undefined;
    if (typeof labelName !== 'string') return { error: `${shown}: a label of the issue has no name` };
    labels.push(labelName);
  }
  const action = typeof payload.action === 'string' ? payload.action : 'opened';
  const added =
    isRecord(payload.label) && typeof payload.label.name === 'string' ? payload.label.name : undefined;
  const repository = isRecord(payload.repository) ? payload.repository : undefined;
  const links =
    repository && typeof repository.html_url === 'string'
      ? {
          repository: repository.html_url,
          ref: typeof repository.default_branch === 'string' ? repository.default_branch : 'HEAD',
        }
      : undefined;
  return {
    issue: {
      title: issue.title,
      body: typeof issue.body === 'string' ? issue.body : null,
      labels,
      author: user.login,
      ...(typeof issue.author_association === 'string'
        ? { authorAssociation: issue.author_association }
        : {}),
      ...(issue.state === 'open' || issue.state === 'closed' ? { state: issue.state } : {}),
    },
    event: { action, ...(added === undefined ? {} : { label: added }) },
    number: typeof issue.number === 'number' ? issue.number : null,
    ...(links ? { links } : {}),
  };
}

/** Public holidays around now (a deferred page can fall weeks ahead); undefined for an unknown region. */
async function rotationHolidays(region: string | undefined, at: DateTime): Promise<Set<string> | undefined> {
  if (!region) return new Set();
  const calendar = await holidayCalendar(region);
  return calendar?.dates(at.year - 1, at.year + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
