/** The `oncall` command: dispatches to a command; usage errors exit 2, never with a stack trace. */
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE } from './cli-io.js';
import { calendarCommand, calendarHelp } from './commands/calendar.js';
import { checkChangeCommand, checkChangeHelp } from './commands/check-change.js';
import { demoCommand, demoHelp } from './commands/demo.js';
import { doctorCommand, doctorHelp } from './commands/doctor.js';
import { formsCommand, formsHelp } from './commands/forms.js';
import { importCommand, importHelp } from './commands/import.js';
import { labelsCommand, labelsHelp } from './commands/labels.js';
import { reportCommand, reportHelp } from './commands/report.js';
import { scheduleCommand, scheduleHelp } from './commands/schedule.js';
import { siteCommand, siteHelp } from './commands/site.js';
import { tradeCommand, tradeHelp } from './commands/trade.js';
import { triageCommand, triageHelp } from './commands/triage.js';
import { validateCommand, validateHelp } from './commands/validate.js';
import { whoCommand, whoHelp } from './commands/who.js';
import { UsageError } from './options.js';

interface Command {
  summary: string;
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const commands: Record<string, Command> = {
  validate: {
    summary: 'check every file: schema, integrity, fairness',
    help: validateHelp,
    run: validateCommand,
  },
  who: { summary: 'who is on call now, or at --at', help: whoHelp, run: whoCommand },
  schedule: {
    summary: 'extend: append fair shifts; repair: reassign slots that became invalid',
    help: scheduleHelp,
    run: scheduleCommand,
  },
  trade: {
    summary: 'a schedule change as people see it: consent, errors, fairness',
    help: tradeHelp,
    run: tradeCommand,
  },
  'check-change': {
    summary: 'the pull-request check on two checkouts: every change and the consent it needs',
    help: checkChangeHelp,
    run: checkChangeCommand,
  },
  report: {
    summary: 'shifts, load and fairness per person for a period; with GitHub, the incidents and pages',
    help: reportHelp,
    run: reportCommand,
  },
  calendar: {
    summary: 'iCalendar feeds: one per rotation, one per person',
    help: calendarHelp,
    run: calendarCommand,
  },
  import: {
    summary: 'people stubs and schedule history from an iCalendar export (Opsgenie, PagerDuty, ...)',
    help: importHelp,
    run: importCommand,
  },
  site: {
    summary: 'the status page: on call now and next, schedule, incidents, fairness, calendars',
    help: siteHelp,
    run: siteCommand,
  },
  triage: {
    summary: 'the decision for an issue: kind, severity, who is paged, labels, reply',
    help: triageHelp,
    run: triageCommand,
  },
  labels: {
    summary: 'sync: create or update the labels this system uses on GitHub',
    help: labelsHelp,
    run: labelsCommand,
  },
  forms: {
    summary: 'sync: generate the system dropdown of the issue forms from playbooks/',
    help: formsHelp,
    run: formsCommand,
  },
  doctor: {
    summary: 'check a live setup: files, GitHub token, labels, workflows, Slack app, ids and channels',
    help: doctorHelp,
    run: doctorCommand,
  },
  demo: {
    summary: 'a scripted fortnight on a local GitHub and Slack: the whole flow, told as a story',
    help: demoHelp,
    run: demoCommand,
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `Usage: oncall COMMAND [options]

On-call as code: rotations, schedules and incidents kept in a GitHub repository.

Commands:
${list}

Options every command takes:
  --root DIR        the on-call repository (default: the current directory)
  --rotation NAME   the rotation (default: the only one)
  --at T            "now", ISO 8601 with offset, e.g. 2026-12-01T09:00-05:00 (default: the clock)
  --json            one JSON document on stdout
  -h, --help        help for the command

Exit codes: 0 ok, 1 the input has errors, 2 bad usage.
Run "oncall COMMAND --help" for a command's own help.`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && args[0] ? commands[args[0]] : undefined;
    io.stdout(`${topic ? topic.help : mainHelp()}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; run "oncall --help" for the list`);
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`oncall${command ? ` ${name}` : ''}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // A bug of ours: say so in one line; the stack only when asked for.
    io.stderr(`oncall ${name}: internal error: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.ONCALL_DEBUG) io.stderr(`${(err as Error).stack ?? ''}\n`);
    return EXIT_INPUT_ERRORS;
  }
}
