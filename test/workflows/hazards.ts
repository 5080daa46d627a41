// Hazard checks over GitHub Actions workflows: pure functions of one workflow file, read as plain data
// (plus its text, for the trailing comments that YAML parsing drops). Each check returns findings that
// name the file and the job or step; no finding means the workflow is clear of that hazard.
// GitHub's own parser (@actions/workflow-parser) checks the syntax; these checks are our policy on top.
import { parse } from 'yaml';

export interface WorkflowFile {
  /** Path shown in findings, e.g. `.github/workflows/ci.yml`. */
  file: string;
  text: string;
  data: unknown;
}

export interface Finding {
  file: string;
  /** The place: `top level`, `jobs.build`, `jobs.build.steps[2] (Run the tests)`, `line 12`. */
  where: string;
  message: string;
}

export interface Hazard {
  id: string;
  title: string;
  check: (workflow: WorkflowFile) => Finding[];
}

export function readWorkflow(file: string, text: string): WorkflowFile {
  return { file, text, data: parse(text) };
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.where}: ${finding.message}`;
}

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function root(workflow: WorkflowFile): Mapping {
  return isMapping(workflow.data) ? workflow.data : {};
}

function jobsOf(workflow: WorkflowFile): [string, Mapping][] {
  const jobs = root(workflow).jobs;
  if (!isMapping(jobs)) return [];
  return Object.entries(jobs).filter((entry): entry is [string, Mapping] => isMapping(entry[1]));
}

interface StepRef {
  jobId: string;
  job: Mapping;
  index: number;
  step: Mapping;
  where: string;
}

function stepsOf(workflow: WorkflowFile): StepRef[] {
  const out: StepRef[] = [];
  for (const [jobId, job] of jobsOf(workflow)) {
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step: unknown, index) => {
      if (!isMapping(step)) return;
      const label = [step.name, step.id, step.uses].find((v) => typeof v === 'string');
      const where = `jobs.${jobId}.steps[${index}]${label === undefined ? '' : ` (${label})`}`;
      out.push({ jobId, job, index, step, where });
    });
  }
  return out;
}

/** The events a workflow runs on, whichever form `on:` takes (a name, a list, or a mapping). */
export function triggersOf(workflow: WorkflowFile): Set<string> {
  const on = root(workflow).on;
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on)) return new Set(on.filter((e): e is string => typeof e === 'string'));
  if (isMapping(on)) return new Set(Object.keys(on));
  return new Set();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function withInput(step: Mapping, name: string): unknown {
  return isMapping(step.with) ? step.with[name] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// (a) No attacker-controlled context interpolated into a shell or a script.

/** The `${{ … }}` expressions in a text, with `x['y']` rewritten as `x.y` and string literals blanked. */
export function expressionsIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    const body = (match[1] ?? '')
      .replace(/\[\s*'([A-Za-z_][\w-]*)'\s*\]/g, '.$1')
      .replace(/'(?:[^']|'')*'/g, "''");
    out.push(body.trim());
  }
  return out;
}

const UNTRUSTED: { pattern: RegExp; why: string }[] = [
  {
    pattern: /(?<![\w.-])github\.event\b(?!_)/,
    why: 'github.event is the event payload: titles, bodies, branch names and comments are written by whoever opened the pull request or issue',
  },
  { pattern: /(?<![\w.-])github\.head_ref\b/, why: 'github.head_ref is a branch name the PR author chose' },
  { pattern: /(?<![\w.-])github\b(?!\s*\.)/, why: 'the whole github context includes the event payload' },
  { pattern: /(?<![\w.-])inputs\./, why: 'inputs are text from whoever started or called the workflow' },
  {
    pattern: /(?<![\w.-])env\./,
    why: 'interpolating env.X pastes its value into the script; read it as the shell variable $X',
  },
];

function untrustedInterpolation(workflow: WorkflowFile): Finding[] {
  const findings: Finding[] = [];
  for (const { step, where } of stepsOf(workflow)) {
    const bodies: [string, string | undefined][] = [
      ['run', str(step.run)],
      ['with.script', str(withInput(step, 'script'))],
    ];
    for (const [field, body] of bodies) {
      if (body === undefined) continue;
      for (const expression of expressionsIn(body)) {
        const hit = UNTRUSTED.find(({ pattern }) => pattern.test(expression));
        if (hit === undefined) continue;
        findings.push({
          file: workflow.file,
          where,
          message: `\`${field}\` interpolates \`\${{ ${expression} }}\`: ${hit.why}. Pass it through \`env:\` and use the variable instead`,
        });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (b) Least privilege: the workflow grants nothing it does not read; each job lists what it needs.

