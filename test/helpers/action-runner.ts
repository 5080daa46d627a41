/**
 * Runs a committed action bundle the way the runner does: a node process with the event payload
 * in GITHUB_EVENT_PATH, inputs as INPUT_* variables, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
 * against the local GitHub emulator. Run `npm run build` first when src/ changed (CI does).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
  const work = mkdtempSync(path.join(tmpdir(), 'oncall-action-'));
  try {
    const eventPath = path.join(work, 'event.json');
    const outputPath = path.join(work, 'output');
    const summaryPath = path.join(work, 'summary.md');
    writeFileSync(eventPath, JSON.stringify(input.event));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: input.eventName,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_REPOSITORY: input.repository,
      GITHUB_API_URL: input.apiUrl,
      RUNNER_TEMP: work,
      ...Object.fromEntries(
        Object.entries(input.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
      ...input.env,
    };
    const bundle = path.resolve('dist/actions', input.action, 'index.js');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [bundle], { env, cwd: work });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
        });
        child.stderr.on('data', (chunk) => {
          err += chunk;
        });
        child.on('error', reject);
        child.on('close', (exit) => resolve({ code: exit ?? -1, stdout: out, stderr: err }));
      },
    );
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
      summary: readFileSync(summaryPath, 'utf8'),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
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
