/**
 * `npm run reliability`: tries bad inputs, injects faults, repeats and overlaps the scheduled runs
 * and skips ticks, then prints ONE table of the damage observed (crashes, data lost, data
 * rewritten, duplicate issues, comments and pages), writes it to reliability-report.md, and exits 1
 * when any damage column is non-zero, when a case is not what it says (a bad input that validates
 * or is refused for another reason, two inputs with the same content), or when fewer than 60 bad
 * inputs ran. docs/reliability.md says
 * what each row tries and how damage is measured. `--fast` runs a handful of cases (the vitest
 * test test/reliability/report.test.ts runs the same subset).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { calendarCase, calendarInputs } from './reliability/bad-calendars.js';
import {
  corpusCase,
  corpusFixtures,
  corpusInput,
  duplicateInputs,
  fuzzInputs,
  generatedInputs,
  inputHash,
  nearLimitInputs,
  validateCase,
  webhookCase,
  webhookInputs,
} from './reliability/bad-inputs.js';
import { linkCase, linkInputs } from './reliability/bad-links.js';
import { responseCase, responseCases } from './reliability/bad-responses.js';
import { renderHostileChanges, runHostileChanges } from './reliability/hostile-changes.js';
import { addDamage, type CaseResult, DAMAGE_COLUMNS, type Damage, noDamage } from './reliability/measure.js';
import { MUTANTS, type MutantResult } from './reliability/mutants.js';
import { runTasks } from './reliability/parallel.js';
import { allScenarios, faultScenarios, repetitionScenarios, type Scenario } from './reliability/scenarios.js';

export const MIN_BAD_INPUTS = 60;

type Group = Scenario['group'];

/**
 * A case's result. `mismatch`: why the case did not hold its own expectation (a bad input that
 * validates, or is refused for another reason than the one it names): the harness tested
 * something else than it says, and the run fails. `stillValid`: the input was valid (a mutation
 * that left a valid file, a file just under a limit, an export that imports); it is tried, but
 * not counted as a bad input.
 */
export type Result = CaseResult & { mismatch?: string[]; stillValid?: boolean };

export interface Row {
  group: Group;
  name: string;
  cases: Result[];
  /** Set when the row could not be covered: printed instead of zeros. */
  notCovered?: string;
  /** Problems of the row's inputs as a whole (two with the same content): the run fails. */
  harness?: string[];
}

const GROUP_TITLES: Record<Group, string> = {
  bad: 'bad inputs tried',
  fault: 'faults injected',
  repetition: 'runs repeated or concurrent',
  missed: 'ticks missed',
};

export interface Options {
  fast?: boolean;
  /** Fuzzed mutations per file format. */
  fuzzRuns?: number;
  /** Worker processes for the cases (default: the machine's cores). */
  workers?: number;
  log?: (line: string) => void;
}

