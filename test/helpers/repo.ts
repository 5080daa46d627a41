/** Real temporary on-call repositories for tests, and the CLI run in-process against them. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach } from 'vitest';
import { main } from '../../src/cli/main.js';

const created: string[] = [];
/** Removes the repositories made so far (vitest does it after each test; scripts call it). */
export function removeRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
// Outside vitest (scripts/reliability.ts imports these helpers) there is no test to hook onto.
if (process.env.VITEST) afterEach(removeRepos);

/** Writes `files` (path → text) into a new temporary directory, removed after the test. */
export function makeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'oncall-test-'));
  created.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** A small valid repository: 6 people in 3 teams, a weekly pair rotation, 8 shifts from 2027-01-04. */
export function smallRepoFiles(): Record<string, string> {
  return {
    'rotations/people.yaml': `people:
  - { github: ana, name: Ana, team: red, timezone: America/New_York }
  - { github: ben, name: Ben, team: blue, timezone: Europe/London }
  - { github: cy, name: Cy, team: green, timezone: America/Los_Angeles }
  - { github: dee, name: Dee, team: red, timezone: America/New_York }
  - github: eli
    name: Eli
    team: blue
    timezone: Europe/London
    away:
      - { from: 2027-03-01, to: 2027-03-05, reason: ski trip }
  - { github: fay, name: Fay, team: green, timezone: America/Chicago, joined: 2026-01-01 }
`,
    'rotations/ops/rotation.yaml': `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-01-04
publish_weeks_ahead: 5
`,
    'rotations/ops/schedule.yaml': `rotation: ops
shifts:
  - { start: 2027-01-04, primary: ana, secondary: ben }
  - { start: 2027-01-11, primary: cy, secondary: dee }
  - { start: 2027-01-18, primary: eli, secondary: fay }
  - { start: 2027-01-25, primary: ben, secondary: cy }
  - { start: 2027-02-01, primary: dee, secondary: eli }
  - { start: 2027-02-08, primary: fay, secondary: ana }
  - { start: 2027-02-15, primary: ana, secondary: cy }
  - { start: 2027-02-22, primary: ben, secondary: dee }
`,
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** Runs `oncall ARGS` in-process; "now" is fixed so results never depend on the clock. */
export async function runCli(args: string[], now = '2027-01-05T12:00:00-05:00'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => DateTime.fromISO(now, { setZone: true }),
    cwd: process.cwd(),
    color: false,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
