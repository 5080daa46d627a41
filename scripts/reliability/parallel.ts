/**
 * Runs the table's cases (and the mutants) in worker processes, so the two cores of CI work at
 * once: each case starts its own emulators and bundle processes and spends much of its time
 * waiting (a barrier, a latency fault, a late write), and a process of its own keeps each case's
 * temporary repositories and working directory apart. Results come back in the order asked.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult } from './measure.js';
import type { MutantResult } from './mutants.js';

export type Task = { kind: 'scenario'; name: string } | { kind: 'mutant'; name: string; repoRoot: string };
export type TaskResult = { kind: 'scenario'; result: CaseResult } | { kind: 'mutant'; result: MutantResult };

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** The repository, where `tsx` resolves; the worker then moves to the task's own directory. */
const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `tasks` in `workers` processes started in `cwd` (where the bundles are, as `dist/actions`),
 * each taking the next task as it finishes one; calls `done` for each as it ends.
 */
export async function runTasks(
  tasks: readonly Task[],
  workers: number,
  cwd: string,
  done: (task: Task, result: TaskResult) => void = () => {},
): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index] as Task;
      const result = await runOne(task, cwd);
      results[index] = result;
      done(task, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, worker));
  return results;
}

/** One task in a process of its own; a process that fails is the case's crash, never silence. */
function runOne(task: Task, cwd: string): Promise<TaskResult> {
  const file = path.join(
    tmpdir(),
    `oncall-reliability-task-${process.pid}-${Math.random().toString(36).slice(2)}.json`,
  );
  writeFileSync(file, JSON.stringify({ task, cwd }));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => {
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((candidate) => candidate.startsWith('{"kind"'));
      if (code === 0 && line) {
        resolve(JSON.parse(line) as TaskResult);
        return;
      }
      const why = `the worker ended with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`;
      resolve(
        task.kind === 'scenario'
          ? {
              kind: 'scenario',
              result: {
                name: task.name,
                damage: {
                  crashes: 1,
                  lost: 0,
                  rewritten: 0,
                  dupIssues: 0,
                  dupComments: 0,
                  dupPages: 0,
                  mistimed: 0,
                  injected: 0,
                },
                findings: [`crashes ×1: ${why}`],
              },
            }
          : { kind: 'mutant', result: { name: task.name, caught: false, detail: why } },
      );
    });
  });
}
