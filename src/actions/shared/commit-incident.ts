/**
 * Applies an engine result to an incident on GitHub and Slack, in an order that survives a crash
 * or a repeated run: the record (with every page's dedup key) is written first, then the issue's
 * labels, assignees and replies, then the pages still unsent, and the record again with what went
 * out. A page already delivered to someone is never sent to them again; one that failed stays
 * unsent in the record, and the next tick tries it again.
 */
import { DateTime } from 'luxon';
import type { EngineResult } from '../../core/incident/engine.js';
import { type IncidentState, renderRecord } from '../../core/incident/record.js';
import { findPerson } from '../../core/model/roster.js';
import type { Severity } from '../../core/paging/page-message.js';
import {
  applyIssueEffects,
  type IssueRef,
  readIncidentState,
  writeIncidentRecord,
} from '../../io/github/incident-issue.js';
import { upsertMarkedComment } from '../../io/github/marked-comment.js';
import { sendPage } from '../../io/slack/pager.js';
import type { OnCallRepository } from './incident-context.js';
import type { ActionRuntime } from './runtime.js';

export interface IssueSummary {
  number: number;
  title: string;
  url: string;
}

export interface CommitOutcome {
  state: IncidentState;
  pagesSent: string[];
  pageFailures: string[];
}

/** The record changed between reading it and writing it: another run got there first. */
export class RecordConflict extends Error {}

export async function commitIncident(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: IssueSummary,
  result: EngineResult,
  replyKey: string,
  /** The state the result was computed from; the write is refused when the record moved on. */
  expected: IncidentState | undefined,
): Promise<CommitOutcome> {
  const ref: IssueRef = {
    owner: runtime.owner,
    repo: runtime.repo,
    issue_number: issue.number,
    botLogin: runtime.botLogin,
  };
  const zone = repo.source.rotation.timezone;
  const format = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
  const state = result.state;
  const current = await readIncidentState(runtime.github, ref);
  if (JSON.stringify(current) !== JSON.stringify(expected)) {
    throw new RecordConflict(`the record of #${issue.number} changed while this run worked`);
  }
  await writeIncidentRecord(runtime.github, ref, renderRecord(state, zone, format));
  await applyIssueEffects(runtime.github, ref, result.effects, replyKey);

  const pagesSent: string[] = [];
  const pageFailures: string[] = [];
  for (const entry of state.pages) {
    if (entry.sentAt) continue;
    // GitHub first: a mention on the issue notifies even when Slack is down.
    const mentions = [
      ...entry.to.map((login) => `@${login}`),
      ...(entry.team ? [`@${runtime.owner}/${entry.team}`] : []),
    ];
    await upsertMarkedComment(
      runtime.github,
      { ...ref, marker: `page:${entry.key}` },
      `📟 Paging ${mentions.join(', ')}: ${entry.reason}. Comment \`/ack\` to take it.`,
    );
    const delivered = new Set(entry.delivered ?? []);
    delivered.add('github');
    let ok = true;
    if (runtime.slack) {
      const outcome = await sendPage(
        runtime.slack,
        {
          key: entry.key,
          to: entry.to,
          team: entry.team,
          reason: entry.reason,
          step: stepOf(entry.key, entry.team),
        },
        {
          number: issue.number,
          title: issue.title,
          url: issue.url,
          severity: state.severity as Severity,
          system: state.system,
        },
        (login) => findPerson(repo.roster, login),
        repo.source.rotation.slack?.channel,
        [...delivered],
      );
      for (const target of outcome.delivered) delivered.add(target);
      ok = outcome.ok;
      for (const failure of outcome.failures)
        pageFailures.push(`${entry.key} → ${failure.target}: ${failure.why}`);
    }
    entry.delivered = [...delivered];
    if (ok) {
      entry.sentAt = runtime.now.toUTC().toISO() as string;
      pagesSent.push(entry.key);
    }
  }
  if (state.pages.some((entry) => entry.delivered)) {
    await writeIncidentRecord(runtime.github, ref, renderRecord(state, zone, format));
  }
  return { state, pagesSent, pageFailures };
}

function stepOf(key: string, team: string | undefined): string {
  if (team) return `team:${team}`;
  if (key.includes(':deferred:')) return 'primary';
  return key.split(':')[1] ?? 'primary';
}
