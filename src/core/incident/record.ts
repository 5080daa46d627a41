/**
 * The incident record: one comment per incident, updated in place, that people read as a timeline
 * and the system reads back as its state. Nothing is stored outside GitHub: the state is a JSON
 * block inside an HTML comment of that comment, beside the issue's labels.
 */
import type { Effect } from './effects.js';

export type Severity = 1 | 2 | 3;
export type Kind = 'incident' | 'bug' | 'request';

/** One page: who was paged, for which step, under which dedup key, and whether it went out. */
export interface PageEntry {
  /**
   * `N:step-K` for an escalation step, `N:deferred:LOGIN` for a deferred sev:2 page; after the
   * issue was reopened, `N:rE:…` for episode E.
   */
  key: string;
  to: string[];
  /** A GitHub team paged through the channel and a mention (`team:ID` steps). */
  team?: string;
  reason: string;
  /** The escalation step or deferred slot it paged (`primary`, `point_people`, ...); absent in older records. */
  step?: string;
  /** When it was decided (intent); `sentAt` when Slack took it for every target. */
  at: string;
  sentAt?: string;
  /** Targets (logins, the channel) that got it: a retry sends only to the others. */
  delivered?: string[];
}

/**
 * A sev:2 page waiting for work hours. With `slot` (records written since pages name slots) it is
 * the slot's page: `github` and `at` are the plan (its holder, the first instant they are in work
 * hours), and the tick resolves the slot again before it pages. Without `slot` (older records) it
 * pages `github` at `at`, as it always did.
 */
export interface DeferredPage {
  github: string;
  at: string;
  slot?: string;
}

export interface TimelineEntry {
  at: string;
  text: string;
}

export interface IncidentState {
  version: 1;
  number: number;
  kind: Kind;
  severity: Severity;
  system?: string;
  team?: string;
  openedAt: string;
  /** Index in `escalation.steps` of the last step paged; -1 before any page. */
  level: number;
  /** When the last escalation step was paged: the next one is due `ack_minutes` later. */
  lastPageAt?: string;
  pages: PageEntry[];
  deferred: DeferredPage[];
  acknowledged?: { by: string; at: string };
  resolved?: { by: string; at: string; note?: string };
  routed?: { team: string; by: string; at: string; reason?: string };
  timeline: TimelineEntry[];
  /** How many times the issue was reopened after it was resolved; each reopening is a new episode. */
  reopened?: number;
  /**
   * Issue effects (labels, assignees, replies, closing) written here before they are applied, and
   * removed once applied: a run that stopped in between leaves them for the next run to finish.
   */
  unapplied?: { replyKey: string; effects: Effect[] }[];
}

const STATE_OPEN = '<!-- oncall-state ';
const STATE_CLOSE = ' -->';
export const RECORD_MARKER = 'incident-record';

/** Reads the state back from the record comment's body; undefined when it has none or it is damaged. */
export function parseRecord(body: string): IncidentState | undefined {
  const start = body.indexOf(STATE_OPEN);
  if (start < 0) return undefined;
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (end < 0) return undefined;
  try {
    const state = JSON.parse(body.slice(start + STATE_OPEN.length, end)) as IncidentState;
    return state.version === 1 && typeof state.number === 'number' ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Minutes between two ISO instants, rounded. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** The record as people read it, with the state hidden at its end. */
export function renderRecord(state: IncidentState, zone: string, format: (iso: string) => string): string {
  const status = state.resolved
    ? 'resolved'
    : state.routed
      ? `routed to ${state.routed.team}`
      : state.acknowledged
        ? 'acknowledged'
        : state.pages.length > 0
          ? 'paged, waiting for /ack'
          : state.deferred.length > 0
            ? 'page deferred to work hours'
            : 'open';
  const lines = [
    `### Incident record: ${state.kind}${state.kind === 'incident' ? ` sev:${state.severity}` : ''}, ${status}`,
    '',
    '| when | what |',
    '|---|---|',
    ...state.timeline.map((entry) => `| ${format(entry.at)} | ${entry.text.replace(/\|/g, '\\|')} |`),
    '',
  ];
  const tta = state.acknowledged ? minutesBetween(state.openedAt, state.acknowledged.at) : undefined;
  const ttr = state.resolved ? minutesBetween(state.openedAt, state.resolved.at) : undefined;
  if (tta !== undefined || ttr !== undefined) {
    lines.push(
      [
        tta !== undefined ? `time to acknowledge: ${tta} min` : '',
        ttr !== undefined ? `time to resolve: ${ttr} min` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      '',
    );
  }
  lines.push(
    `Times in ${zone}. Commands: \`/ack\`, \`/resolve [note]\`, \`/sev 1|2|3\`, \`/escalate\`, \`/route TEAM\`, \`/not-incident REASON\`.`,
  );
  lines.push(`${STATE_OPEN}${JSON.stringify(state)}${STATE_CLOSE}`);
  return lines.join('\n');
}