/** Runs the cases and returns the rows of the report. */
export async function runReliability(options: Options = {}): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const rows: Row[] = [];
  const row = (group: Group, name: string): Row => {
    let found = rows.find((candidate) => candidate.group === group && candidate.name === name);
    if (!found) {
      found = { group, name, cases: [] };
      rows.push(found);
    }
    return found;
  };
  const keep = (target: Row, result: Result) => {
    target.cases.push(result);
    const total = sum(result.damage);
    const wrong = result.mismatch?.length ?? 0;
    log(`${total > 0 ? 'DAMAGE' : wrong > 0 ? 'WRONG ' : 'ok    '} ${target.name}: ${result.name}`);
    for (const finding of result.findings) log(`       ${finding}`);
    for (const why of result.mismatch ?? []) log(`       not what it says: ${why}`);
  };
  const pick = <T>(items: T[], fast: number): T[] => (options.fast ? items.slice(0, fast) : items);

  // Every file input has its own content: a copy would be counted twice and test nothing new.
  const fileInputs = [...corpusFixtures().map(corpusInput), ...generatedInputs(), ...nearLimitInputs()];
  const copies = duplicateInputs(fileInputs);

  const corpus = row('bad', 'bad input: corpus files (validate, who)');
  if (copies.length > 0) corpus.harness = copies;
  for (const copy of copies) log(`WRONG  two inputs with the same content: ${copy}`);
  for (const fixture of pick(corpusFixtures(), 3)) keep(corpus, await corpusCase(fixture));
  const generated = row('bad', 'bad input: generated extremes (sizes, depth, encodings)');
  for (const input of pick(generatedInputs(), 2)) keep(generated, await validateCase(input));
  const limits = row('bad', 'bad input: each limit, just under and just over');
  for (const input of pick(nearLimitInputs(), 2)) keep(limits, await validateCase(input));
  const fuzz = row('bad', 'bad input: fast-check mutations of every file format');
  const fuzzed = fuzzInputs(options.fuzzRuns ?? (options.fast ? 1 : 30), new Set(fileInputs.map(inputHash)));
  if (fuzzed.dropped > 0)
    log(`ok     ${fuzz.name}: ${fuzzed.dropped} mutations gave a copy of another input`);
  for (const input of fuzzed.inputs) keep(fuzz, await validateCase(input));
  const links = row('bad', 'bad input: symbolic links out of the repository (validate, who, extend)');
  for (const input of pick(linkInputs(), 1)) keep(links, await linkCase(input));
  const calendars = row('bad', 'bad input: iCalendar exports (oncall import --ics)');
  for (const input of pick(calendarInputs(), 2)) keep(calendars, await calendarCase(input));
  const webhooks = row('bad', 'bad input: webhook payloads (oncall triage --event)');
  for (const input of pick(webhookInputs(), 3)) keep(webhooks, await webhookCase(input));
  const answers = row(
    'bad',
    'bad input: malformed API answers (HTML pages, JSON cut off) through the actions',
  );
  for (const input of pick(responseCases(), 1)) keep(answers, await responseCase(input));

  const scenarios: Scenario[] = options.fast
    ? [
        faultScenarios().find((s) => s.name.startsWith('Slack 500 on every post')),
        faultScenarios().find((s) => s.name.startsWith('GitHub 502 on a comment create')),
        // Sequential: the concurrent cases are races, found on some runs only (docs/reliability.md).
        repetitionScenarios().find((s) => s.name.startsWith('tick twice in a row')),
      ].filter((s): s is Scenario => s !== undefined)
    : allScenarios();
  if (options.fast) {
    for (const scenario of scenarios) keep(row(scenario.group, scenario.row), await scenario.run());
  } else {
    // Each case in a worker process, two (or as many as there are cores) at once.
    const results = await runTasks(
      scenarios.map((scenario) => ({ kind: 'scenario' as const, name: scenario.name })),
      options.workers ?? availableParallelism(),
      process.cwd(),
    );
    scenarios.forEach((scenario, i) => {
      const outcome = results[i];
      if (outcome?.kind === 'scenario') keep(row(scenario.group, scenario.row), outcome.result);
    });
  }

  if (!options.fast) {
    row('fault', 'faults: GitHub search-incomplete').notCovered =
      'no scheduled job reads GitHub search today (grep: no /search calls in src/actions, src/io)';
  }
  return rows;
}

function sum(damage: Damage): number {
  return DAMAGE_COLUMNS.reduce((total, [key]) => total + damage[key], 0);
}

export function rowDamage(row: Row): Damage {
  return row.cases.reduce((total, result) => addDamage(total, result.damage), noDamage());
}

/** The cases of a row that count as tried: a mutation that stayed valid is no bad input. */
function counted(row: Row): number {
  return row.cases.filter((result) => !result.stillValid).length;
}

export function badInputCount(rows: Row[]): number {
  return rows.filter((row) => row.group === 'bad').reduce((n, row) => n + counted(row), 0);
}

/** Every case that did not hold its expectation, and every problem of a row's inputs. */
export function mismatches(rows: Row[]): string[] {
  return rows.flatMap((row) => [
    ...(row.harness ?? []).map((why) => `${row.name}: ${why}`),
    ...row.cases.flatMap((result) =>
      (result.mismatch ?? []).map((why) => `${row.name} / ${result.name}: ${why}`),
    ),
  ]);
}

/** True when every damage column is zero, every case is what it says, and enough bad inputs ran. */
export function passed(rows: Row[], minBadInputs = MIN_BAD_INPUTS): boolean {
  return (
    rows.every((row) => sum(rowDamage(row)) === 0) &&
    mismatches(rows).length === 0 &&
    badInputCount(rows) >= minBadInputs
  );
}

