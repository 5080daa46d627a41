/**
 * Applies an engine result to an incident on GitHub and Slack, in an order that survives a crash
 * or a repeated run: the record (with every page's dedup key) is written first, then the issue's
 * labels, assignees and replies, then the pages still unsent, and the record again with what went
 * out. A page already delivered to someone is never sent to them again; one that failed stays
 * unsent in the record, and the next tick tries it again. The whole commit holds the incident's
 * lock, so runs that overlap take turns and the second finds what the first did.
 */
import * as core from '@actions/core';
import { DateTime } from 'luxon';
import type { EngineResult } from '../../core/incident/engine.js';
import {
  type IncidentState,
  type PageEntry,
  RECORD_MARKER,
  renderRecord,
} from '../../core/incident/record.js';
import { findPerson } from '../../core/model/roster.js';
import type { Severity } from '../../core/paging/page-message.js';
import { withLockWaiting } from '../../io/github/creation-lock.js';
import {
  applyIssueEffects,
  type IssueRef,
  readIncidentState,
  writeIncidentRecord,
} from '../../io/github/incident-issue.js';
import { claimMarkedComment, upsertMarkedComment } from '../../io/github/marked-comment.js';
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
  // The record is read, compared and written by one run at a time: two runs that decided from
  // the same record (an /ack and the tick's escalation) would otherwise each write their own, and
  // the last write would lose the other's (the /ack). A run that waits finds the record moved on
  // and decides again (RecordConflict).
  return withLockWaiting(
    runtime.github,
    { owner: runtime.owner, repo: runtime.repo },
    `incident:${issue.number}`,
    runtime.now.toJSDate(),
    () => commitHoldingLock(runtime, repo, issue, result, replyKey, expected),
    { until: (runtime.deadline ?? Date.now() + 240_000) - 5_000, staleMinutes: INCIDENT_LOCK_STALE_MINUTES },
  );
}

/** A run that died holding an incident's lock leaves it; another takes it over after this long. */
const INCIDENT_LOCK_STALE_MINUTES = 5;

async function commitHoldingLock(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: IssueSummary,
  result: EngineResult,
  replyKey: string,
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
  // The issue effects are written into the record before they are applied, with any that an
  // earlier run left unapplied, so a run that stops half-way (a GitHub outage, a cancelled job)
  // leaves them for the next one: the reporter's reply and the labels are never lost.
  const unapplied = [...(state.unapplied ?? [])];
  const issueEffects = result.effects.filter((effect) => effect.type !== 'page');
  if (issueEffects.length > 0) unapplied.push({ replyKey, effects: issueEffects });
  if (unapplied.length > 0) state.unapplied = unapplied;
  if (current === undefined) {
    // The first record: of runs at once that all found none, one creates it; the others retry
    // from the record it wrote.
    const claim = await claimMarkedComment(
      runtime.github,
      { ...ref, marker: RECORD_MARKER },
      renderRecord(state, zone, format),
    );
    if (!claim.won) throw new RecordConflict(`another run wrote the first record of #${issue.number}`);
  } else {
    await writeIncidentRecord(runtime.github, ref, renderRecord(state, zone, format));
  }
  let effectsError: unknown;
  try {
    for (const batch of unapplied)
      await applyIssueEffects(runtime.github, ref, batch.effects, batch.replyKey);
    delete state.unapplied;
  } catch (err) {
    // The pages still go out; the effects stay in the record for the next run.
    effectsError = err;
  }

  const pagesSent: string[] = [];
  const pageFailures: string[] = [];
  const newKeys = new Set(result.effects.flatMap((effect) => (effect.type === 'page' ? [effect.key] : [])));
  for (const entry of state.pages) {
    if (entry.sentAt) continue;
    // A page another run decided moments ago is that run's to send: retry only older ones, so a
    // tick beside an incident run does not race it for the same page.
    if (!newKeys.has(entry.key) && !isStale(entry.at, runtime.now.toMillis())) continue;
    // The incident's lock, held for this whole commit, makes this the only run sending its pages.
    if (await deliverPage(runtime, repo, issue, ref, state, entry, pageFailures)) pagesSent.push(entry.key);
  }
  if (unapplied.length > 0 || state.pages.some((entry) => entry.delivered)) {
    await writeIncidentRecord(runtime.github, ref, renderRecord(state, zone, format));
  }
  if (effectsError !== undefined) throw effectsError;
  return { state, pagesSent, pageFailures };
}

/**
 * Sends one page to the targets the record says it has not reached: the GitHub mention first (it
 * notifies even when Slack is down; found before it is made, so an earlier attempt's is not made
 * again), then Slack, which looks for the page's dedup key before every post. Returns whether
 * every target now has it.
 */
async function deliverPage(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: IssueSummary,
  ref: IssueRef,
  state: IncidentState,
  entry: PageEntry,
  pageFailures: string[],
): Promise<boolean> {
  const delivered = new Set(entry.delivered ?? []);
  if (!delivered.has('github')) {
    const mentions = [
      ...entry.to.map((login) => `@${login}`),
      ...(entry.team ? [`@${runtime.owner}/${entry.team}`] : []),
    ];
    await upsertMarkedComment(
      runtime.github,
      { ...ref, marker: `page:${entry.key}` },
      `📟 Paging ${mentions.join(', ')}: ${entry.reason}. Comment \`/ack\` to take it.`,
    );
    delivered.add('github');
  }
  let ok = true;
  if (runtime.slack) {
    const outcome = await sendPage(
      runtime.slack,
      {
        key: entry.key,
        decidedAt: Date.parse(entry.at),
        to: entry.to,
        team: entry.team,
        reason: entry.reason,
        step: entry.step ?? stepOf(entry.key, entry.team),
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
    for (const failure of outcome.failures) {
      pageFailures.push(`${entry.key} → ${failure.target}: ${failure.why}`);
      core.warning(
        `page ${entry.key} not delivered to ${failure.target} (the next tick retries): ${failure.why}`,
      );
    }
  }
  entry.delivered = [...delivered];
  if (ok) entry.sentAt = runtime.now.toUTC().toISO() as string;
  return ok;
}

/**
 * The step a page of an older record (without `step`) paged, from its key: `N:step-K`, or
 * `N:rE:step-K` after a reopening (the episode is not the step).
 */
export function stepOf(key: string, team: string | undefined): string {
  if (team) return `team:${team}`;
  if (key.includes(':deferred:')) return 'primary';
  return key.split(':').find((part) => part.startsWith('step-')) ?? 'primary';
}

/** How long a decided page may stay unsent before another run sends it. */
export const PAGE_RETRY_AFTER_MS = 2 * 60_000;

export function isStale(decidedAt: string, now: number): boolean {
  return now - Date.parse(decidedAt) >= PAGE_RETRY_AFTER_MS;
}
