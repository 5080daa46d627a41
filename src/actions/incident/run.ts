/**
 * The incident action: on `issues` (opened, reopened, labeled, closed) and `issue_comment`
 * (created), triage new reports, run comment commands, keep the incident record and page.
 * A repeated delivery of the same event finds the record already written and pages nobody again.
 */
import * as core from '@actions/core';
import {
  isBot,
  mayCommand,
  mayPage,
  pagesPeople,
  pagingRefusal,
  parseCommand,
  refusal,
} from '../../core/incident/commands.js';
import { applyCommand, type EngineContext, type EngineResult } from '../../core/incident/engine.js';
import type { IncidentState } from '../../core/incident/record.js';
import { findPerson } from '../../core/model/roster.js';
import { inertMarkdown } from '../../core/text/inert.js';
import type { GitHub } from '../../io/github/client.js';
import { DamagedRecord, type IssueRef, readIncidentState } from '../../io/github/incident-issue.js';
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
import { assertKnownTargets } from '../shared/known-targets.js';
import { openFromIssue, reopenFromIssue, triageIssueOf } from '../shared/open-incident.js';
import { announceHeldPages, pageBudget } from '../shared/page-budget.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const outcome = await withRetryOnConflict(() => handle(runtime)).catch((err: unknown) =>
      err instanceof DamagedRecord ? reportDamagedRecord(runtime, err) : Promise.reject(err),
    );
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
  // Read back from the bot's own comment, and still checked before anything is paged from it.
  if (state) assertKnownTargets(state, repo, summary);
  const reporter = (issue.user?.login as string | undefined) ?? undefined;
  const contextOf = async (system: string | undefined): Promise<EngineContext> => ({
    ...incidentContext(repo, runtime.now, system),
    budget: await pageBudget(runtime, repo, state?.reporter?.login ?? reporter, issue.number),
  });
  const commit = async (result: EngineResult, replyKey: string, expected: IncidentState | undefined) => {
    await commitIncident(runtime, repo, summary, result, replyKey, expected);
    await announceHeldPages(runtime, repo, summary, expected, result.state);
  };

  if (runtime.eventName === 'issue_comment') {
    if (event.action !== 'created') return 'an edited or deleted comment runs nothing';
    return onComment(runtime, repo, ref, state, contextOf, commit);
  }
  switch (event.action) {
    case 'opened':
    case 'reopened':
    case 'labeled': {
      if (state && event.action === 'reopened' && state.resolved) {
        const sender = (event.sender?.login as string | undefined) ?? 'someone';
        // Reopening pages again only when someone on the roster reopens: anyone else's reopening
        // is answered and waits for a roster member to confirm, so a close/reopen loop wakes nobody.
        const byRoster =
          findPerson(repo.roster, sender) !== undefined &&
          !isBot({ login: sender, association: '', type: event.sender?.type }, runtime.botLogin);
        return reopenFromIssue(runtime, repo, issue, state, sender, repositoryLinks(event), {
          member: byRoster,
          budget: await pageBudget(runtime, repo, state.reporter?.login ?? reporter, issue.number),
        });
      }
      if (state) {
        const label = (event.label?.name as string | undefined) ?? '';
        const match = /^sev:([123])$/.exec(label);
        const sender = (event.sender?.login as string | undefined) ?? 'someone';
        const labelPages = match !== null && Number(match[1]) < 3;
        if (
          event.action === 'labeled' &&
          match &&
          (Number(match[1]) !== state.severity || (state.unconfirmed && labelPages)) &&
          !state.resolved
        ) {
          // A severity label that pages is a paging command: the same people may set it.
          if (
            labelPages &&
            !(await mayPageBy(runtime, repo, { login: sender, association: '', type: event.sender?.type }))
          ) {
            return `the ${label} label by ${sender} pages nobody: they may not page`;
          }
          const result = applyCommand(
            state,
            {
              command: { name: 'sev', severity: Number(match[1]) as 1 | 2 | 3 },
              actor: sender,
              policy: policyFor(repo, issue, runtime, sender),
            },
            await contextOf(state.system),
          );
          await commit(result, `label-${label}-${runtime.now.toMillis()}`, state);
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
        await pageBudget(runtime, repo, reporter, issue.number),
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
  ref: IssueRef,
  state: IncidentState | undefined,
  contextOf: (system: string | undefined) => Promise<EngineContext>,
  commit: (result: EngineResult, replyKey: string, expected: IncidentState | undefined) => Promise<void>,
): Promise<string> {
  const comment = runtime.event.comment as Record<string, any>;
  const parsed = parseCommand((comment.body as string | undefined) ?? '');
  if (!parsed) return 'not a command';
  const login = (comment.user?.login as string | undefined) ?? '';
  const replyTo = (body: string) =>
    upsertMarkedComment(runtime.github, { ...ref, marker: `reply:comment-${comment.id}` }, body);
  const commenter = {
    login,
    association: (comment.author_association as string | undefined) ?? 'NONE',
    type: comment.user?.type,
  };
  // The bot never obeys itself or any bot, and answers none (two bots never talk to each other).
  if (isBot(commenter, runtime.botLogin)) return `ignored a command from the bot ${login}`;
  const inRoster = (candidate: string) => findPerson(repo.roster, candidate) !== undefined;
  if (!mayCommand(commenter, inRoster, runtime.botLogin)) {
    await replyTo(refusal(login));
    return `refused a command from ${login}`;
  }
  if (!parsed.ok) {
    await replyTo(`@${login} ${parsed.reply}`);
    return 'not a valid command';
  }
  if (pagesPeople(parsed.command) && !(await mayPageBy(runtime, repo, commenter))) {
    await replyTo(pagingRefusal(login, parsed.command.name));
    return `refused the paging command /${parsed.command.name} from ${login}`;
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
    { command: parsed.command, actor: login, policy: policyFor(repo, issue, runtime, login) },
    await contextOf(state.system),
  );
  await commit(result, `comment-${comment.id}`, state);
  return `/${parsed.command.name} by ${login}`;
}

/**
 * The pages a severity's policy calls for now, as triage decides them for this issue. Only a
 * person who may page gets here (a command or a label they may use), so the report counts as
 * confirmed: triaged as theirs, not as the outsider's who opened it.
 */
function policyFor(repo: OnCallRepository, issue: Record<string, any>, runtime: ActionRuntime, by: string) {
  return (severity: 1 | 2 | 3) => {
    const base = triageIssueOf(issue);
    const labels = [...base.labels.filter((label) => !/^sev:/.test(label)), `sev:${severity}`];
    const confirmed = { ...base, labels, author: by, authorAssociation: 'MEMBER' };
    const result = triage(repo, confirmed, runtime.now);
    return result.triaged ? result.decision.page : { now: [], later: [] };
  };
}

/**
 * May this person page (a paging command, a paging severity label)? The roster and the owner may;
 * anyone else needs write or triage permission, asked of GitHub.
 */
async function mayPageBy(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  commenter: { login: string; association: string; type?: string },
): Promise<boolean> {
  const inRoster = (candidate: string) => findPerson(repo.roster, candidate) !== undefined;
  if (isBot(commenter, runtime.botLogin)) return false;
  if (inRoster(commenter.login) || commenter.association === 'OWNER') return true;
  return mayPage(
    commenter,
    inRoster,
    await permissionOf(runtime.github, { owner: runtime.owner, repo: runtime.repo }, commenter.login),
    runtime.botLogin,
  );
}

/** The person's role on the repository (admin, maintain, write, triage, read, none). */
async function permissionOf(
  github: GitHub,
  repository: { owner: string; repo: string },
  username: string,
): Promise<string> {
  try {
    const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repository, username });
    return data.role_name || data.permission;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return 'none';
    throw err;
  }
}

/**
 * A record that does not parse (edited by hand, or damaged): said on the issue, once, and the run
 * fails; the record is left as it is for a person to restore from its edit history.
 */
async function reportDamagedRecord(runtime: ActionRuntime, err: DamagedRecord): Promise<string> {
  await upsertMarkedComment(
    runtime.github,
    {
      owner: runtime.owner,
      repo: runtime.repo,
      issue_number: err.issueNumber,
      botLogin: runtime.botLogin,
      marker: 'record-damaged',
    },
    `:warning: The incident record of this issue cannot be read (${inertMarkdown(err.why)}), so this run changed nothing and paged nobody. Someone with write access can restore the record comment from its edit history; until then, page by hand if needed.`,
  );
  throw err;
}
