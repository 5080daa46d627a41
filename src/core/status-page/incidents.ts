/**
 * The open incidents the status page lists: read from GitHub's issue objects (the REST API's
 * "list repository issues" answer, from the API or from a file), most severe first, then the
 * longest open. Incidents that could not be read at build time are `unknown`, never an empty list:
 * "no open incidents" is a claim the page makes only when it saw the list.
 */
import { DateTime } from 'luxon';
import { type STATUS_LABELS, severityOfLabels } from '../labels.js';

export interface OpenIncident {
  number: number;
  title: string;
  /** The issue's page; only an http(s) URL is kept. */
  url?: string;
  severity?: 1 | 2 | 3;
  /** The `system:ID` labels, without the prefix. */
  systems: string[];
  /** The status label without its prefix (`acknowledged`), or `open` when it has none. */
  status: string;
  openedAt?: DateTime;
}

export type IncidentsAtBuild =
  | { known: true; open: OpenIncident[] /** More were open than were read. */; truncated: boolean }
  | { known: false /** Why the list is missing, in a few words. */; reason: string };

export class IncidentListError extends Error {}

/** Most telling first when an issue carries more than one status label. */
const STATUS_ORDER = [
  'status:resolved',
  'status:escalated',
  'status:acknowledged',
  'status:paged',
  'status:deferred',
  'status:routed',
] as const satisfies readonly (typeof STATUS_LABELS)[number][];

/**
 * Open issues labelled `incident` among `issues`: an array of GitHub issue objects, or an array
 * of such arrays (`gh api --paginate --slurp`). Pull requests and closed issues are left out.
 * Throws IncidentListError, naming the entry, when the shape is not GitHub's.
 */
export function openIncidents(issues: unknown): OpenIncident[] {
  if (!Array.isArray(issues)) {
    throw new IncidentListError(
      'expected a JSON array of GitHub issues (as GET /repos/OWNER/REPO/issues returns)',
    );
  }
  const flat: unknown[] = issues.every(Array.isArray) && issues.length > 0 ? issues.flat() : issues;
  const incidents: OpenIncident[] = [];
  flat.forEach((item, index) => {
    const issue = readIssue(item, index);
    if (issue) incidents.push(issue);
  });
  return incidents.sort(
    (a, b) =>
      (a.severity ?? 9) - (b.severity ?? 9) ||
      (a.openedAt?.toMillis() ?? Number.POSITIVE_INFINITY) -
        (b.openedAt?.toMillis() ?? Number.POSITIVE_INFINITY) ||
      a.number - b.number,
  );
}

function readIssue(item: unknown, index: number): OpenIncident | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new IncidentListError(`entry ${index}: expected an issue object`);
  }
  const issue = item as Record<string, unknown>;
  const { number, title } = issue;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new IncidentListError(`entry ${index}: "number" must be a positive integer`);
  }
  if (typeof title !== 'string')
    throw new IncidentListError(`entry ${index} (#${number}): "title" must be text`);
  if (issue.pull_request !== undefined && issue.pull_request !== null) return undefined;
  if (issue.state !== undefined && issue.state !== 'open') return undefined;
  const labels = labelNames(issue.labels, index);
  if (!labels.includes('incident')) return undefined;

  const severity = severityOfLabels(labels);
  const status = STATUS_ORDER.find((name) => labels.includes(name));
  const url =
    typeof issue.html_url === 'string' && /^https?:\/\//i.test(issue.html_url) ? issue.html_url : undefined;
  const opened =
    typeof issue.created_at === 'string' ? DateTime.fromISO(issue.created_at, { zone: 'utc' }) : undefined;
  return {
    number,
    title,
    ...(url ? { url } : {}),
    ...(severity ? { severity } : {}),
    systems: labels.filter((name) => name.startsWith('system:')).map((name) => name.slice('system:'.length)),
    status: status ? status.slice('status:'.length) : 'open',
    ...(opened?.isValid ? { openedAt: opened } : {}),
  };
}

/** Label names, lower case: GitHub gives objects with `name`; strings are accepted too. */
function labelNames(labels: unknown, index: number): string[] {
  if (labels === undefined || labels === null) return [];
  if (!Array.isArray(labels)) throw new IncidentListError(`entry ${index}: "labels" must be a list`);
  return labels.flatMap((label) => {
    const name =
      typeof label === 'string'
        ? label
        : typeof label === 'object' && label !== null
          ? (label as { name?: unknown }).name
          : undefined;
    return typeof name === 'string' ? [name.toLowerCase()] : [];
  });
}
