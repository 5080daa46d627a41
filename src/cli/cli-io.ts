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
}

export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;
