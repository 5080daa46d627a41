// Benchmarks of the `oncall` CLI as a user runs it: whole processes, bundle load included.
//
//   npm run bench                      every section
//   npm run bench -- validate          only the sections whose name contains "validate"
//   npm run bench -- --runs 15         more timed runs per row (default 9, after 1 warm-up)
//   npm run bench -- --profile         also CPU-profile validate and schedule extend on the large repository
//   npm run bench -- --keep            keep the generated repositories (their path is printed)
//   npm run bench -- --strict          exit 1 when a row misses its target (timings are noisy: off by default)
//   npm run bench -- extend            the generator's speed: schedule extend, 1,000 people × 104 weeks
//   npm run bench -- quality           the generator's quality: against round-robin, and against the exact
//                                      optimum of small instances (a MILP solved by HiGHS; scripts/bench-quality.ts)
//   npm run bench -- --milp-seconds 30 the MILP solver's time limit per instance (default 10)
//
// It times dist/cli/ through bin/oncall.js, i.e. the committed bundle: run `npm run build` first
// when src/ changed. A wrong exit code or an invalid generated repository fails the script loudly.
//
// To add a benchmark, add a section at the bottom:
//   section('schedule extend', async (bench) => {
//     const root = await bench.fixture('large');
//     bench.time('extend 1,000 people', oncall('schedule', 'extend', '--dry-run', '--root', root, '--at', AT));
//   });
// bench.time(label, argv, { target, expectExit, cwd }) runs argv `runs` times after the warm-up and
// prints a row: median, min, max, the ratio to `node -e 0` (the cost of starting Node at all) and the
// target (ms, median) if any. A run must exit with expectExit (default 0; null accepts any code).
// bench.fixture(name) returns a generated repository ({ root, summary }), built once per script run.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'oncall.js');
const NODE = process.execPath;

// "Now" for every run: a Wednesday in the middle of the large schedule, so there is history behind
// it (shifts that ended, which only integrity rules read) and well over the 4-week horizon ahead.
const AT = '2026-08-05T12:00:00-04:00';
/** Whole-process target for validate on the 1,000-person repository, on a 2-core machine. */
const VALIDATE_TARGET_MS = 300;

const { values: flags, positionals: only } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'milp-seconds': { type: 'string', default: '10' },
  },
});
const RUNS = positiveInt(flags.runs, '--runs');
const WARMUP = Math.max(0, Number.parseInt(flags.warmup, 10) || 0);

class BenchFailure extends Error {}

// ---------------------------------------------------------------------------------------------
// The harness: sections, fixtures, timed rows.

const sections = [];
/** Registers a benchmark section; `run(bench)` adds rows with bench.time(). */
function section(name, run) {
  sections.push({ name, run });
}

/** argv for the CLI as `npx oncall ...` runs it: node bin/oncall.js ... */
function oncall(...args) {
  return [NODE, BIN, ...args];
}

/** Runs argv once; returns wall time in ms and the result. Fails loudly on an unexpected exit. */
function runOnce(argv, { cwd = ROOT, expectExit = 0 } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw new BenchFailure(`${show(argv)}: ${result.error.message}`);
  if (expectExit !== null && result.status !== expectExit) {
    throw new BenchFailure(
      `${show(argv)} exited ${result.status ?? result.signal}, expected ${expectExit}\n` +
        `--- stdout (head)\n${head(result.stdout)}\n--- stderr (head)\n${head(result.stderr)}`,
    );
  }
  return { ms, result };
}

/** Times argv: `warmup` untimed runs, then `runs` timed ones. */
function measure(argv, options = {}) {
  for (let i = 0; i < WARMUP; i += 1) runOnce(argv, options);
  const times = [];
  const exits = new Set();
  for (let i = 0; i < RUNS; i += 1) {
    const { ms, result } = runOnce(argv, options);
    times.push(ms);
    exits.add(result.status);
  }
  times.sort((a, b) => a - b);
  return { median: median(times), min: times[0], max: times[times.length - 1], times, exits: [...exits] };
}

const rows = [];
let baseline; // node -e 0, for the ratio column
const pendingProfiles = []; // { label, args }: commands to profile, after the table

