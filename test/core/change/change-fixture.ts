/**
 * A base on-call repository for the change check, and a way to judge an edited copy of it: both
 * sides are real file trees read by the real loaders, so YAML tricks reach the check as they would
 * from a pull request.
 */
import { DateTime } from 'luxon';
import {
  checkPullRequest,
  type PullRequestOutcome,
} from '../../../src/actions/validate-pr/check-pull-request.js';
import type { Approval } from '../../../src/core/change/agreement.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

export const NOW = DateTime.fromISO('2027-01-05T12:00:00-05:00', { setZone: true });
export const PEOPLE = 'rotations/people.yaml';
export const ROTATION = 'rotations/ops/rotation.yaml';
export const SCHEDULE = 'rotations/ops/schedule.yaml';
export const PLAYBOOK = 'playbooks/gravity.md';
export const HEAD_SHA = 'a'.repeat(40);

/** smallRepoFiles plus: fay is the admin, cy is away now, Slack ids, a playbook and the machinery. */
export function baseFiles(): Record<string, string> {
  const files = smallRepoFiles();
  files[PEOPLE] = (files[PEOPLE] as string)
    .replace(
      '  - { github: ana, name: Ana, team: red, timezone: America/New_York }',
      '  - { github: ana, name: Ana, team: red, timezone: America/New_York, slack: U0ANA }',
    )
    .replace(
      '  - { github: ben, name: Ben, team: blue, timezone: Europe/London }',
      '  - { github: ben, name: Ben, team: blue, timezone: Europe/London, slack: U0BEN }',
    )
    .replace(
      '  - { github: cy, name: Cy, team: green, timezone: America/Los_Angeles }',
      '  - github: cy\n    name: Cy\n    team: green\n    timezone: America/Los_Angeles\n    away:\n      - { from: 2027-01-04, to: 2027-01-08, reason: flu }',
    );
  files[ROTATION] = `${files[ROTATION]}admins: [fay]\n`;
  files[PLAYBOOK] = `---
system: gravity
title: Gravity (core API)
team: red
point_people: [ana]
---
# Gravity
## Symptoms
- errors
## Diagnose
1. look
## Mitigate
- restart
## Escalate
- ana
`;
  files['.github/CODEOWNERS'] = `# machinery and policy
/.github/                  @ana
/actions/                  @ana
/dist/                     @ana
/package*.json             @ana
/rotations/*/rotation.yaml @fay
`;
  files['.github/workflows/validate-pr.yml'] = 'name: validate-pr\non: [pull_request]\n';
  files['actions/validate-pr/action.yml'] =
    "name: validate-pr\nruns: { using: node20, main: '../../dist/actions/validate-pr.js' }\n";
  files['dist/actions/validate-pr.js'] = 'console.log("check");\n';
  files['package.json'] = '{ "name": "oncall", "private": true }\n';
  files['README.md'] = '# On call\n';
  return files;
}

export type Edit = (files: Record<string, string | null>) => void;

export interface Consent {
  author: string;
  committers?: string[];
  /** Logins approving the head commit, or { login, onHead: false } for an older one. */
  approvals?: (string | Approval)[];
  repositoryAdmins?: string[];
  teams?: Record<string, string[]>;
  base?: Edit;
}

/** Judges the base against the base with `edit` applied, through the same path as the action. */
export async function judge(edit: Edit, consent: Consent): Promise<PullRequestOutcome> {
  const base: Record<string, string | null> = baseFiles();
  consent.base?.(base);
  const head = { ...base };
  edit(head);
  const baseRoot = makeRepo(present(base));
  const headRoot = makeRepo(present(head));
  return checkPullRequest({
    baseRoot,
    headRoot,
    author: consent.author,
    committers: consent.committers ?? [consent.author],
    approvals: (consent.approvals ?? []).map((item) =>
      typeof item === 'string' ? { login: item, onHead: true, via: 'review' as const } : item,
    ),
    repositoryAdmins: consent.repositoryAdmins,
    teams: consent.teams,
    headSha: HEAD_SHA,
    now: NOW,
  });
}

function present(files: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/** Replaces `from` by `to` in `file`, failing loudly when `from` is not there (a fixture drifted). */
export function replace(
  files: Record<string, string | null>,
  file: string,
  from: string | RegExp,
  to: string,
): void {
  const text = files[file];
  if (typeof text !== 'string') throw new Error(`${file} is not in the fixture`);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file} does not contain ${String(from)}`);
  files[file] = next;
}

/** Moves a file to another path. */
export function move(files: Record<string, string | null>, from: string, to: string): void {
  files[to] = files[from] ?? null;
  files[from] = null;
}

/** ben and cy swap: ben takes 2027-02-15 from cy; cy takes 2027-02-22 from ben. */
export const swapBenCy: Edit = (files) => {
  replace(
    files,
    SCHEDULE,
    '{ start: 2027-02-15, primary: ana, secondary: cy }',
    '{ start: 2027-02-15, primary: ana, secondary: ben }',
  );
  replace(
    files,
    SCHEDULE,
    '{ start: 2027-02-22, primary: ben, secondary: dee }',
    '{ start: 2027-02-22, primary: cy, secondary: dee }',
  );
};
