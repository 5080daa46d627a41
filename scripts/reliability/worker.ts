/**
 * One reliability task in a process of its own (parallel.ts): a case of the table, or a mutant.
 * Reads the task from the JSON file named on the command line and prints its result as one JSON
 * line on stdout.
 */
import { readFileSync, rmSync } from 'node:fs';
import { MUTANTS, runMutants } from './mutants.js';
import type { Task, TaskResult } from './parallel.js';
import { allScenarios } from './scenarios.js';

async function main(file: string): Promise<void> {
  const { task, cwd } = JSON.parse(readFileSync(file, 'utf8')) as { task: Task; cwd: string };
  rmSync(file, { force: true });
  // Where the bundles under test are (`dist/actions`), as the cases resolve them.
  process.chdir(cwd);
  const scenarios = allScenarios();
  let out: TaskResult;
  if (task.kind === 'scenario') {
    const scenario = scenarios.find((candidate) => candidate.name === task.name);
    if (!scenario) throw new Error(`no case named ${task.name}`);
    out = { kind: 'scenario', result: await scenario.run() };
  } else {
    const mutant = MUTANTS.find((candidate) => candidate.name === task.name);
    if (!mutant) throw new Error(`no mutant named ${task.name}`);
    process.chdir(task.repoRoot);
    const [result] = await runMutants(scenarios, () => {}, [mutant]);
    if (!result) throw new Error(`mutant ${task.name} gave no result`);
    out = { kind: 'mutant', result };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv[2] ?? '').then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`reliability worker: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
