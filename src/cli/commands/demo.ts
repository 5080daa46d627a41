/** `oncall demo [--out DIR]`: the whole flow on the embedded GitHub and Slack, told as a story. */
import path from 'node:path';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const demoHelp = `Usage: oncall demo [--out DIR] [--json]

Plays a scripted fortnight of the example repository's engineering rotation on a local GitHub and
Slack (emulators on 127.0.0.1; nothing leaves the machine, and your files are not touched: the
example is copied to a temporary directory). The real Action bundles run against them, one process
each, with the clock set per step:

  publishing ahead; a trade pull request, refused then approved; a cover request taken with
  /take; a bug routed with its explanation; a sev:2 at night deferred to the morning; a sev:1 at
  night paged, escalated, acknowledged and resolved; the Monday handoff (Slack user group and
  topic, the handoff issue); the calendars, the report and the status page.

Prints a progress line per step, then the story. Every step checks what it expects; any failure
is listed and the exit code is 1.

  --out DIR   where to leave the artifacts (default: demo-out): story.md, handoff-issue.md,
              pr-comment.md, publish-pr.md, github-issues.md, slack-messages.json and .md,
              github-requests.json, slack-requests.json, calendars/, report.md, index.html
  --json      {steps:[{n, at, title, line, ok, checks}], artifacts:[...], ok} instead of the text

The demo always runs on the example repository it ships with, at its own scripted times: --root,
--rotation and --at do not apply.`;

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(args, { out: { type: 'string' } }, io);
  if (common.help) {
    io.stdout(`${demoHelp}\n`);
    return EXIT_OK;
  }
  for (const option of ['root', 'rotation', 'at', 'dry-run'] as const) {
    if (args.some((arg) => arg === `--${option}` || arg.startsWith(`--${option}=`))) {
      throw new UsageError(
        `--${option} does not apply: the demo runs on the example repository it ships with, at its own scripted times`,
      );
    }
  }
  const out = (values.out as string | undefined) ?? 'demo-out';
  if (out === '') throw new UsageError('--out needs a directory');
  const outDir = path.resolve(io.cwd, out);

  // The emulators and the script load only for the demo, not with every oncall command.
  const { runDemo } = await import('../../demo/run-demo.js');
  const result = await runDemo({
    outDir,
    ...(common.json ? {} : { progress: (line: string) => io.stdout(`${line}\n`) }),
  });
  if (common.json) {
    const document = {
      ok: result.ok,
      steps: result.steps.map(({ n, at, chapter, title, line, ok, checks, ms }) => ({
        n,
        at,
        chapter,
        title,
        line,
        ok,
        checks,
        ms,
      })),
      artifacts: result.artifacts.map((file) => path.join(outDir, file)),
      ms: result.ms,
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout(`\n${result.story}\n`);
    const relative = path.relative(io.cwd, outDir);
    const shown =
      relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? outDir : relative;
    io.stdout(
      `${result.ok ? 'ok' : 'FAILED'}: ${result.steps.length} steps in ${(result.ms / 1000).toFixed(1)} s; the story and the artifacts are in ${shown}/\n`,
    );
  }
  return result.ok ? EXIT_OK : EXIT_INPUT_ERRORS;
}
