/**
 * Labels as code: every label the on-call system reads or sets, with its colour and description,
 * and the plan that brings a repository's labels in line (create the missing, update the drifted).
 * GitHub compares label names without case, and so does the plan.
 */
import type { PlaybookFrontMatter } from './model/schemas.js';

export interface LabelSpec {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

export const KIND_LABELS = ['incident', 'bug', 'request'] as const;
export const SEVERITY_LABELS = ['sev:1', 'sev:2', 'sev:3'] as const;
export const STATUS_LABELS = [
  'status:paged',
  'status:deferred',
  'status:acknowledged',
  'status:escalated',
  'status:resolved',
  'status:routed',
] as const;

export type KindLabel = (typeof KIND_LABELS)[number];
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];
export type StatusLabel = (typeof STATUS_LABELS)[number];

/** GitHub caps a label's description at 100 characters. */
export const MAX_DESCRIPTION = 100;

export const FIXED_LABELS: readonly LabelSpec[] = [
  { name: 'incident', color: 'b60205', description: 'Something is broken: triaged by the on-call system' },
  {
    name: 'bug',
    color: 'd73a4a',
    description: "Something doesn't work as it should: goes to the owning team's backlog",
  },
  { name: 'request', color: '0075ca', description: "A request for work: goes to the owning team's backlog" },
  {
    name: 'sev:1',
    color: 'b60205',
    description: 'Down for users: pages both on-call people at any hour, and the point-people',
  },
  {
    name: 'sev:2',
    color: 'd93f0b',
    description: 'Urgent, not down: pages the on-call people in their work hours',
  },
  { name: 'sev:3', color: 'fbca04', description: "Minor: pages nobody, goes to the owning team's backlog" },
  { name: 'status:paged', color: '5319e7', description: 'On-call people were paged; waiting for /ack' },
  { name: 'status:deferred', color: 'c5def5', description: 'A sev:2 page waits for the start of work hours' },
  { name: 'status:acknowledged', color: '0e8a16', description: 'Someone on call has it (/ack)' },
  {
    name: 'status:escalated',
    color: 'e99695',
    description: 'Not acknowledged in time: the next escalation step was paged',
  },
  { name: 'status:resolved', color: '2ea44f', description: 'Resolved (/resolve)' },
  { name: 'status:routed', color: 'bfd4f2', description: 'Not urgent: in a team backlog, nobody paged' },
  {
    name: 'handoff',
    color: '5319e7',
    description:
      'The Monday on-call handoff: opened by the handoff workflow, closed when its checklist is done',
  },
];

export const SYSTEM_LABEL_COLOR = '1d76db';
export const TEAM_LABEL_COLOR = '006b75';

export function systemLabel(system: string): string {
  return `system:${system}`;
}

export function teamLabel(team: string): string {
  return `team:${team}`;
}

export function severityLabel(severity: 1 | 2 | 3): SeverityLabel {
  return `sev:${severity}`;
}

/** The most severe `sev:N` label among `labels` (an issue can carry two for a moment); undefined for none. */
export function severityOfLabels(labels: readonly string[]): 1 | 2 | 3 | undefined {
  const index = SEVERITY_LABELS.findIndex((name) => labels.includes(name));
  return index < 0 ? undefined : ((index + 1) as 1 | 2 | 3);
}

/** `system:ID` for each playbook and `team:ID` for each team of the roster or of a playbook. */
export function desiredLabels(input: {
  playbooks: readonly { file: string; frontMatter: PlaybookFrontMatter }[];
  teams: Iterable<string>;
}): LabelSpec[] {
  const systems = [...input.playbooks]
    .sort((a, b) => a.frontMatter.system.localeCompare(b.frontMatter.system))
    .map(
      ({ file, frontMatter }): LabelSpec => ({
        name: systemLabel(frontMatter.system),
        color: SYSTEM_LABEL_COLOR,
        description: clip(`${frontMatter.title}: playbook ${file}`),
      }),
    );
  const teams = new Set(input.teams);
  for (const { frontMatter } of input.playbooks) teams.add(frontMatter.team);
  const teamLabels = [...teams].sort().map(
    (team): LabelSpec => ({
      name: teamLabel(team),
      color: TEAM_LABEL_COLOR,
      description: clip(`In the backlog of the ${team} team`),
    }),
  );
  return uniqueByName([...FIXED_LABELS, ...systems, ...teamLabels]);
}

export interface ExistingLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface LabelChange {
  /** The name on GitHub (its case kept) for updates; the wanted name for creations. */
  name: string;
  color: string;
  description: string;
  before?: { color: string; description: string | null };
}

export interface LabelPlan {
  create: LabelChange[];
  update: LabelChange[];
  unchanged: string[];
}

/** What to create and what to update so that every wanted label exists with its colour and description. */
export function planLabelSync(wanted: readonly LabelSpec[], existing: readonly ExistingLabel[]): LabelPlan {
  const byName = new Map(existing.map((label) => [label.name.toLowerCase(), label]));
  const plan: LabelPlan = { create: [], update: [], unchanged: [] };
  for (const label of wanted) {
    const current = byName.get(label.name.toLowerCase());
    if (!current) {
      plan.create.push({ name: label.name, color: label.color, description: label.description });
    } else if (
      current.color.toLowerCase() !== label.color.toLowerCase() ||
      (current.description ?? '') !== label.description
    ) {
      plan.update.push({
        name: current.name,
        color: label.color,
        description: label.description,
        before: { color: current.color, description: current.description },
      });
    } else {
      plan.unchanged.push(current.name);
    }
  }
  return plan;
}

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

function uniqueByName(labels: LabelSpec[]): LabelSpec[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = label.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
