/**
 * What a reliability case measures, by observation: the damage columns of the report, and the
 * helpers that count them from what a run left behind (exit codes and output of the processes,
 * files on disk, the GitHub emulator's issues and comments, the Slack emulator's messages).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Damage {
  crashes: number;
  lost: number;
  rewritten: number;
  dupIssues: number;
  dupComments: number;
  dupPages: number;
  mistimed: number;
  /** People's text that the bot made live: a mention, link, image or HTML it echoed. */
  injected: number;
}

export const DAMAGE_COLUMNS: [keyof Damage, string][] = [
  ['crashes', 'crashes'],
  ['lost', 'data lost'],
  ['rewritten', 'data rewritten'],
  ['dupIssues', 'duplicate issues'],
  ['dupComments', 'duplicate comments'],
  ['dupPages', 'duplicate pages'],
  ['mistimed', 'mistimed (pages, retries)'],
  ['injected', "people's text made live"],
];

export function noDamage(): Damage {
  return {
    crashes: 0,
    lost: 0,
    rewritten: 0,
    dupIssues: 0,
    dupComments: 0,
    dupPages: 0,
    mistimed: 0,
    injected: 0,
  };
}

export function addDamage(into: Damage, more: Damage): Damage {
  for (const [key] of DAMAGE_COLUMNS) into[key] += more[key];
  return into;
}

/** One case: what was tried, the damage seen, and why (a line per damage found, for the report). */
export interface CaseResult {
  name: string;
  damage: Damage;
  findings: string[];
}

/** Collects the damage of one case as it is observed. */
export class Observer {
  readonly damage = noDamage();
  readonly findings: string[] = [];

  constructor(readonly name: string) {}

  count(column: keyof Damage, n: number, why: string): void {
    if (n <= 0) return;
    this.damage[column] += n;
    this.findings.push(`${column} ×${n}: ${why}`);
  }

  result(): CaseResult {
    return { name: this.name, damage: this.damage, findings: this.findings };
  }
}

/** A stack trace, or an error the code did not mean to show, in a process's or command's output. */
const STACK = /^\s+at .+(?::\d+:\d+\)?|\(native\))$/m;
const INTERNAL =
  /internal error|Unhandled|uncaught|\b(?:TypeError|ReferenceError|RangeError|SyntaxError: (?!.*JSON)|Maximum call stack)/i;

export function crashIn(output: string): string | undefined {
  const stack = STACK.exec(output);
  if (stack) return `stack trace: ${stack[0].trim()}`;
  const internal = INTERNAL.exec(output);
  if (internal) {
    const line = output.split('\n').find((candidate) => INTERNAL.test(candidate)) ?? internal[0];
    return `internal error: ${line.trim().slice(0, 200)}`;
  }
  return undefined;
}

/** Counts a run as crashed when its exit code is not allowed or its output shows a stack trace. */
export function checkRun(
  obs: Observer,
  label: string,
  run: { code: number; stdout: string; stderr: string },
  allowed: readonly number[] = [0, 1],
): void {
  const crash = crashIn(`${run.stdout}\n${run.stderr}`);
  if (!allowed.includes(run.code)) {
    obs.count('crashes', 1, `${label}: exit ${run.code} (expected ${allowed.join(' or ')}) ${crash ?? ''}`);
  } else if (crash) obs.count('crashes', 1, `${label}: ${crash}`);
}

/** The content hash of every file under `root` (the .git directory aside). */
export function snapshotFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        files.set(path.relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

/** Counts every file added, removed or changed since `before`. */
export function checkFilesUnchanged(obs: Observer, root: string, before: Map<string, string>): void {
  const after = snapshotFiles(root);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (file) => before.get(file) !== after.get(file),
  );
  obs.count('rewritten', changed.length, `files changed on disk: ${changed.join(', ')}`);
}

/** Counts the extra copies among `keys`: each key seen n times adds n - 1. */
export function duplicates(keys: string[]): { extra: number; which: string[] } {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const which = [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
  return { extra: [...counts.values()].reduce((sum, n) => sum + n - 1, 0), which };
}

/** A notification a scenario expects: to whom (`@ana`, `#incidents`), for which issue, when. */
export interface Due {
  to: string;
  issue: number;
  /** Epoch ms of the instant it is due. */
  at: number;
  /** How long after `at` it may still come (the next tick, after a fault), in ms. */
  lateMs: number;
  /**
   * Either outcome is right (a race whose winner decides it: an /ack that lands before the
   * escalation or after it): not sent is no loss; sent, it must still be on time and once.
   */
  optional?: boolean;
}

/** A notification that was sent: to whom, for which issue, at which instant (the emulator's clock). */
export interface Sent {
  to: string;
  issue: number;
  at: number;
  /** What the code under test called it (its dedup key), for the findings only. */
  label: string;
}

/**
 * Matches what was sent against the expected timeline, by recipient and issue alone (never by
 * the dedup key the code under test chose): each due notification takes the first unmatched one
 * sent in [at, at + lateMs]. A due one with nothing sent is lost, or mistimed when one came
 * outside its window; anything sent that no due notification takes is a duplicate when the same
 * person already had one for that issue, and mistimed (unexpected, early or late) otherwise.
 */
export function checkTimeline(obs: Observer, expected: readonly Due[], sent: readonly Sent[]): void {
  const taken = new Set<number>();
  const order = [...sent.keys()].sort((a, b) => (sent[a] as Sent).at - (sent[b] as Sent).at);
  const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  for (const due of [...expected].sort((a, b) => a.at - b.at)) {
    const match = order.find((i) => {
      const one = sent[i] as Sent;
      return (
        !taken.has(i) &&
        one.to === due.to &&
        one.issue === due.issue &&
        one.at >= due.at &&
        one.at <= due.at + due.lateMs
      );
    });
    if (match !== undefined) {
      taken.add(match);
      continue;
    }
    if (due.optional) continue;
    const outside = sent.some((one) => one.to === due.to && one.issue === due.issue);
    obs.count(
      outside ? 'mistimed' : 'lost',
      1,
      `${due.to} #${due.issue} due ${when(due.at)} UTC${due.lateMs ? ` (by ${when(due.at + due.lateMs)})` : ''}: ${outside ? 'sent only outside that window' : 'never sent'}`,
    );
  }
  for (const i of order) {
    if (taken.has(i)) continue;
    const one = sent[i] as Sent;
    const again = [...taken].some(
      (j) => (sent[j] as Sent).to === one.to && (sent[j] as Sent).issue === one.issue,
    );
    obs.count(
      again ? 'dupPages' : 'mistimed',
      1,
      `${one.to} #${one.issue} at ${when(one.at)} UTC (${one.label}): ${again ? 'a second notification, not in the timeline' : 'not in the timeline'}`,
    );
  }
}
