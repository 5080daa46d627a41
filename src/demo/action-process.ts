/**
 * Runs a committed Action bundle the way the GitHub runner does: a node process with the event
 * payload in GITHUB_EVENT_PATH, the inputs as INPUT_* variables, and GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files to read back. Only what an Action needs is passed in: none of the
 * caller's own environment (tokens, ONCALL_* settings) leaks into the run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ActionProcessInput {
  /** The bundle to run, e.g. …/dist/actions/incident/index.js. */
  bundle: string;
  event: unknown;
  eventName: string;
  /** owner/name. */
  repository: string;
  apiUrl: string;
  /** Action inputs by name as action.yml spells them (`github-token`). */
  inputs: Record<string, string>;
  /** Further variables: ONCALL_NOW, SLACK_API_URL… */
  env: Record<string, string>;
  /** Kill the run after this long (a hung run must not hang the demo). */
  timeoutMs?: number;
}

export interface ActionProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}

/** The variables a run gets from the machine: enough to find node and git, nothing else. */
const PASSED_THROUGH = ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP'];

export async function runActionProcess(input: ActionProcessInput): Promise<ActionProcessResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'oncall-demo-run-'));
  const started = Date.now();
  try {
    const eventPath = path.join(work, 'event.json');
    const outputPath = path.join(work, 'output');
    const summaryPath = path.join(work, 'summary.md');
    await writeFile(eventPath, JSON.stringify(input.event));
    await writeFile(outputPath, '');
    await writeFile(summaryPath, '');
    const env: Record<string, string> = {};
    for (const name of PASSED_THROUGH) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, {
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
    });
    const { code, stdout, stderr } = await spawnNode(input.bundle, env, work, input.timeoutMs ?? 60_000);
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(await readFile(outputPath, 'utf8')),
      summary: await readFile(summaryPath, 'utf8'),
      ms: Date.now() - started,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function spawnNode(
  script: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      stderr += `\n(the run took longer than ${timeoutMs} ms and was stopped)\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit ?? -1, stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

/** The lines an Action logged with core.info, without the runner's workflow commands. */
export function infoLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !line.startsWith('::'));
}

/** The messages of `::error` and `::warning` workflow commands, e.g. a failed check's reason. */
export function commandMessages(stdout: string, kind: 'error' | 'warning'): string[] {
  const messages: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`).exec(line);
    if (match) messages.push(unescapeCommand(match[1] as string));
  }
  return messages;
}

function unescapeCommand(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}
