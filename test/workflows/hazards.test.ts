// Each hazard check must catch a bad workflow, or the lint of the real ones could pass by saying
// nothing. Small YAML examples: one clean workflow that passes every check, and bad ones per hazard.
import { describe, expect, it } from 'vitest';
import { cronMinutes, formatFinding, HAZARDS, readWorkflow, shortestCronGap } from './hazards.js';
import { workflowErrors } from './workflow-parser.js';

const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';

/** A workflow that passes every hazard check; the bad examples below each break one thing. */
const CLEAN = `
on:
  pull_request:
  schedule:
    - cron: '2-59/5 * * * *'
permissions: {}
concurrency: { group: clean, cancel-in-progress: true }
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: ${CHECKOUT}
        with:
          ref: \${{ github.event.pull_request.base.sha }}
          path: base
          persist-credentials: false
      - uses: ${CHECKOUT}
        with:
          ref: \${{ github.event.pull_request.head.sha }}
          path: head
          persist-credentials: false
      - uses: ./base/actions/check
      - uses: docker://alpine:3.20
      - name: Greet
        env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE" \${{ github.sha }}
`;

function findings(hazardId: string, yaml: string): string[] {
  const hazard = HAZARDS.find((h) => h.id === hazardId);
  if (hazard === undefined) throw new Error(`no hazard ${hazardId}`);
  return hazard.check(readWorkflow('bad.yml', yaml)).map(formatFinding);
}

/** A minimal workflow around one job body, clean except for what the example puts in. */
function job(body: string, top = 'permissions: {}\n'): string {
  return `on: push\n${top}jobs:\n  build:\n    runs-on: ubuntu-latest\n${body}`;
}

const STEPS = '    timeout-minutes: 5\n    permissions: {}\n    steps:\n';

/** A workflow on one schedule, clean otherwise. */
function scheduled(cron: string): string {
  return `on:\n  schedule:\n    - cron: '${cron}'\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${STEPS}      - run: true\n`;
}

interface BadExample {
  hazard: string;
  name: string;
  yaml: string;
  /** A part of the expected finding: the place and the words that say what is wrong. */
  expected: string;
  /** GitHub's parser rejects it too (most examples are valid workflows with one hazard). */
  parserRejects?: boolean;
}

