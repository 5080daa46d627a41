/** What a command may touch of the outside world, passed in so tests run commands in-process. */
import type { DateTime } from 'luxon';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The clock, read only when the user gave no --at. */
  now(): DateTime;
  cwd: string;
  /** Colour only on a terminal, and never when NO_COLOR is set. */
  color: boolean;
  /** The environment (tokens, GITHUB_API_URL…); the process's when omitted. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment a command reads: the one passed in, else the process's. */
export function envOf(io: CliIo): Readonly<Record<string, string | undefined>> {
  return io.env ?? process.env;
}

export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;
