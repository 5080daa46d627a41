/**
 * Runs a committed action bundle the way the runner does: a node process with the event payload
 * in GITHUB_EVENT_PATH, inputs as INPUT_* variables, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
 * against the local GitHub emulator. Run `npm run build` first when src/ changed (CI does).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { runActionProcess } from '../../src/demo/action-process.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export async function runActionBundle(input: {
  action: string;
  event: unknown;
  eventName: string;
  inputs: Record<string, string>;
  apiUrl: string;
  repository: string;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  // The demo's runner (src/demo/action-process.ts): one way to run a bundle as the runner does.
  const { code, stdout, stderr, outputs, summary } = await runActionProcess({
    bundle: path.resolve('dist/actions', input.action, 'index.js'),
    event: input.event,
    eventName: input.eventName,
    repository: input.repository,
    apiUrl: input.apiUrl,
    inputs: input.inputs,
    env: input.env ?? {},
  });
  return { code, stdout, stderr, outputs, summary };
}

const require = createRequire(import.meta.url);

/** A real recorded webhook payload from @octokit/webhooks-examples, copied for editing. */
export function webhookExample(event: string, action: string): Record<string, any> {
  const examples = require('@octokit/webhooks-examples') as {
    name: string;
    examples: { action?: string }[];
  }[];
  const found = examples
    .find((entry) => entry.name === event)
    ?.examples.find((example) => example.action === action);
  if (!found) throw new Error(`no recorded ${event}.${action} payload`);
  return structuredClone(found) as Record<string, any>;
}
