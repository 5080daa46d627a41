/**
 * The options every command takes (--root, --rotation, --json, --at, --dry-run, --help) and the
 * command's own ones, parsed strictly: an unknown flag or a bad value is a usage error, exit 2.
 */
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { hasImpossibleOffset } from '../core/time/wall-clock.js';

export class UsageError extends Error {}

export const commonOptions = {
  root: { type: 'string' },
  rotation: { type: 'string' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface CommonOptions {
  root: string;
  rotation?: string;
  json: boolean;
  at: DateTime;
  dryRun: boolean;
  help: boolean;
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<Extra extends OptionSpec>(
  args: string[],
  extra: Extra,
  context: { cwd: string; now: () => DateTime },
  allowPositionals = false,
) {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...commonOptions, ...extra },
      strict: true,
      allowPositionals,
    }) as typeof parsed;
  } catch (err) {
    throw new UsageError(cleanParseError((err as Error).message));
  }
  const { values } = parsed;
  const common: CommonOptions = {
    root: path.resolve(context.cwd, (values.root as string | undefined) ?? '.'),
    rotation: values.rotation as string | undefined,
    json: values.json === true,
    at: values.at === undefined ? context.now() : parseAt(values.at as string),
    dryRun: values['dry-run'] === true,
    help: values.help === true,
  };
  return { common, values, positionals: parsed.positionals };
}

/** --at must name an instant: ISO 8601 with an offset, so a replay means the same moment anywhere. */
export function parseAt(text: string): DateTime {
  if (!/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text) || !text.includes('T')) {
    throw new UsageError(
      `--at needs an ISO 8601 date-time with an offset, like 2026-12-01T09:00-05:00 (got "${text}")`,
    );
  }
  if (hasImpossibleOffset(text)) {
    throw new UsageError(`--at "${text}" has an offset no timezone uses (hours 00-23, minutes 00-59)`);
  }
  const at = DateTime.fromISO(text, { setZone: true });
  if (!at.isValid)
    throw new UsageError(`--at "${text}" is not a valid date-time: ${at.invalidExplanation ?? ''}`);
  return at;
}

function cleanParseError(message: string): string {
  // Node's messages suggest "--" tricks that do not apply here; keep the first sentence.
  return message.split('. To specify')[0]?.replace(/\.$/, '') ?? message;
}
