/**
 * `oncall demo`: sets up the world (the example repository copied, the local GitHub and Slack
 * seeded from it), plays the script step by step with a progress line for each, checks every
 * step's expectations and the rules that hold for all of them (no request GitHub or Slack would
 * refuse, at most one page per person per step, no page delivered twice), then leaves the
 * artifacts and the story in the output directory.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_FILES, writeArtifacts } from './artifacts.js';
import { packageRoot } from './package-root.js';
import {
  type Chapter,
  type Check,
  prepareCheckout,
  SCRIPT_START,
  type ScriptState,
  STEPS,
} from './script.js';
import { tellStory } from './story.js';
import { DemoWorld } from './world.js';

export interface DemoOptions {
  /** Where the artifacts go (created if missing). */
  outDir: string;
  /** The package whose bundles and example repository are used (default: this one). */
  packageRoot?: string;
  /** Called with each progress line as the step ends. */
  progress?: (line: string) => void;
}

export interface DemoStepReport {
  n: number;
  /** Wall-clock time in the rotation's zone, "2026-12-02 22:00". */
  at: string;
  chapter: Chapter;
  title: string;
  /** The progress line without its number and time. */
  line: string;
  ok: boolean;
  checks: Check[];
  ms: number;
  story: string[];
}

export interface DemoResult {
  ok: boolean;
  steps: DemoStepReport[];
  /** Files written, relative to the output directory. */
  artifacts: string[];
  story: string;
  outDir: string;
  ms: number;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const outDir = path.resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  // Nothing from an earlier run may pass for this one's: its files go first (the calendars too,
  // when the directory is the one an earlier run wrote, with its sequences.json).
  await Promise.all(ARTIFACT_FILES.map((file) => rm(path.join(outDir, file), { force: true })));
  if (existsSync(path.join(outDir, 'calendars', 'sequences.json'))) {
    await rm(path.join(outDir, 'calendars'), { recursive: true, force: true });
  }
  const world = await DemoWorld.start({
    packageRoot: options.packageRoot ?? packageRoot(),
    start: SCRIPT_START,
    prepare: prepareCheckout,
  });
  try {
    const state: ScriptState = { outDir, tradeComments: [], calendarFiles: [] };
    const steps: DemoStepReport[] = [];
    const delivered = new Set<string>();
    const width = String(STEPS.length).length;
    for (const [index, step] of STEPS.entries()) {
      const n = index + 1;
      const stepStarted = Date.now();
      world.beginStep(n);
      let stop = false;
      let result: { line: string; checks: Check[]; story: string[] };
      try {
        world.at(step.at);
        result = await step.run(world, state);
      } catch (err) {
        // A step that cannot go on leaves the later ones without what they build on: stop here.
        stop = true;
        const message = (err as Error).message ?? String(err);
        result = {
          line: `${step.title}: stopped: ${message.split('\n')[0]}`,
          checks: [{ ok: false, what: 'the step runs to its end', detail: message }],
          story: [],
        };
      }
      const checks = [...result.checks, ...invariants(world, delivered)];
      const report: DemoStepReport = {
        n,
        at: world.now.toFormat('yyyy-MM-dd HH:mm'),
        chapter: step.chapter,
        title: step.title,
        line: result.line,
        ok: checks.every((item) => item.ok),
        checks,
        ms: Date.now() - stepStarted,
        story: result.story,
      };
      steps.push(report);
      options.progress?.(progressLine(report, STEPS.length, width));
      if (stop) break;
    }
    world.tagRequests('the demo (webhook payloads and people)');
    const ok = steps.length === STEPS.length && steps.every((step) => step.ok);
    const artifacts = await writeArtifacts(world, state, outDir);
    const story = tellStory({ world, state, steps, ok, artifacts, total: STEPS.length });
    await writeFile(path.join(outDir, 'story.md'), story);
    artifacts.push('story.md');
    return { ok, steps, artifacts: artifacts.sort(), story, outDir, ms: Date.now() - started };
  } finally {
    await world.close();
  }
}

/** `[ 3/18] 2026-12-02 22:00 sev:2 reported at night → …`, and a line per failed expectation. */
export function progressLine(step: DemoStepReport, total: number, width: number): string {
  const head = `[${String(step.n).padStart(width)}/${total}] ${step.at} ${step.line}`;
  const failures = step.checks
    .filter((item) => !item.ok)
    .map(
      (item) =>
        `${' '.repeat(width * 2 + 4)}✗ expected: ${item.what}${item.detail ? ` (got: ${item.detail})` : ''}`,
    );
  return [failures.length > 0 ? `${head}  ✗` : head, ...failures].join('\n');
}

/** What must hold after every step, whatever it did. */
function invariants(world: DemoWorld, delivered: Set<string>): Check[] {
  const checks: Check[] = [];
  const violations = world.violationsSinceStep();
  checks.push({
    ok: violations.length === 0,
    what: 'no request that GitHub or Slack would refuse',
    ...(violations.length > 0 ? { detail: violations.join('; ') } : {}),
  });
  const messages = world.slackSinceStep();
  const perPerson = new Map<string, number>();
  for (const message of messages) {
    if (message.dm && message.kind === 'page')
      perPerson.set(message.dm, (perPerson.get(message.dm) ?? 0) + 1);
  }
  const twice = [...perPerson].filter(([, count]) => count > 1).map(([login, count]) => `${login} ×${count}`);
  checks.push({
    ok: twice.length === 0,
    what: 'at most one page per person in a step',
    ...(twice.length > 0 ? { detail: twice.join(', ') } : {}),
  });
  const repeated: string[] = [];
  for (const message of messages) {
    if (!message.key) continue;
    const id = `${message.key} → ${message.to}`;
    if (delivered.has(id)) repeated.push(id);
    delivered.add(id);
  }
  checks.push({
    ok: repeated.length === 0,
    what: 'no page or reminder delivered twice to the same place',
    ...(repeated.length > 0 ? { detail: repeated.join(', ') } : {}),
  });
  return checks;
}