/** The report: one Markdown table (a row per kind of case, a total per group), then the findings. */
export function renderReport(rows: Row[], seconds?: number): string {
  const header = ['', 'tried', ...DAMAGE_COLUMNS.map(([, title]) => title)];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const group of Object.keys(GROUP_TITLES) as Group[]) {
    const members = rows.filter((row) => row.group === group);
    if (members.length === 0) continue;
    const covered = members.filter((row) => !row.notCovered);
    const total = covered.reduce((damage, row) => addDamage(damage, rowDamage(row)), noDamage());
    const tried = covered.reduce((n, row) => n + counted(row), 0);
    lines.push(
      `| **${GROUP_TITLES[group]}** | **${tried}** | ${DAMAGE_COLUMNS.map(([key]) => `**${total[key]}**`).join(' | ')} |`,
    );
    for (const row of members) {
      if (row.notCovered) {
        lines.push(
          `| ${row.name} | — | not covered: ${row.notCovered} |${' |'.repeat(DAMAGE_COLUMNS.length - 1)}`,
        );
        continue;
      }
      const damage = rowDamage(row);
      const valid = row.cases.length - counted(row);
      // Valid inputs (mutations that stayed valid, files just under a limit) are shown, not counted.
      const tried =
        valid > 0
          ? `${counted(row)} (of ${row.cases.length} tried; ${valid} valid, not counted)`
          : counted(row);
      lines.push(`| ${row.name} | ${tried} | ${DAMAGE_COLUMNS.map(([key]) => damage[key]).join(' | ')} |`);
    }
  }
  const out = [lines.join('\n')];
  const bad = badInputCount(rows);
  const wrong = mismatches(rows);
  out.push(
    '',
    `Bad inputs: ${bad} (at least ${MIN_BAD_INPUTS} required). Cases not what they say: ${wrong.length}. ` +
      `Result: ${passed(rows) ? 'PASS' : 'FAIL'}` +
      (seconds === undefined ? '' : ` in ${seconds.toFixed(0)} s.`),
  );
  if (wrong.length > 0) {
    out.push(
      '',
      '### Cases not what they say (failures of the harness)',
      '',
      ...wrong.map((why) => `- ${why}`),
    );
  }
  const findings = rows.flatMap((row) =>
    row.cases.flatMap((result) =>
      result.findings.map((finding) => `- ${row.name} / ${result.name}: ${finding}`),
    ),
  );
  if (findings.length > 0) out.push('', '### Findings (damage) and notes', '', ...findings);
  return `${out.join('\n')}\n`;
}

/**
 * Runs the bundles from a copy of dist/actions (and the issue forms the harness reads), taken
 * now: a rebuild of dist/ while the report runs would otherwise change the code under test.
 */
function snapshotBundles(): () => void {
  const home = process.cwd();
  const copy = mkdtempSync(path.join(tmpdir(), 'oncall-reliability-'));
  cpSync(path.join(home, 'dist/actions'), path.join(copy, 'dist/actions'), { recursive: true });
  cpSync(path.join(home, '.github/ISSUE_TEMPLATE'), path.join(copy, '.github/ISSUE_TEMPLATE'), {
    recursive: true,
  });
  process.chdir(copy);
  return () => {
    process.chdir(home);
    rmSync(copy, { recursive: true, force: true });
  };
}

async function main(argv: string[]): Promise<number> {
  const started = Date.now();
  const restore = snapshotBundles();
  const fast = argv.includes('--fast');
  const verbose = argv.includes('--verbose');
  const rows = await runReliability({
    fast,
    log: (line) => {
      if (verbose || !line.startsWith('ok')) process.stderr.write(`${line}\n`);
    },
  });
  restore();
  // The harness's own power: every planted bug must show as damage (not in --fast).
  const mutants = fast
    ? []
    : (
        await runTasks(
          MUTANTS.map((mutant) => ({ kind: 'mutant' as const, name: mutant.name, repoRoot: process.cwd() })),
          availableParallelism(),
          process.cwd(),
          (_task, outcome) => {
            if (outcome.kind !== 'mutant') return;
            const line = `${outcome.result.caught ? 'caught' : 'MISSED'} mutant: ${outcome.result.name}: ${outcome.result.detail}`;
            if (verbose || !outcome.result.caught) process.stderr.write(`${line}\n`);
          },
        )
      ).flatMap((outcome) => (outcome.kind === 'mutant' ? [outcome.result] : []));
  // The pull-request check against the hostile-change corpus (issue 12's promise).
  const hostile = await runHostileChanges();
  const report =
    renderReport(rows, (Date.now() - started) / 1000) +
    renderHostileChanges(hostile) +
    renderMutants(mutants);
  process.stdout.write(report);
  writeFileSync('reliability-report.md', `# Reliability report\n\n${report}`);
  const trusted = hostile.merged.length === 0 && hostile.refused.length === 0;
  return passed(rows, fast ? 0 : MIN_BAD_INPUTS) && mutants.every((mutant) => mutant.caught) && trusted
    ? 0
    : 1;
}

/** The mutants section: how many bugs were planted and caught, and each with what caught it. */
export function renderMutants(results: readonly MutantResult[]): string {
  if (results.length === 0) return '';
  const caught = results.filter((result) => result.caught).length;
  const lines = [
    '',
    `Mutants: ${results.length} planted, ${caught} caught${caught === results.length ? '.' : ' (FAIL: the table can be fooled).'}`,
    '',
    '| planted bug | caught | by |',
    '| --- | --- | --- |',
    ...results.map((result) => `| ${result.name} | ${result.caught ? 'yes' : '**no**'} | ${result.detail} |`),
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`reliability: ${(err as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
