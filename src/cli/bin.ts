/** Process entry of `oncall`: the real clock, the real streams, the exit code. Bundled to dist/cli/. */
import { DateTime } from 'luxon';
import { main } from './main.js';

// A reader that stops early (`oncall report | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => DateTime.now(),
  cwd: process.cwd(),
  color,
});
process.exitCode = code;
