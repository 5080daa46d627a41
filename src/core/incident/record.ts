/**
 * The incident record: one comment per incident, updated in place, that people read as a timeline
 * and the system reads back as its state. Nothing is stored outside GitHub: the state is a JSON
 * block inside an HTML comment of that comment, beside the issue's labels.
 */
import { inertInComment, inertMarkdown } from '../text/inert.js';
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
  /** The bot's own words. */
  text: string;
  /** What a person wrote (a note, a reason), shown after the text, inert: never markup. */
  quote?: string;
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
  /** Who opened the issue, and whether they are in the roster or a member/collaborator. */
  reporter?: { login: string; member: boolean };
  /**
   * A report from outside (not in the roster, not a member or collaborator) pages nobody until a
   * roster member confirms it: `/confirm`, `/sev 1|2` or a `sev:` label. Set while it waits.
   */
  unconfirmed?: { since: string };
  /** Pages the page budget held back: recorded, never sent. */
  held?: PageEntry[];
  /**
   * Issue effects (labels, assignees, replies, closing) written here before they are applied, and
   * removed once applied: a run that stopped in between leaves them for the next run to finish.
   */
  unapplied?: { replyKey: string; effects: Effect[] }[];
}

/**
 * The state is kept as base64 of its JSON at the very end of the bot's own record comment: no
 * text a person wrote can appear in it, open it or close it, and it is read from the last block
 * only. Records written before the encoding (plain JSON) are still read, from their last block.
 */
const STATE_OPEN = '<!-- oncall-state ';
const STATE_OPEN_ENCODED = '<!-- oncall-state:b64 ';
const STATE_CLOSE = ' -->';
export const RECORD_MARKER = 'incident-record';

export type RecordRead =
  | { status: 'none' }
  | { status: 'ok'; state: IncidentState }
  | { status: 'damaged'; why: string };

/** Reads the state back from the record comment's body: none, the state, or why it is damaged. */
export function readRecord(body: string): RecordRead {
  const start = body.lastIndexOf(STATE_OPEN.trimEnd());
  if (start < 0) return { status: 'none' };
  const encoded = body.startsWith(STATE_OPEN_ENCODED, start);
  const open = encoded ? STATE_OPEN_ENCODED : STATE_OPEN;
  if (!encoded && !body.startsWith(STATE_OPEN, start))
    return { status: 'damaged', why: 'the state block is not one this system wrote' };
  const end = body.indexOf(STATE_CLOSE, start + open.length);
  if (end < 0) return { status: 'damaged', why: 'the state block is not closed' };
  const raw = body.slice(start + open.length, end).trim();
  let value: unknown;
  try {
    if (encoded) {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return { status: 'damaged', why: 'the state is not base64' };
      value = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    } else value = JSON.parse(raw);
  } catch {
    return { status: 'damaged', why: 'the state is not JSON' };
  }
  const problem = stateShapeProblem(value);
  return problem ? { status: 'damaged', why: problem } : { status: 'ok', state: value as IncidentState };
}

/** The state from a record comment's body; undefined when it has none or it is damaged. */
export function parseRecord(body: string): IncidentState | undefined {
  const read = readRecord(body);
  return read.status === 'ok' ? read.state : undefined;
}

/** What is wrong with a decoded state's shape, or undefined when it is one this system writes. */
export function stateShapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the state is not an object';
  if (value.version !== 1) return 'the state has an unknown version';
  if (!Number.isInteger(value.number)) return '"number" is not an issue number';
  if (!['incident', 'bug', 'request'].includes(value.kind as string)) return '"kind" is unknown';
  if (![1, 2, 3].includes(value.severity as number)) return '"severity" is not 1, 2 or 3';
  if (!isInstant(value.openedAt)) return '"openedAt" is not a date-time';
  if (!Number.isInteger(value.level)) return '"level" is not a number';
  if (!Array.isArray(value.pages) || !value.pages.every(isPageEntry)) return '"pages" are malformed';
  if (value.held !== undefined && (!Array.isArray(value.held) || !value.held.every(isPageEntry)))
    return '"held" is malformed';
  if (
    !Array.isArray(value.deferred) ||
    !value.deferred.every((entry) => isObject(entry) && isLogin(entry.github) && isInstant(entry.at))
  )
    return '"deferred" is malformed';
  if (
    !Array.isArray(value.timeline) ||
    !value.timeline.every((entry) => isObject(entry) && isInstant(entry.at) && typeof entry.text === 'string')
  )
    return '"timeline" is malformed';
  return undefined;
}

/**
 * Targets in a state that the rotation does not know: every login a page or deferred page names
 * must be in the roster, every team one of the escalation's `team:` steps. A state naming anyone
 * else was not written by this system for this rotation, and nobody is paged from it.
 */
export function unknownTargets(
  state: IncidentState,
  known: { person(login: string): boolean; teams: readonly string[] },
): string[] {
  const unknown = new Set<string>();
  for (const entry of [...state.pages, ...(state.held ?? [])]) {
    for (const login of entry.to) if (!known.person(login)) unknown.add(`@${login}`);
    if (entry.team !== undefined && !known.teams.includes(entry.team)) unknown.add(`team:${entry.team}`);
  }
  for (const entry of state.deferred) if (!known.person(entry.github)) unknown.add(`@${entry.github}`);
  return [...unknown];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInstant(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isLogin(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(value);
}

function isPageEntry(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.key === 'string' &&
    Array.isArray(value.to) &&
    value.to.every(isLogin) &&
    (value.team === undefined ||
      (typeof value.team === 'string' && /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(value.team))) &&
    typeof value.reason === 'string' &&
    isInstant(value.at)
  );
}

/** Minutes between two ISO instants, rounded. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/**
 * The record names people without notifying them: it is data, written and rewritten by every
 * run, and the page comment is what notifies. An invisible joiner after `@` (as core/text/inert
 * does for people's text) keeps the name readable and stops GitHub from making it a mention, even
 * in a record made twice at once.
 */
export function quietMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200d');
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
            : state.unconfirmed
              ? 'waiting for a roster member to /confirm'
              : 'open';
  const lines = [
    `### Incident record: ${state.kind}${state.kind === 'incident' ? ` sev:${state.severity}` : ''}, ${status}`,
    '',
    '| when | what |',
    '|---|---|',
    ...state.timeline.map((entry) => `| ${format(entry.at)} | ${timelineCell(entry)} |`),
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
    `Times in ${zone}. Commands: \`/ack\`, \`/resolve [note]\`, \`/sev 1|2|3\`, \`/escalate\`, \`/confirm\`, \`/route TEAM\`, \`/not-incident REASON\`.`,
  );
  lines.push(
    `${STATE_OPEN_ENCODED}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64')}${STATE_CLOSE}`,
  );
  return lines.join('\n');
}

/** A timeline line: the bot's words (no comment delimiters, `|` escaped), then a person's, inert. */
function timelineCell(entry: TimelineEntry): string {
  const text = quietMentions(inertInComment(entry.text)).replace(/\|/g, '\\|');
  return entry.quote === undefined ? text : `${text}: ${inertMarkdown(entry.quote)}`;
}
