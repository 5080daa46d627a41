/**
 * The harness proves its own power: each mutant plants one known bug in a copy of the source,
 * builds the action bundles from it, and runs the cases that should notice. A mutant is caught
 * when any of its cases reports damage; one that passes every case unnoticed means the table can
 * be fooled, and fails the run. A planted edit whose text is no longer in the source fails the
 * run too (the mutant would test nothing): update the mutant with the code it targets.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { type CaseResult, DAMAGE_COLUMNS } from './measure.js';
import type { Scenario } from './scenarios.js';

export interface Edit {
  /** A file under src/. */
  file: string;
  find: string;
  replace: string;
  /** Every place the text stands (else it must stand exactly once). */
  all?: boolean;
}

export interface Mutant {
  name: string;
  edits: Edit[];
  /** Names of the table's cases that must notice it (the first that does ends the search). */
  cases: string[];
}

export const MUTANTS: Mutant[] = [
  {
    name: 'skip the dedup check before a Slack post',
    edits: [{ file: 'src/io/slack/pager.ts', find: 'if (!(await alreadyPosted(dm)))', replace: 'if (true)' }],
    cases: ['Slack 500 after a post was made'],
  },
  {
    name: 'always create a marked comment instead of updating it',
    edits: [
      {
        file: 'src/io/github/marked-comment.ts',
        find: 'const existing = await findMarkedComment(github, target);',
        replace: 'const existing = undefined as Awaited<ReturnType<typeof findMarkedComment>>;',
      },
    ],
    cases: ['tick twice in a row when an escalation is due'],
  },
  {
    name: 'drop the Slack history lookup (a page is never found as already posted)',
    edits: [
      {
        file: 'src/io/slack/client.ts',
        find: 'return messages.some((message) =>',
        replace: 'return false && messages.some((message) =>',
      },
    ],
    cases: ['Slack 500 after a post was made'],
  },
  {
    name: 'restart escalation from the first step on every tick (under new dedup keys)',
    edits: [
      {
        file: 'src/core/incident/engine.ts',
        find: '  let escalated = false;\n',
        replace: '  let escalated = false;\n  state.level = -1;\n',
      },
      {
        file: 'src/core/incident/engine.ts',
        find: '`${keyPrefix(state)}:step-${state.level}`,',
        replace: '`${keyPrefix(state)}:step-${state.level}:${at}`,',
      },
    ],
    cases: ['tick twice in a row when an escalation is due'],
  },
  {
    name: 'ignore the acknowledgement wait',
    edits: [
      {
        file: 'src/core/incident/engine.ts',
        find: 'const dueAt = Date.parse(state.lastPageAt) + context.ackMinutes * 60_000;',
        replace: 'const dueAt = Date.parse(state.lastPageAt);',
      },
    ],
    cases: ['sev:1: the ticks of 03:10–03:25 missed; 03:30 escalates once'],
  },
  {
    name: 'page a person off shift (who is on call a week later)',
    edits: [
      {
        file: 'src/core/triage/triage.ts',
        find: 'const onCallNow = whoIsOnCall(shifts, overrides, now);',
        replace: 'const onCallNow = whoIsOnCall(shifts, overrides, now.plus({ weeks: 1 }));',
      },
    ],
    cases: ['issues.opened delivered twice in a row'],
  },
  {
    name: 'resend a comment create after a timeout',
    edits: [
      {
        file: 'src/io/github/marked-comment.ts',
        find: 'if (created.unanswered) {',
        replace: 'if (false) {',
        all: true,
      },
    ],
    cases: ['GitHub hangs on a comment create (request timeout 1 s): looked for again, never made twice'],
  },
  {
    name: 'lose a page on a 5xx (marked sent when Slack failed)',
    edits: [
      {
        file: 'src/actions/shared/commit-incident.ts',
        find: 'if (ok) entry.sentAt =',
        replace: 'entry.sentAt =',
      },
    ],
    cases: ['Slack 500 on every post (Slack down)'],
  },
  {
    name: 'take a lock another run holds (two runs send one page)',
    edits: [
      {
        file: 'src/io/github/creation-lock.ts',
        find: 'if (Number.isFinite(age) && age < staleMinutes) return { held: false, since };',
        replace: 'if (Number.isFinite(age) && age < staleMinutes) return { held: true };',
      },
    ],
    cases: ['issues.reopened of a resolved sev:1 delivered three times at once'],
  },
  {
    name: "write an incident's record without its lock (an /ack lost to the tick's write)",
    edits: [
      {
        file: 'src/actions/shared/commit-incident.ts',
        find: 'return withLockWaiting(',
        replace:
          'return ((..._ignored: unknown[]) => commitHoldingLock(runtime, repo, issue, result, replyKey, expected))(',
      },
    ],
    cases: [
      'the tick and an /ack at once when an escalation is due',
      'two commands at once: /escalate and /ack',
    ],
  },
];

