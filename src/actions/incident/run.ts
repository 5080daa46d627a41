/**
 * The incident action: on `issues` (opened, reopened, labeled, closed) and `issue_comment`
 * (created), triage new reports, run comment commands, keep the incident record and page.
 * A repeated delivery of the same event finds the record already written and pages nobody again.
 */
import * as core from '@actions/core';
import { mayCommand, parseCommand, refusal } from '../../core/incident/commands.js';
import { applyCommand, type EngineResult } from '../../core/incident/engine.js';
import type { IncidentState } from '../../core/incident/record.js';
import { findPerson } from '../../core/model/roster.js';
import { type IssueRef, readIncidentState } from '../../io/github/incident-issue.js';
import { upsertMarkedComment } from '../../io/github/marked-comment.js';
import { commitIncident, type IssueSummary, RecordConflict } from '../shared/commit-incident.js';
import { checkTickHeartbeat } from '../shared/heartbeat.js';
import {
  incidentContext,
  type OnCallRepository,
  openOnCallRepository,
  repositoryLinks,
  triage,
} from '../shared/incident-context.js';
import { openFromIssue, reopenFromIssue, triageIssueOf } from '../shared/open-incident.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const outcome = await withRetryOnConflict(() => handle(runtime));
    core.setOutput('outcome', outcome);
    core.info(outcome);
    // The tick's dead-man's switch: a stale heartbeat alerts the Slack channels, once per gap.
    const beat = await checkTickHeartbeat(runtime);
    for (const line of beat.lines) core.info(line);
    for (const failure of beat.failures) core.warning(failure);
  } catch (err) {
    core.setFailed(`incident: ${(err as Error).message}`);
  }
}

/** Another run changed the record first: read it again and decide again (a few times at most). */
async function withRetryOnConflict(work: () => Promise<string>): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof RecordConflict) || attempt >= 3) throw err;
    }
  }
}

async function handle(runtime: ActionRuntime): Promise<string> {
  const { event } = runtime;
  const issue = event.issue as Record<string, any> | undefined;
  if (!issue || issue.pull_request) return 'not an issue: nothing to do';
  // Cover requests (and their `/take`) belong to the cover action.
  if ((issue.labels as { name?: string }[] | undefined)?.some((label) => label.name === 'cover-request')) {
    return 'a cover request: the cover action handles it';
  }
  const summary: IssueSummary = { number: issue.number, title: issue.title ?? '', url: issue.html_url ?? '' };
  const ref: IssueRef = {
    owner: runtime.owner,
    repo: runtime.repo,
    issue_number: issue.number,
    botLogin: runtime.botLogin,
  };
  const repo = await openOnCallRepository(runtime.root, runtime.rotation, runtime.now);
  const state = await readIncidentState(runtime.github, ref);

  if (runtime.eventName === 'issue_comment') {
    if (event.action !== 'created') return 'an edited or deleted comment runs nothing';
    return onComment(runtime, repo, summary, ref, state);
  }
  switch (event.action) {
    case 'opened':
    case 'reopened':
    case 'labeled': {
      if (state && event.action === 'reopened' && state.resolved) {
        const sender = (event.sender?.login as string | undefined) ?? 'someone';
        return reopenFromIssue(runtime, repo, issue, state, sender, repositoryLinks(event));
      }
      if (state) {
        const label = (event.label?.name as string | undefined) ?? '';
        const match = /^sev:([123])$/.exec(label);
        if (event.action === 'labeled' && match && Number(match[1]) !== state.severity && !state.resolved) {
          const sender = (event.sender?.login as string | undefined) ?? 'someone';
          const result = applyCommand(
            state,
            {
              command: { name: 'sev', severity: Number(match[1]) as 1 | 2 | 3 },
              actor: sender,
              policy: policyFor(repo, issue, runtime),
            },
            incidentContext(repo, runtime.now, state.system),
          );
          await commitIncident(
            runtime,
            repo,
            summary,
            result,
            `label-${label}-${runtime.now.toMillis()}`,
            state,
          );
          return `severity set to ${label} by the label`;
        }
        if (state.unapplied) {
          // An earlier run wrote the record and stopped before finishing: finish its work.
          await commitIncident(
            runtime,
            repo,
            summary,
            { state: structuredClone(state), effects: [] },
            'finish',
            state,
          );
          return `incident #${summary.number} already has its record: finished what an earlier run left`;
        }
        return `incident #${summary.number} already has its record: nothing new`;
      }
      return openFromIssue(
        runtime,
        repo,
        issue,
        { action: event.action, label: event.label?.name },
        repositoryLinks(event),
      );
    }
    case 'closed': {
      if (!state || state.resolved) return 'closed: nothing to record';
      const sender = (event.sender?.login as string | undefined) ?? 'someone';
      const result = applyCommand(
        state,
        { command: { name: 'resolve' }, actor: sender },
        incidentContext(repo, runtime.now, state.system),
      );
      // The issue is closed already: record the resolution without closing it again.
      result.effects = result.effects.filter((effect) => effect.type !== 'close');
      await commitIncident(runtime, repo, summary, result, 'closed', state);
      return `#${summary.number} closed: resolved in the record`;
    }
    default:
      return `issues.${event.action}: nothing to do`;
  }
}

async function onComment(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  summary: IssueSummary,
  ref: IssueRef,
  state: IncidentState | undefined,
): Promise<string> {
  const comment = runtime.event.comment as Record<string, any>;
  const parsed = parseCommand((comment.body as string | undefined) ?? '');
  if (!parsed) return 'not a command';
  const login = (comment.user?.login as string | undefined) ?? '';
  const replyTo = (body: string) =>
    upsertMarkedComment(runtime.github, { ...ref, marker: `reply:comment-${comment.id}` }, body);
  const allowed = mayCommand(
    {
      login,
      association: (comment.author_association as string | undefined) ?? 'NONE',
      type: comment.user?.type,
    },
    (candidate) => findPerson(repo.roster, candidate) !== undefined,
  );
  if (!allowed) {
    // Bots get no answer (that way two bots never talk to each other); people get a polite one.
    if (comment.user?.type !== 'Bot' && !login.endsWith('[bot]')) await replyTo(refusal(login));
    return `refused a command from ${login}`;
  }
  if (!parsed.ok) {
    await replyTo(`@${login} ${parsed.reply}`);
    return 'not a valid command';
  }
  if (!state) {
    await replyTo(
      `@${login} this issue has no incident record, so there is nothing to ${parsed.command.name}.`,
    );
    return 'no incident record';
  }
  const issue = runtime.event.issue as Record<string, any>;
  const result: EngineResult = applyCommand(
    state,
    { command: parsed.command, actor: login, policy: policyFor(repo, issue, runtime) },
    incidentContext(repo, runtime.now, state.system),
  );
  await commitIncident(runtime, repo, summary, result, `comment-${comment.id}`, state);
  return `/${parsed.command.name} by ${login}`;
}

/** The pages a severity's policy calls for now, as triage decides them for this issue. */
function policyFor(repo: OnCallRepository, issue: Record<string, any>, runtime: ActionRuntime) {
  return (severity: 1 | 2 | 3) => {
    const base = triageIssueOf(issue);
    const labels = [...base.labels.filter((label) => !/^sev:/.test(label)), `sev:${severity}`];
    const result = triage(repo, { ...base, labels }, runtime.now);
    return result.triaged ? result.decision.page : { now: [], later: [] };
  };
}
