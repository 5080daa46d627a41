/** Process entry of `oncall`: the real clock, the real streams, the exit code. Bundled to dist/cli.js. */
import { DateTime } from 'luxon';
import { main } from './main.js';

const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => DateTime.now(),
  cwd: process.cwd(),
  color,
});
process.exitCode = code;
