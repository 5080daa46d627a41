// Lints every workflow in .github/workflows/ (and every action in actions/) with GitHub's own parser,
// then with our hazard checks (hazards.ts). New workflows are covered as soon as they are added.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatFinding, HAZARDS, readWorkflow } from './hazards.js';
import { actionErrors, workflowErrors } from './workflow-parser.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const workflowDir = join(repo, '.github', 'workflows');
const actionsDir = join(repo, 'actions');

const workflowFiles = readdirSync(workflowDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => relative(repo, join(workflowDir, name)));

const actionFiles = existsSync(actionsDir)
  ? readdirSync(actionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'action.yml')))
      .map((entry) => relative(repo, join(actionsDir, entry.name, 'action.yml')))
      .sort()
  : [];

const read = (file: string) => readFileSync(join(repo, file), 'utf8');

describe('the workflows and actions found', () => {
  it('include the CI and the pull-request check, so no lint below passes on an empty list', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/validate-pr.yml']),
    );
    expect(actionFiles).toEqual(expect.arrayContaining(['actions/validate-pr/action.yml']));
  });
});

describe("GitHub's workflow parser accepts", () => {
  it.each(workflowFiles)('%s', async (file) => {
    expect(await workflowErrors(file, read(file))).toEqual([]);
  });
});

describe("GitHub's action parser accepts", () => {
  it.each(actionFiles)('%s', (file) => {
    expect(actionErrors(file, read(file))).toEqual([]);
  });
});

describe('each action runs its own bundle on node24', () => {
  it.each(actionFiles)('%s', (file) => {
    const name = file.split('/')[1];
    const manifest = parse(read(file)) as { runs?: { using?: string; main?: string } };
    expect(manifest.runs, `${file}: runs`).toEqual({
      using: 'node24',
      main: `../../dist/actions/${name}/index.js`,
    });
  });
});

describe.each(HAZARDS.map((hazard) => [hazard.title, hazard] as const))('hazard: %s', (_title, hazard) => {
  it.each(workflowFiles)('%s', (file) => {
    expect(hazard.check(readWorkflow(file, read(file))).map(formatFinding)).toEqual([]);
  });
});

describe('no workflow runs on pull_request_target (it would hand a write token to a pull request)', () => {
  it.each(workflowFiles)('%s', (file) => {
    const on = (parse(read(file)) as { on?: unknown }).on;
    const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
    expect(events).not.toContain('pull_request_target');
  });
});

describe('validate-pr never runs pull-request code with its token', () => {
  const file = '.github/workflows/validate-pr.yml';
  const workflow = parse(read(file)) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('runs the action from the base checkout, with both roots', () => {
    const action = steps.find((step) => step.uses?.endsWith('/actions/validate-pr'));
    expect(action?.uses).toBe('./base/actions/validate-pr');
    expect(action?.with).toEqual({
      'base-root': 'base',
      'head-root': 'head',
      'github-token': `\${{ secrets.GITHUB_TOKEN }}`,
    });
  });

  it('checks out base and head without credentials', () => {
    const checkouts = steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(
      checkouts.map((step) => [step.with?.path, step.with?.ref, step.with?.['persist-credentials']]),
    ).toEqual([
      ['base', `\${{ github.event.pull_request.base.sha }}`, false],
      ['head', `\${{ github.event.pull_request.head.sha }}`, false],
    ]);
  });
});