function createBench(fixtures) {
  return {
    runs: RUNS,
    at: AT,
    oncall,
    runOnce,
    /** A generated repository, built once per script run and shared by sections. */
    async fixture(name) {
      if (!fixtures.has(name)) {
        const make = FIXTURES[name];
        if (!make) throw new Error(`no fixture "${name}" (have: ${Object.keys(FIXTURES).join(', ')})`);
        fixtures.set(name, await make(this));
      }
      return fixtures.get(name);
    },
    /** Times argv and prints its row. `target` (ms, median) is reported, and enforced with --strict. */
    time(label, argv, { target, ...options } = {}) {
      const stats = measure(argv, options);
      const row = { label, ...stats, target };
      rows.push(row);
      printRow(row);
      return stats;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const COLUMNS = [
  ['command', 44, 'left'],
  ['median ms', 10],
  ['min ms', 8],
  ['max ms', 8],
  ['× node -e 0', 12],
  ['target', 12],
];

function printHeader() {
  const line = COLUMNS.map(([title, width, align]) => pad(title, width, align)).join('  ');
  console.log(line);
  console.log(COLUMNS.map(([, width]) => '-'.repeat(width)).join('  '));
}

function printRow(row) {
  const ratio = baseline ? `${(row.median / baseline.median).toFixed(2)}×` : '1.00×';
  const target = row.target === undefined ? '' : `≤${row.target} ${row.median <= row.target ? 'ok' : 'OVER'}`;
  const odd = row.exits.filter((code) => code !== 0);
  const label = odd.length > 0 ? `${row.label} [exit ${odd.join(',')}]` : row.label;
  const cells = [label, ms(row.median), ms(row.min), ms(row.max), ratio, target];
  console.log(cells.map((cell, i) => pad(cell, COLUMNS[i][1], COLUMNS[i][2])).join('  '));
}

function pad(text, width, align = 'right') {
  const value = String(text);
  if (value.length >= width) return value;
  return align === 'left' ? value.padEnd(width) : value.padStart(width);
}

const ms = (value) => value.toFixed(1);
const show = (argv) =>
  argv.map((part) => (part === NODE ? 'node' : path.relative(ROOT, part) || part)).join(' ');
const head = (text = '', lines = 20) => text.split('\n').slice(0, lines).join('\n');

function median(sorted) {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function positiveInt(text, name) {
  const value = Number.parseInt(text, 10);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: ${name} needs a positive integer (got "${text}")`);
    process.exit(2);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Fixtures: generated on-call repositories. Deterministic (seeded), so every run times the same files.

const tempDirs = [];

function tempRepo(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), `oncall-bench-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

function writeFiles(root, files) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

const FIXTURES = {
  large: () => largeRepository(),
  'extend-empty': (bench) => extendRepository(bench, 0),
  'extend-history': (bench) => extendRepository(bench, 52),
};

/** mulberry32: a tiny seeded PRNG. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// Calendar dates as YYYY-MM-DD, computed in UTC so no local timezone leaks in.
const DAY = 86_400_000;
const toDate = (millis) => new Date(millis).toISOString().slice(0, 10);
const fromDate = (date) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date, days) => toDate(fromDate(date) + days * DAY);

/**
 * 1,000 people in 10 teams across 9 IANA timezones, with time away, recent hires and leavers, and one
 * two-slot weekly rotation with 104 published shifts (2026-01-05 to 2027-12-27) that passes every
 * integrity rule and every fairness rule it sets, plus overrides and playbooks.
 */
function largeRepository() {
  const rng = random(20261130);
  const PEOPLE = 1000;
  const SHIFTS = 104;
  const START = '2026-01-05'; // a Monday
  const SENIORS = 12; // primaries, so every upcoming shift has someone with 2+ past shifts
  // Every fairness rule but balance, which a 1,000-person rotation cannot meet over two years: most
  // members serve once or never while the experienced primaries serve every few months.
  const rules = {
    min_gap_shifts: 3,
    distinct_teams: true,
    experienced_partner: 2,
    min_tenure_days: 60,
    avoid_repeat_pairs: 8,
  };

  const teams = 'platform payments data mobile search growth identity infra web ml'.split(' ');
  const rotationTeams = teams.slice(0, 8);
  const zones = [
    ['America/New_York', 5],
    ['America/Chicago', 2],
    ['America/Los_Angeles', 4],
    ['America/Sao_Paulo', 1],
    ['Europe/London', 3],
    ['Europe/Berlin', 3],
    ['Asia/Kolkata', 2],
    ['Asia/Tokyo', 1],
    ['Australia/Sydney', 1],
  ];
  const zoneBag = zones.flatMap(([zone, weight]) => Array(weight).fill(zone));
  const first =
    'Alice Bob Carol Dan Erin Farid Grace Hiro Inês Jamal Kate Liam Maya Nils Olivia Priya Quinn Rosa Sam Tara Uma Victor Wen Xavier Yara Zoë Amir Bea Chen Dmitri Esther Femi Gustavo Hana Ivan Joon'.split(
      ' ',
    );
  const last =
    "Ng Okafor Reyes Whitfield Kowalski Haddad Liu Tanaka Carvalho Wright Morrison O'Brien Patel Andersson Brown Raman Murphy Jiménez Cohen Singh Schmidt Dubois Rossi Nakamura Mensah García Kim Novak Silva Park".split(
      ' ',
    );
  const reasons = ['vacation', 'parental leave', 'conference', 'medical', 'sabbatical', 'family'];

  const logins = new Set();
  const people = [];
  for (let i = 0; i < PEOPLE; i += 1) {
    const given = first[i % first.length];
    const family = last[Math.floor(i / first.length) % last.length];
    const base = `${given}-${family}`
      .normalize('NFD')
      .replace(/[^A-Za-z-]/g, '')
      .toLowerCase();
    let login = base;
    for (let n = 2; logins.has(login); n += 1) login = `${base}${n}`;
    logins.add(login);
    const person = {
      github: login,
      name: `${given} ${family}`,
      team: i < SENIORS ? rotationTeams[i % rotationTeams.length] : rng.pick(teams),
      timezone: rng.pick(zoneBag),
    };
    if (rng.chance(0.9)) person.slack = `U${(1e9 + i * 7919).toString(36).toUpperCase()}`;
    // Everyone who can be on call must reach Slack (the slack-id rule): an email when no id.
    // The draw happens either way, so the rest of the fixture stays the same.
    if (rng.chance(0.8) || !person.slack) person.email = `${login}@example.com`;
    // Most joined years ago; some join during the schedule (new hires), some leave during it.
    if (i < SENIORS) person.joined = toDate(fromDate('2016-01-01') + rng.int(0, 1800) * DAY);
    else if (rng.chance(0.06)) person.joined = toDate(fromDate('2026-01-15') + rng.int(0, 600) * DAY);
    else if (rng.chance(0.85)) person.joined = toDate(fromDate('2015-01-01') + rng.int(0, 3900) * DAY);
    if (i >= SENIORS && rng.chance(0.04)) {
      const from = Math.max(fromDate(person.joined ?? '2015-01-01') + 120 * DAY, fromDate('2026-03-01'));
      person.left = toDate(from + rng.int(0, 540) * DAY);
    }
    if (rng.chance(i < SENIORS ? 1 : 0.35)) {
      person.away = [];
      let cursor = fromDate('2026-01-01') + rng.int(0, 200) * DAY;
      for (let n = rng.int(1, 3); n > 0; n -= 1) {
        const length = rng.chance(0.1) ? rng.int(30, 90) : rng.int(2, 21);
        person.away.push({
          from: toDate(cursor),
          to: toDate(cursor + (length - 1) * DAY),
          reason: rng.pick(reasons),
        });
        cursor += (length + rng.int(60, 240)) * DAY;
      }
    }
    people.push(person);
  }

  // Rotation members: eight teams, plus two people from elsewhere, minus two who opted out.
  const include = people
    .filter((p) => !rotationTeams.includes(p.team))
    .slice(0, 2)
    .map((p) => p.github);
  const exclude = people
    .filter((p, i) => i >= SENIORS && rotationTeams.includes(p.team))
    .slice(5, 7)
    .map((p) => p.github);
  const isMember = (p) =>
    !exclude.includes(p.github) && (rotationTeams.includes(p.team) || include.includes(p.github));
  const seniors = people.slice(0, SENIORS);
  const pool = people.slice(SENIORS).filter(isMember);

  // A shift runs Monday 11:00 New York to the next Monday 11:00. In any zone from UTC-5 to UTC+11 its
  // local dates lie within [start - 1, start + 8]; keeping people free over that window is safe.
  const free = (person, start) => {
    const low = addDays(start, -1);
    const high = addDays(start, 8);
    if (person.joined && person.joined > low) return false;
    if (person.joined && addDays(person.joined, rules.min_tenure_days) > start) return false;
    if (person.left && person.left < high) return false;
    return !(person.away ?? []).some((away) => away.from <= high && low <= away.to);
  };

  const atDate = AT.slice(0, 10);
  const lastShift = new Map();
  const count = new Map();
  const lastPair = new Map();
  const shifts = [];
  let seniorCursor = 0;
  let poolCursor = 0;
  for (let index = 0; index < SHIFTS; index += 1) {
    const start = addDays(START, 7 * index);
    const rested = (p) => index - (lastShift.get(p.github) ?? -Infinity) > rules.min_gap_shifts;
    let primary;
    for (let tries = 0; tries < seniors.length && !primary; tries += 1) {
      const candidate = seniors[(seniorCursor + tries) % seniors.length];
      if (free(candidate, start) && rested(candidate)) {
        primary = candidate;
        seniorCursor = (seniorCursor + tries + 1) % seniors.length;
      }
    }
    let secondary;
    for (let tries = 0; tries < pool.length && !secondary; tries += 1) {
      const candidate = pool[(poolCursor + tries) % pool.length];
      const pair = [primary?.github, candidate.github].sort().join(' ');
      const paired = index - (lastPair.get(pair) ?? -Infinity) > rules.avoid_repeat_pairs;
      if (free(candidate, start) && rested(candidate) && candidate.team !== primary?.team && paired) {
        secondary = candidate;
        poolCursor = (poolCursor + tries + 1) % pool.length;
      }
    }
    if (!primary || !secondary) throw new BenchFailure(`fixture: nobody free for the shift of ${start}`);
    const upcoming = addDays(start, 7) >= atDate;
    const experienced = [primary, secondary].some(
      (p) => (count.get(p.github) ?? 0) >= rules.experienced_partner,
    );
    if (upcoming && !experienced) {
      throw new BenchFailure(
        `fixture: no experienced partner in the upcoming shift of ${start}; add history`,
      );
    }
    for (const p of [primary, secondary]) {
      lastShift.set(p.github, index);
      count.set(p.github, (count.get(p.github) ?? 0) + 1);
    }
    lastPair.set([primary.github, secondary.github].sort().join(' '), index);
    shifts.push({ start, primary, secondary });
  }

  // Overrides: an evening-to-morning cover (Wednesday 18:00 to Thursday 09:00, wall clock) in a few
  // shifts, by someone free that week who is not on call in it. One in history, one with an offset.
  const overrides = [];
  const coverReasons = ['wedding', 'school play', 'moving house', 'concert', 'flight', 'dentist'];
  for (const index of [20, 34, 41, 57, 66, 80, 95]) {
    const shift = shifts[index];
    const onCall = new Set([shift.primary.github, shift.secondary.github]);
    const replace = index % 2 ? shift.primary : shift.secondary;
    const cover = pool.find(
      (p) => !onCall.has(p.github) && free(p, shift.start) && p !== overrides.at(-1)?.with,
    );
    const wednesday = addDays(shift.start, 2);
    const thursday = addDays(shift.start, 3);
    const bounds =
      index === 57
        ? // 18:00 to 09:00 in New York (EST, UTC-5, in February 2027) written as UTC instants
          { from: `${wednesday}T23:00Z`, to: `${thursday}T14:00Z` }
        : { from: `${wednesday}T18:00`, to: `${thursday}T09:00` };
    overrides.push({ ...bounds, replace, with: cover, reason: rng.pick(coverReasons) });
  }

  const yamlPerson = (p) => {
    const lines = [
      `  - github: ${p.github}`,
      `    name: ${JSON.stringify(p.name)}`,
      `    team: ${p.team}`,
      `    timezone: ${p.timezone}`,
    ];
    if (p.slack) lines.push(`    slack: ${p.slack}`);
    if (p.email) lines.push(`    email: ${p.email}`);
    if (p.joined) lines.push(`    joined: ${p.joined}`);
    if (p.left) lines.push(`    left: ${p.left}`);
    if (p.away) {
      lines.push('    away:');
      for (const a of p.away) lines.push(`      - { from: ${a.from}, to: ${a.to}, reason: ${a.reason} }`);
    }
    return lines.join('\n');
  };

  const files = {
    'rotations/people.yaml': `# Generated by scripts/bench.mjs: ${PEOPLE} people.\npeople:\n${people.map(yamlPerson).join('\n')}\n`,
    'rotations/engineering/rotation.yaml': `name: engineering
members:
  teams: [${rotationTeams.join(', ')}]
  include: [${include.join(', ')}]
  exclude: [${exclude.join(', ')}]
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: ${START}
publish_weeks_ahead: 12
work_hours: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" }
holidays: US
admins: [${seniors[0].github}, ${seniors[1].github}]
rules:
  min_gap_shifts: ${rules.min_gap_shifts}
  distinct_teams: { value: ${rules.distinct_teams}, enforce: error }
  experienced_partner: ${rules.experienced_partner}
  min_tenure_days: { value: ${rules.min_tenure_days}, enforce: error }
  avoid_repeat_pairs: ${rules.avoid_repeat_pairs}
escalation:
  ack_minutes: 15
  steps: [primary, secondary, point_people, "team:eng-leads", "user:${seniors[2].github}"]
slack: { usergroup: S0ONCALL, channel: C0INCIDENTS }
`,
    'rotations/engineering/schedule.yaml': `rotation: engineering
shifts:
${shifts.map((s) => `  - { start: ${s.start}, primary: ${s.primary.github}, secondary: ${s.secondary.github} }`).join('\n')}
overrides:
${overrides
  .map(
    (o) =>
      `  - { from: "${o.from}", to: "${o.to}", replace: ${o.replace.github}, with: ${o.with.github}, reason: ${o.reason} }`,
  )
  .join('\n')}
`,
  };
  for (const [system, team] of [
    ['gravity', 'platform'],
    ['ledger', 'payments'],
    ['pipelines', 'data'],
    ['search-api', 'search'],
  ]) {
    const point = people.filter((p) => p.team === team).slice(0, 2);
    files[`playbooks/${system}.md`] = `---
system: ${system}
title: ${JSON.stringify(`${system} service`)}
team: ${team}
point_people: [${point.map((p) => p.github).join(', ')}]
---
# ${system}

## Symptoms
Error rate above 2% on the dashboard.

## Diagnose
Compare the error rate with the last deploy.

## Mitigate
Roll back the last deploy.

## Escalate
Page the point-people with \`/escalate\`.
`;
  }

  const root = tempRepo('large');
  writeFiles(root, files);
  const sizes = Object.fromEntries(
    Object.keys(files).map((file) => [file, statSync(path.join(root, file)).size]),
  );
  return {
    root,
    summary:
      `${PEOPLE} people, ${teams.length} teams, ${zones.length} timezones, ` +
      `${people.filter((p) => p.away).length} with time away, ${people.filter((p) => p.left).length} leaving; ` +
      `${SHIFTS} weekly shifts × 2 slots, ${overrides.length} overrides; ` +
      `people.yaml ${(sizes['rotations/people.yaml'] / 1024).toFixed(0)} KiB`,
  };
}

/** Weeks `schedule extend` fills in the generator's benchmark. */
const EXTEND_WEEKS = 104;
/** Whole-process target for schedule extend of 104 weeks for 1,000 people, on a 2-core machine. */
const EXTEND_TARGET_MS = 1000;

/**
 * The generator's workload: the large repository's 1,000 people and rotation with every fairness rule
 * on (balance added to the five it sets), keeping the first `historyWeeks` shifts of its schedule as
 * history (0: an empty schedule). `args` make `schedule extend --dry-run --json` append EXTEND_WEEKS
 * weekly shifts after them; --dry-run leaves the files as they are for the next run.
 */
async function extendRepository(bench, historyWeeks) {
  const large = await bench.fixture('large');
  const read = (file) => readFileSync(path.join(large.root, file), 'utf8');
  const rotation = read('rotations/engineering/rotation.yaml');
  const start = /^start: (\d{4}-\d{2}-\d{2})$/m.exec(rotation)?.[1];
  if (!start || !/^rules:$/m.test(rotation) || /^ {2}balance:/m.test(rotation)) {
    throw new BenchFailure('fixture extend: the large rotation.yaml is not as expected');
  }
  const shifts = read('rotations/engineering/schedule.yaml')
    .split('\n')
    .filter((line) => line.startsWith('  - { start: '))
    .slice(0, historyWeeks);
  if (shifts.length !== historyWeeks)
    throw new BenchFailure(`fixture extend: fewer than ${historyWeeks} shifts`);
  const first = addDays(start, 7 * historyWeeks); // the first week to fill
  const root = tempRepo(`extend-${historyWeeks}`);
  writeFiles(root, {
    'rotations/people.yaml': read('rotations/people.yaml'),
    'rotations/engineering/rotation.yaml': rotation.replace(/^rules:$/m, 'rules:\n  balance: 1'),
    'rotations/engineering/schedule.yaml': `rotation: engineering\nshifts:${
      shifts.length > 0 ? `\n${shifts.join('\n')}` : ' []'
    }\n`,
  });
  // "Now": the Friday before the first week to fill, so history (if any) is behind.
  const at = `${addDays(first, -3)}T12:00:00Z`;
  const until = addDays(first, 7 * EXTEND_WEEKS);
  return {
    root,
    args: ['schedule', 'extend', '--root', root, '--at', at, '--until', until, '--dry-run', '--json'],
    summary:
      `the large repository's people, every fairness rule on (balance: 1 added), ` +
      (historyWeeks > 0 ? `${historyWeeks} weeks of its schedule as history` : 'an empty schedule') +
      `; extend from ${first} --until ${until}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks that make the numbers mean something.

/** The generated repository must be valid: exit 0, ok: true, and no warnings (all rules hold). */
function assertValid(root) {
  const { result } = runOnce(oncall('validate', '--root', root, '--at', AT, '--json'), { expectExit: null });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new BenchFailure(
      `validate --json printed no JSON (exit ${result.status}):\n${head(result.stderr)}`,
    );
  }
  const problems = [...report.errors, ...report.warnings]
    .slice(0, 20)
    .map((d) => `  ${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)
    .join('\n');
  if (result.status !== 0 || !report.ok) {
    throw new BenchFailure(`the generated repository is not valid (exit ${result.status}):\n${problems}`);
  }
  if (report.warnings.length > 0) {
    throw new BenchFailure(`the generated repository has fairness warnings; fix the generator:\n${problems}`);
  }
}

/** A stale bundle would time old code: say so (the bench times what `npx oncall` runs, dist/). */
function warnIfStale() {
  const dist = path.join(ROOT, 'dist');
  const built = statSync(dist, { throwIfNoEntry: false })
    ? listFiles(dist).filter((f) => f.endsWith('.js'))
    : [];
  if (built.length === 0) throw new BenchFailure('dist/ has no bundle: run `npm run build`');
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const newer = listFiles(path.join(ROOT, 'src')).filter((file) => statSync(file).mtimeMs > builtAt);
  if (newer.length > 0) {
    console.log(
      `note: ${newer.length} file(s) in src/ are newer than dist/ (e.g. ${path.relative(ROOT, newer[0])}); ` +
        'run `npm run build` to time them',
    );
  }
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

// ---------------------------------------------------------------------------------------------
// Profile: where a command (validate, schedule extend) spends its time, by package and by function.

let profileBuild; // the unminified bundle, built once per script run

/**
 * Builds an unminified copy of the CLI the way scripts/build.mjs does (split, so lazily loaded chunks
 * stay lazy), runs `oncall ...args` under --cpu-prof, and prints self time by package, the hottest
 * functions, and our own functions with their callees. esbuild keeps a `// node_modules/x/y.js` comment
 * above each bundled module, so every profiled line can be attributed to its package or source file.
 */
async function profileRun(label, args) {
  const dir = path.join(ROOT, '.bench', 'profile');
  profileBuild ??= buildForProfile(dir);
  const entry = await profileBuild;
  const out = path.join(dir, label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  mkdirSync(out, { recursive: true });
  const argv = [NODE, '--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '250', entry];
  runOnce([...argv, ...args]);
  const file = readdirSync(out).find((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(path.join(out, file), 'utf8'));

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const attribute = attributor(path.join(dir, 'cli'));
  const whereOf = new Map(profile.nodes.map((node) => [node.id, attribute(node.callFrame)]));
  const nameOf = (id) => `${byId.get(id).callFrame.functionName || '(anonymous)'}  ${whereOf.get(id).module}`;
  const add = (map, key, time) => map.set(key, (map.get(key) ?? 0) + time);

  const byPackage = new Map(); // self time
  const byFunction = new Map(); // self time
  const inclusive = new Map(); // time with callees, for our own functions: the phases of a run
  let total = 0;
  profile.samples.forEach((id, i) => {
    const time = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += time;
    add(byPackage, whereOf.get(id).group, time);
    add(byFunction, nameOf(id), time);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      if (!whereOf.get(at).module.startsWith('src/')) continue;
      const key = nameOf(at);
      if (!seen.has(key)) add(inclusive, key, time);
      seen.add(key);
    }
  });
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const print = (map, n) => {
    for (const [key, time] of top(map, n)) {
      console.log(`    ${ms(time).padStart(7)} ms ${((100 * time) / total).toFixed(0).padStart(3)}%  ${key}`);
    }
  };
  console.log(
    `\nprofile of ${label} (unminified build of src/, ${ms(total)} ms sampled ` +
      `after Node's own start-up, the profiler's overhead included; ${path.relative(ROOT, out)}/${file}):`,
  );
  console.log('  self time by package:');
  print(byPackage, 12);
  console.log('  hottest functions (self time):');
  print(byFunction, 15);
  console.log('  our functions with their callees (inclusive time; nested, so they overlap):');
  print(inclusive, 20);
}

/** The unminified bundle profileRun() runs, in `dir`/cli; returns its entry. */
async function buildForProfile(dir) {
  const { build } = await import('esbuild');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // As scripts/build.mjs does: the schema validators compiled ahead of time, so the profile does
  // not show ajv compiling schemas, which the shipped bundle never does.
  const validators = path.join(dir, 'schema-validators.js');
  execFileSync(NODE, ['--import', 'tsx', 'scripts/precompile-schemas.ts', validators], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const precompiledSchemas = {
    name: 'precompiled-schemas',
    setup(builder) {
      builder.onResolve({ filter: /\/schema-validators\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}src${path.sep}`) ? { path: validators } : undefined,
      );
    },
  };
  await build({
    plugins: [precompiledSchemas],
    entryPoints: { oncall: path.join(ROOT, 'src/cli/bin.ts') },
    outdir: path.join(dir, 'cli'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return path.join(dir, 'cli', 'oncall.js');
}

/** Maps a profile call frame to { group: package or source folder, module: bundled file }. */
function attributor(bundleDir) {
  const rangesOf = new Map();
  const moduleAt = (file, line) => {
    if (!rangesOf.has(file)) rangesOf.set(file, moduleRanges(readFileSync(file, 'utf8')));
    return rangesOf.get(file)(line);
  };
  return ({ url, functionName, lineNumber }) => {
    if (!url) {
      const special = ['(garbage collector)', '(program)', '(idle)', '(root)'];
      const group = special.includes(functionName) ? functionName : '(native)';
      return { group, module: group };
    }
    if (url.startsWith('node:')) return { group: '(node built-ins)', module: url };
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!file.startsWith(bundleDir)) return { group: path.basename(file), module: file };
    const module = moduleAt(file, lineNumber);
    const packageMatch = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
    const group = packageMatch
      ? packageMatch[1]
      : module.startsWith('src/')
        ? module.split('/').slice(0, 3).join('/')
        : module;
    return { group, module };
  };
}

/** For a bundled file: line number → the module whose esbuild `// path` comment precedes it. */
function moduleRanges(text) {
  const starts = [];
  text.split('\n').forEach((line, index) => {
    const match = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(line);
    if (match) starts.push([index, match[1]]);
  });
  return (line) => {
    let found = '(bundle prelude)';
    for (const [start, module] of starts) {
      if (start > line) break;
      found = module;
    }
    return found;
  };
}

// ---------------------------------------------------------------------------------------------
// Sections. Add new ones here; each prints its rows under the shared header.

section('baseline', (bench) => {
  baseline = bench.time('node -e 0', [NODE, '-e', '0']);
  bench.time('oncall --help (load the bundle only)', oncall('--help'));
});

section('validate', async (bench) => {
  // The example repository is edited by hand; time it whatever its state (the row shows a non-zero exit).
  bench.time('validate: example repository', oncall('validate', '--root', ROOT), { expectExit: null });
  const { root } = await bench.fixture('large');
  assertValid(root);
  const large = oncall('validate', '--root', root, '--at', AT);
  const stats = bench.time('validate: 1,000 people, 104 shifts', large, { target: VALIDATE_TARGET_MS });
  bench.time('validate --json: same', oncall('validate', '--root', root, '--at', AT, '--json'));
  if (stats.median > VALIDATE_TARGET_MS || flags.profile) {
    pendingProfiles.push({
      label: 'validate on the large repository',
      args: ['validate', '--root', root, '--at', AT],
    });
  }
});

section('who', async (bench) => {
  const { root } = await bench.fixture('large');
  const who = oncall('who', '--root', root, '--at', AT, '--json');
  const answer = JSON.parse(runOnce(who).result.stdout);
  if (answer.oncall?.length !== 2)
    throw new BenchFailure(`who --json did not name 2 people: ${JSON.stringify(answer)}`);
  bench.time('who --json: 1,000 people, 104 shifts', who);
});

section('schedule extend', async (bench) => {
  const cases = [
    ['extend-empty', 'extend: 1,000 people, 104 weeks, empty'],
    ['extend-history', 'extend: same, after 52 weeks of history'],
  ];
  for (const [name, label] of cases) {
    const fixture = await bench.fixture(name);
    const argv = oncall(...fixture.args);
    const answer = JSON.parse(runOnce(argv).result.stdout);
    if (answer.added?.length !== EXTEND_WEEKS) {
      throw new BenchFailure(`${label}: added ${answer.added?.length} shifts, expected ${EXTEND_WEEKS}`);
    }
    const stats = bench.time(label, argv, { target: EXTEND_TARGET_MS });
    const relaxed = new Map();
    for (const { rule } of answer.relaxed) relaxed.set(rule, (relaxed.get(rule) ?? 0) + 1);
    console.log(
      `  └ ${fixture.summary}: ${answer.added.length} shifts, ${answer.relaxed.length} relaxation(s) ` +
        `(${[...relaxed].map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}), ` +
        `prorated load spread ${answer.fairness.spread}${flags.keep ? ` at ${fixture.root}` : ''}`,
    );
    if (stats.median > EXTEND_TARGET_MS || flags.profile) {
      pendingProfiles.push({ label: `schedule extend (${name})`, args: fixture.args });
    }
  }
});

// Quality: scripts/bench-quality.ts (TypeScript, so it scores with src/ itself), loaded through tsx.
let qualityModule;
async function quality() {
  if (!qualityModule) {
    const { tsImport } = await import('tsx/esm/api');
    qualityModule = await tsImport('./bench-quality.ts', import.meta.url);
  }
  return qualityModule;
}

/** What bench-quality.ts borrows from this harness (its BenchHost interface). */
const qualityHost = {
  oncall: (args, expectExit = 0) => runOnce(oncall(...args), { expectExit }).result,
  tempRepo,
  writeFiles,
  random,
  fail(message) {
    throw new BenchFailure(message);
  },
};

section('quality vs round-robin', async () => {
  const { compareWithRoundRobin } = await quality();
  await compareWithRoundRobin(qualityHost);
});

section('quality vs optimum', async () => {
  const { compareWithOptimum } = await quality();
  const timeLimitSeconds = positiveInt(flags['milp-seconds'], '--milp-seconds');
  await compareWithOptimum(qualityHost, { timeLimitSeconds });
});

// ---------------------------------------------------------------------------------------------

async function main() {
  const chosen = sections.filter(
    (s) => s.name === 'baseline' || only.length === 0 || only.some((word) => s.name.includes(word)),
  );
  console.log(
    `oncall bench: node ${process.version}, ${RUNS} timed run(s) after ${WARMUP} warm-up, --at ${AT}, ` +
      `${availableParallelism()} CPU(s), load average ${loadavg()[0].toFixed(2)}`,
  );
  if (loadavg()[0] > 0.5 * availableParallelism()) {
    console.log('note: the machine is busy; timings will be high and noisy');
  }
  warnIfStale();
  const fixtures = new Map();
  const bench = createBench(fixtures);
  if (chosen.some((s) => s.name !== 'baseline')) {
    const large = await bench.fixture('large');
    console.log(`fixture large: ${large.summary}${flags.keep ? ` at ${large.root}` : ''}`);
  }
  console.log('');
  printHeader();
  for (const { run } of chosen) await run(bench);
  for (const { label, args } of pendingProfiles) await profileRun(label, args);

  const over = rows.filter((row) => row.target !== undefined && row.median > row.target);
  if (over.length > 0) {
    console.log(`\n${over.length} row(s) over target: ${over.map((row) => row.label).join('; ')}`);
    if (flags.strict) process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  if (err instanceof BenchFailure) {
    console.error(`\nbench FAILED: ${err.message}`);
    process.exitCode = 1;
  } else throw err;
} finally {
  if (!flags.keep) for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