export interface MutantResult {
  name: string;
  caught: boolean;
  /** The case that caught it and the damage it saw, or why it was not caught. */
  detail: string;
}

/** Plants each mutant in turn and runs its cases against its bundles. */
export async function runMutants(
  scenarios: readonly Scenario[],
  log: (line: string) => void = () => {},
  mutants: readonly Mutant[] = MUTANTS,
): Promise<MutantResult[]> {
  const results: MutantResult[] = [];
  for (const mutant of mutants) {
    const result = await runMutant(mutant, scenarios);
    log(`${result.caught ? 'caught' : 'MISSED'} mutant: ${mutant.name}: ${result.detail}`);
    results.push(result);
  }
  return results;
}

async function runMutant(mutant: Mutant, scenarios: readonly Scenario[]): Promise<MutantResult> {
  const home = process.cwd();
  const copy = mkdtempSync(path.join(tmpdir(), 'oncall-mutant-'));
  try {
    cpSync(path.join(home, 'src'), path.join(copy, 'src'), { recursive: true });
    cpSync(path.join(home, '.github/ISSUE_TEMPLATE'), path.join(copy, '.github/ISSUE_TEMPLATE'), {
      recursive: true,
    });
    symlinkSync(path.join(home, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    for (const edit of mutant.edits) {
      const file = path.join(copy, edit.file);
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf(edit.find);
      if (at < 0 || (!edit.all && text.indexOf(edit.find, at + 1) >= 0)) {
        return {
          name: mutant.name,
          caught: false,
          detail: `the planted edit's text is ${at < 0 ? 'not' : 'more than once'} in ${edit.file}: update the mutant`,
        };
      }
      writeFileSync(
        file,
        edit.all ? text.replaceAll(edit.find, edit.replace) : text.replace(edit.find, edit.replace),
      );
    }
    await buildActions(copy);
    const cases = mutant.cases.map((name) => scenarios.find((scenario) => scenario.name === name));
    const missing = mutant.cases.filter((_, i) => cases[i] === undefined);
    if (missing.length > 0) {
      return { name: mutant.name, caught: false, detail: `no case named ${missing.join(', ')}` };
    }
    process.chdir(copy);
    try {
      for (const scenario of cases as Scenario[]) {
        const outcome: CaseResult = await scenario.run();
        const seen = DAMAGE_COLUMNS.filter(([key]) => outcome.damage[key] > 0).map(
          ([key, title]) => `${title} ${outcome.damage[key]}`,
        );
        if (seen.length > 0)
          return { name: mutant.name, caught: true, detail: `${scenario.name}: ${seen.join(', ')}` };
      }
    } finally {
      process.chdir(home);
    }
    return { name: mutant.name, caught: false, detail: `no damage in ${mutant.cases.join('; ')}` };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The incident and tick bundles (the ones these cases run), unminified, from the copy's src/. */
async function buildActions(root: string): Promise<void> {
  await Promise.all(
    ['incident', 'tick'].map((name) =>
      build({
        absWorkingDir: root,
        entryPoints: [path.join(root, `src/actions/${name}/index.ts`)],
        outfile: path.join(root, `dist/actions/${name}/index.js`),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        logLevel: 'error',
        banner: {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
      }),
    ),
  );
}