const BAD: BadExample[] = [
  {
    hazard: 'untrusted-interpolation',
    name: 'a PR title in run',
    yaml: job(`${STEPS}      - name: Echo\n        run: echo "\${{ github.event.pull_request.title }}"\n`),
    expected: `jobs.build.steps[0] (Echo): \`run\` interpolates \`\${{ github.event.pull_request.title }}\``,
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'an issue body in index syntax',
    yaml: job(`${STEPS}      - run: echo \${{ github['event']['issue']['body'] }}\n`),
    expected: `\`\${{ github.event.issue.body }}\``,
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'github.head_ref in run',
    yaml: job(`${STEPS}      - run: git push origin \${{ github.head_ref }}\n`),
    expected: 'github.head_ref is a branch name',
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'the whole github context',
    yaml: job(`${STEPS}      - run: echo '\${{ toJSON(github) }}'\n`),
    expected: 'the whole github context',
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'an input in run',
    yaml: job(`${STEPS}      - run: ./deploy \${{ inputs.target }}\n`),
    expected: 'inputs are text',
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'an env value interpolated back into run',
    yaml: job(`${STEPS}      - env: { T: x }\n        run: echo \${{ env.T }}\n`),
    expected: 'read it as the shell variable',
  },
  {
    hazard: 'untrusted-interpolation',
    name: 'a comment body in a github-script script',
    yaml: job(
      `${STEPS}      - uses: actions/github-script@0000000000000000000000000000000000000000 # v7\n        with:\n          script: console.log("\${{ github.event.comment.body }}")\n`,
    ),
    expected: '`with.script` interpolates',
  },
  {
    hazard: 'permissions',
    name: 'no top-level permissions',
    yaml: job(`${STEPS}      - run: true\n`, ''),
    expected: 'top level: no `permissions`',
  },
  {
    hazard: 'permissions',
    name: 'a top-level write',
    yaml: job(`${STEPS}      - run: true\n`, 'permissions:\n  contents: write\n'),
    expected: 'top level: `permissions.contents: write`',
  },
  {
    hazard: 'permissions',
    name: 'write-all at the top',
    yaml: job(`${STEPS}      - run: true\n`, 'permissions: write-all\n'),
    expected: 'top level: `permissions: write-all`',
  },
  {
    hazard: 'permissions',
    name: 'a job without its own permissions',
    yaml: job('    timeout-minutes: 5\n    steps:\n      - run: true\n'),
    expected: 'jobs.build: no `permissions`',
  },
  {
    hazard: 'permissions',
    name: 'a job with write-all',
    yaml: job('    timeout-minutes: 5\n    permissions: write-all\n    steps:\n      - run: true\n'),
    expected: 'jobs.build: `permissions: write-all` grants every scope',
  },
  {
    hazard: 'pinned-actions',
    name: 'a tag',
    yaml: job(`${STEPS}      - uses: actions/checkout@v4\n`),
    expected: 'jobs.build.steps[0] (actions/checkout@v4): `uses: actions/checkout@v4` is not pinned',
  },
  {
    hazard: 'pinned-actions',
    name: 'a short SHA',
    yaml: job(`${STEPS}      - uses: actions/checkout@3d3c42e # v7.0.1\n`),
    expected: 'is not pinned to a full 40-hex commit SHA',
  },
  {
    hazard: 'pinned-actions',
    name: 'a reusable workflow on a branch',
    yaml: 'on: push\npermissions: {}\njobs:\n  call:\n    permissions: {}\n    uses: octo/flows/.github/workflows/x.yml@main\n',
    expected: 'jobs.call: `uses: octo/flows/.github/workflows/x.yml@main` is not pinned',
  },
  {
    hazard: 'pinned-actions',
    name: 'a SHA without its version comment',
    yaml: job(`${STEPS}      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n`),
    expected:
      'line 9: `uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1` has no version comment',
  },
  {
    hazard: 'job-timeouts',
    name: 'no timeout',
    yaml: job('    permissions: {}\n    steps:\n      - run: true\n'),
    expected: 'jobs.build: no `timeout-minutes`',
  },
  {
    hazard: 'job-timeouts',
    name: 'a zero timeout',
    yaml: job('    timeout-minutes: 0\n    permissions: {}\n    steps:\n      - run: true\n'),
    expected: '`timeout-minutes: 0` is not a positive number',
  },
  {
    hazard: 'privileged-checkout',
    name: 'pull_request_target checking out the head',
    yaml: `on: pull_request_target\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${STEPS}      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`,
    expected:
      "jobs.build.steps[0] (actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1): checks out the pull request's code in a workflow on pull_request_target",
  },
  {
    hazard: 'privileged-checkout',
    name: 'pull_request_target fetching the PR in a shell',
    yaml: `on: [pull_request_target]\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${STEPS}      - run: gh pr checkout "$PR"\n`,
    expected: "fetches the pull request's code in a workflow on pull_request_target",
  },
  {
    hazard: 'privileged-checkout',
    name: 'workflow_run checking out the triggering head',
    yaml: `on:\n  workflow_run:\n    workflows: [ci]\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${STEPS}      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.workflow_run.head_sha }}\n`,
    expected: 'in a workflow on workflow_run',
  },
  {
    hazard: 'schedule-cron',
    name: 'every minute',
    yaml: scheduled('* * * * *'),
    expected: 'on.schedule[0] (* * * * *): runs more often than every 5 minutes',
  },
  {
    hazard: 'schedule-cron',
    name: 'every 5 minutes from minute 0',
    yaml: scheduled('*/5 * * * *'),
    expected: 'on.schedule[0] (*/5 * * * *): fires at minute 0',
  },
  {
    hazard: 'schedule-cron',
    name: 'on the hour',
    yaml: scheduled('0 16 * * 1'),
    expected: 'fires at minute 0',
  },
  {
    hazard: 'schedule-cron',
    name: 'two minutes apart',
    yaml: scheduled('3,5 * * * *'),
    expected: 'runs more often than every 5 minutes',
  },
  {
    hazard: 'schedule-cron',
    name: 'an unreadable expression',
    yaml: scheduled('@hourly'),
    expected: 'cannot read the cron expression',
    parserRejects: true,
  },
  {
    hazard: 'writer-concurrency',
    name: 'a job that writes without concurrency',
    yaml: job(
      '    timeout-minutes: 5\n    permissions:\n      issues: write\n    steps:\n      - run: true\n',
    ),
    expected: 'jobs.build: has write permissions but neither the workflow nor the job sets `concurrency`',
  },
  {
    hazard: 'pr-code-with-write-token',
    name: 'a local action run from the head checkout',
    yaml: `on: pull_request\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n          path: head\n          persist-credentials: false\n      - uses: ./head/actions/validate-pr\n`,
    expected:
      "jobs.build.steps[1] (./head/actions/validate-pr): `uses: ./head/actions/validate-pr` runs an action from the pull request's checkout",
  },
  {
    hazard: 'pr-code-with-write-token',
    name: 'the default checkout, credentials kept, and a local action',
    yaml: `on: pull_request_review\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    permissions:\n      checks: write\n    steps:\n      - uses: ${CHECKOUT}\n      - uses: ./actions/validate-pr\n`,
    expected: 'without `persist-credentials: false`',
  },
];