const LEVELS = new Set(['read', 'write', 'none']);

function permissions(workflow: WorkflowFile): Finding[] {
  const findings: Finding[] = [];
  const add = (where: string, message: string) => findings.push({ file: workflow.file, where, message });
  const top = root(workflow).permissions;
  if (top === undefined) {
    add(
      'top level',
      'no `permissions`: set `permissions: {}` (or `contents: read`) so jobs start from nothing',
    );
  } else if (!isMapping(top)) {
    add('top level', `\`permissions: ${String(top)}\`: use \`{}\` or a mapping of read-only scopes`);
  } else {
    for (const [scope, level] of Object.entries(top)) {
      if (level !== 'read' && level !== 'none') {
        add(
          'top level',
          `\`permissions.${scope}: ${String(level)}\`: the top level is read-only; grant writes per job`,
        );
      }
    }
  }
  for (const [jobId, job] of jobsOf(workflow)) {
    const where = `jobs.${jobId}`;
    const granted = job.permissions;
    if (granted === undefined) {
      add(where, 'no `permissions`: list exactly the scopes this job needs (or `{}`)');
    } else if (!isMapping(granted)) {
      add(where, `\`permissions: ${String(granted)}\` grants every scope: list the scopes this job needs`);
    } else {
      for (const [scope, level] of Object.entries(granted)) {
        if (typeof level !== 'string' || !LEVELS.has(level)) {
          add(where, `\`permissions.${scope}: ${String(level)}\`: use read, write or none`);
        }
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (c) Every third-party action and reusable workflow pinned to a full commit SHA, version in a comment.

const FULL_SHA = /^[0-9a-f]{40}$/;

function isLocalOrDocker(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('docker://');
}

function pinnedActions(workflow: WorkflowFile): Finding[] {
  const findings: Finding[] = [];
  const checkRef = (ref: string, where: string) => {
    if (isLocalOrDocker(ref)) return;
    const at = ref.lastIndexOf('@');
    const version = at < 0 ? '' : ref.slice(at + 1);
    if (!FULL_SHA.test(version)) {
      findings.push({
        file: workflow.file,
        where,
        message: `\`uses: ${ref}\` is not pinned to a full 40-hex commit SHA: a tag or branch can be moved to other code. Write \`${at < 0 ? ref : ref.slice(0, at)}@<sha> # vX.Y.Z\``,
      });
    }
  };
  for (const [jobId, job] of jobsOf(workflow)) {
    const ref = str(job.uses);
    if (ref !== undefined) checkRef(ref, `jobs.${jobId}`);
  }
  for (const { step, where } of stepsOf(workflow)) {
    const ref = str(step.uses);
    if (ref !== undefined) checkRef(ref, where);
  }
  // The version a SHA stands for lives only in the trailing comment, so read the text for it.
  workflow.text.split('\n').forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(#.*)?$/.exec(line);
    const ref = match?.[1];
    if (ref === undefined || isLocalOrDocker(ref)) return;
    const version = ref.slice(ref.lastIndexOf('@') + 1);
    if (FULL_SHA.test(version) && !/^#\s*v?\d/.test(match?.[2] ?? '')) {
      findings.push({
        file: workflow.file,
        where: `line ${index + 1}`,
        message: `\`uses: ${ref}\` has no version comment: add \`# vX.Y.Z\` after the SHA so reviewers and Dependabot can read it`,
      });
    }
  });
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (d) Every job has a timeout (the default is six hours of a stuck runner).

function jobTimeouts(workflow: WorkflowFile): Finding[] {
  const findings: Finding[] = [];
  for (const [jobId, job] of jobsOf(workflow)) {
    if (job.uses !== undefined) continue; // a reusable workflow's jobs carry their own timeouts
    const timeout = job['timeout-minutes'];
    const ok =
      (typeof timeout === 'number' && timeout > 0) ||
      (typeof timeout === 'string' && timeout.includes('${{'));
    if (!ok) {
      findings.push({
        file: workflow.file,
        where: `jobs.${jobId}`,
        message:
          timeout === undefined
            ? 'no `timeout-minutes`: a stuck job would hold a runner for six hours'
            : `\`timeout-minutes: ${String(timeout)}\` is not a positive number of minutes`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (e) No pull_request_target (or workflow_run) job that checks out the pull request's code: those run
// with a write token and secrets, so the PR's code must never be fetched there.

const PR_HEAD_REF =
  /pull_request\.head|head_ref|refs\/pull\/|pull_request\.number|event\.number|workflow_run\.head|merge_commit_sha/;
const PR_FETCH_IN_SHELL =
  /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/|\bgit\s+(?:checkout|switch)\b[^\n]*\bpull\//;

function isCheckout(step: Mapping): boolean {
  return str(step.uses)?.startsWith('actions/checkout@') ?? false;
}

function privilegedCheckout(workflow: WorkflowFile): Finding[] {
  const privileged = [...triggersOf(workflow)].filter(
    (t) => t === 'pull_request_target' || t === 'workflow_run',
  );
  if (privileged.length === 0) return [];
  const on = privileged.join(', ');
  const findings: Finding[] = [];
  for (const { step, where } of stepsOf(workflow)) {
    if (isCheckout(step)) {
      const ref = `${String(withInput(step, 'ref') ?? '')} ${String(withInput(step, 'repository') ?? '')}`;
      if (PR_HEAD_REF.test(ref)) {
        findings.push({
          file: workflow.file,
          where,
          message: `checks out the pull request's code in a workflow on ${on}, which runs with a write token and secrets: use \`pull_request\` for anything that reads PR code`,
        });
      }
    }
    const run = str(step.run);
    if (run !== undefined && PR_FETCH_IN_SHELL.test(run)) {
      findings.push({
        file: workflow.file,
        where,
        message: `fetches the pull request's code in a workflow on ${on}, which runs with a write token and secrets`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (f) Schedules: GitHub runs cron at most every 5 minutes and is busiest (delays, drops) at minute 0.

/** The minutes of the hour a cron minute field fires at, or undefined when it cannot be read. */
export function cronMinutes(field: string): number[] | undefined {
  const minutes = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\d{1,2}(?:-\d{1,2})?)(?:\/(\d{1,2}))?$/.exec(part);
    if (match === null) return undefined;
    const range = match[1] ?? '';
    const step = match[2] === undefined ? 1 : Number.parseInt(match[2], 10);
    let low = 0;
    let high = 59;
    if (range !== '*') {
      const [from, to] = range.split('-');
      low = Number.parseInt(from ?? '', 10);
      high = to === undefined ? (match[2] === undefined ? low : 59) : Number.parseInt(to, 10);
    }
    if (step < 1 || low > high || high > 59) return undefined;
    for (let minute = low; minute <= high; minute += step) minutes.add(minute);
  }
  return [...minutes].sort((a, b) => a - b);
}

/** The shortest gap in minutes between two runs, assuming consecutive hours (a lower bound). */
export function shortestCronGap(minutes: number[]): number {
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  if (first === undefined || last === undefined) return Number.POSITIVE_INFINITY;
  let gap = 60 - last + first;
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, (minutes[i] ?? 0) - (minutes[i - 1] ?? 0));
  return gap;
}

function scheduleCron(workflow: WorkflowFile): Finding[] {
  const on = root(workflow).on;
  const schedule = isMapping(on) && Array.isArray(on.schedule) ? on.schedule : [];
  const findings: Finding[] = [];
  schedule.forEach((entry: unknown, index) => {
    const cron = isMapping(entry) ? str(entry.cron) : undefined;
    const where = `on.schedule[${index}]${cron === undefined ? '' : ` (${cron})`}`;
    const add = (message: string) => findings.push({ file: workflow.file, where, message });
    const fields = cron?.trim().split(/\s+/) ?? [];
    const minutes = fields.length === 5 ? cronMinutes(fields[0] ?? '') : undefined;
    if (minutes === undefined) {
      add('cannot read the cron expression (five fields, minute first)');
      return;
    }
    if (shortestCronGap(minutes) < 5) {
      add('runs more often than every 5 minutes, the shortest interval GitHub schedules');
    }
    if (minutes.includes(0)) {
      add(
        "fires at minute 0, when GitHub's scheduler is busiest and delays or drops runs: offset it (e.g. `7 * * * *`, or `2-59/5 * * * *` for every 5 minutes)",
      );
    }
  });
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (g) A workflow that writes sets `concurrency`, so two runs at once never act twice.

function grantsWrite(granted: unknown): boolean {
  if (granted === 'write-all') return true;
  return isMapping(granted) && Object.values(granted).some((level) => level === 'write');
}

function writerConcurrency(workflow: WorkflowFile): Finding[] {
  if (root(workflow).concurrency !== undefined) return [];
  const topWrites = grantsWrite(root(workflow).permissions);
  const findings: Finding[] = [];
  for (const [jobId, job] of jobsOf(workflow)) {
    const writes = job.permissions === undefined ? topWrites : grantsWrite(job.permissions);
    if (writes && job.concurrency === undefined) {
      findings.push({
        file: workflow.file,
        where: `jobs.${jobId}`,
        message:
          'has write permissions but neither the workflow nor the job sets `concurrency`: two runs at once could comment, page or open an issue twice',
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// (h) On pull-request events, a job holding a write token never runs the PR's code: every checkout of
// the PR drops its credentials, and local actions (`uses: ./…`) come from a checkout of the base.

const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

function normalizePath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

function prCodeWithWriteToken(workflow: WorkflowFile): Finding[] {
  if (![...triggersOf(workflow)].some((t) => PR_EVENTS.has(t))) return [];
  const topWrites = grantsWrite(root(workflow).permissions);
  const findings: Finding[] = [];
  for (const [jobId, job] of jobsOf(workflow)) {
    const writes = job.permissions === undefined ? topWrites : grantsWrite(job.permissions);
    if (!writes) continue;
    const steps = stepsOf(workflow).filter((s) => s.jobId === jobId);
    const prCheckouts: string[] = [];
    for (const { step, where } of steps) {
      if (!isCheckout(step)) continue;
      const ref = str(withInput(step, 'ref'));
      // Without a ref, checkout takes the event's commit: on pull-request events, the PR's code.
      const isPrCode = ref === undefined || PR_HEAD_REF.test(ref) || /github\.sha\b/.test(ref);
      if (!isPrCode) continue;
      prCheckouts.push(normalizePath(str(withInput(step, 'path')) ?? ''));
      if (withInput(step, 'persist-credentials') !== false) {
        findings.push({
          file: workflow.file,
          where,
          message:
            "checks out the pull request's code in a job with a write token without `persist-credentials: false`: the token would sit in .git/config for the PR's code to read",
        });
      }
    }
    for (const { step, where } of steps) {
      const ref = str(step.uses);
      if (ref === undefined || !ref.startsWith('./')) continue;
      const path = normalizePath(ref);
      if (prCheckouts.some((dir) => isUnder(path, dir))) {
        findings.push({
          file: workflow.file,
          where,
          message: `\`uses: ${ref}\` runs an action from the pull request's checkout with a write token: run it from a checkout of the base branch`,
        });
      }
    }
  }
  return findings;
}

export const HAZARDS: readonly Hazard[] = [
  {
    id: 'untrusted-interpolation',
    title: 'no attacker-controlled context interpolated into run: or script:',
    check: untrustedInterpolation,
  },
  {
    id: 'permissions',
    title: 'top-level permissions read-only or empty; each job lists its own',
    check: permissions,
  },
  {
    id: 'pinned-actions',
    title: 'third-party actions pinned to a full commit SHA with the version in a comment',
    check: pinnedActions,
  },
  { id: 'job-timeouts', title: 'timeout-minutes on every job', check: jobTimeouts },
  {
    id: 'privileged-checkout',
    title: 'no pull_request_target or workflow_run job checks out the pull request',
    check: privilegedCheckout,
  },
  {
    id: 'schedule-cron',
    title: 'schedules at most every 5 minutes and never at minute 0',
    check: scheduleCron,
  },
  { id: 'writer-concurrency', title: 'workflows that write set concurrency', check: writerConcurrency },
  {
    id: 'pr-code-with-write-token',
    title: "no job with a write token runs the pull request's code",
    check: prCodeWithWriteToken,
  },
];