describe('the clean example', () => {
  it("passes GitHub's parser", async () => {
    expect(await workflowErrors('clean.yml', CLEAN)).toEqual([]);
  });

  it.each(HAZARDS.map((h) => h.id))('passes %s', (id) => {
    expect(findings(id, CLEAN)).toEqual([]);
  });
});

describe('each hazard check catches a bad example', () => {
  it('every hazard has at least one bad example', () => {
    const covered = new Set(BAD.map((example) => example.hazard));
    expect(HAZARDS.map((h) => h.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(BAD.map((example) => [`${example.hazard}: ${example.name}`, example] as const))(
    '%s',
    (_title, { hazard, yaml, expected }) => {
      const found = findings(hazard, yaml);
      expect(found.length, `no finding for:\n${yaml}`).toBeGreaterThan(0);
      expect(found.join('\n')).toContain(expected);
      for (const message of found) expect(message).toMatch(/^bad\.yml: /);
    },
  );

  it('the bad examples are otherwise valid workflows, so only the hazard check can reject them', async () => {
    const rejected: string[] = [];
    for (const { name, yaml, parserRejects } of BAD) {
      if (parserRejects === true) continue;
      const errors = await workflowErrors(`${name}.yml`, yaml);
      if (errors.length > 0) rejected.push(`${name}: ${errors.join('; ')}`);
    }
    expect(rejected).toEqual([]);
  });
});

describe("GitHub's parser catches what it should", () => {
  it.each([
    ['an unknown key', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n'],
    [
      'a step with both run and uses',
      'on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: a\n        uses: b@c\n',
    ],
    ['a bad permission level', 'on: push\npermissions:\n  contents: admin\njobs: {}\n'],
    [
      'an unknown job in needs',
      'on: push\njobs:\n  b:\n    needs: [nope]\n    runs-on: x\n    steps: [{ run: a }]\n',
    ],
  ])('%s', async (_name, yaml) => {
    expect(await workflowErrors('bad.yml', yaml)).not.toEqual([]);
  });
});

describe('cron minutes', () => {
  it.each([
    ['7', [7], 60],
    ['2-59/5', [2, 7, 12, 17, 22, 27, 32, 37, 42, 47, 52, 57], 5],
    ['*/15', [0, 15, 30, 45], 15],
    ['10,40', [10, 40], 30],
    ['55,2', [2, 55], 7],
    ['30/10', [30, 40, 50], 10],
  ])('%s fires at %j, at least %i minutes apart', (field, minutes, gap) => {
    expect(cronMinutes(field)).toEqual(minutes);
    expect(shortestCronGap(minutes)).toBe(gap);
  });

  it.each(['60', '5-2', '*/0', 'a', ''])('%s cannot be read', (field) => {
    expect(cronMinutes(field)).toBeUndefined();
  });
});
