/**
 * Each person's future time on call in one rotation, before and after a change, each side read with
 * its own rotation.yaml: a renamed slot, a moved handoff, a new length, timezone or start all move
 * real hours, and only hours tell who is affected. Time after the base's last published shift is
 * newly published: it asks nobody's consent (the people in it are mentioned).
 */
import { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { RotationFile, ScheduleFile } from '../model/schemas.js';
import { onCallPeriods } from '../schedule/on-call-periods.js';
import { timedOverrides } from '../schedule/overrides.js';
import { timeline } from '../schedule/timeline.js';

export interface RotationSide {
  rotation: RotationFile;
  schedule: ScheduleFile;
}

export interface TimeMoved {
  github: string;
  /** Hours on call gained and lost before the base's horizon (rounded to 0.01 h). */
  gained: number;
  lost: number;
  /** The spans gained and lost, as [from, to) instants. */
  gains: Span[];
  losses: Span[];
}

export interface Span {
  from: DateTime;
  to: DateTime;
}

export interface TimeComparison {
  moved: TimeMoved[];
  /** People on call in time the base had not published yet: told, not asked. */
  published: string[];
}

type Millis = [number, number];

export function compareTimeOnCall(
  base: RotationSide | undefined,
  head: RotationSide | undefined,
  now: DateTime,
): TimeComparison {
  const baseShifts = base ? timeline(base.rotation, base.schedule) : [];
  const horizon = baseShifts.length > 0 ? (baseShifts[baseShifts.length - 1]?.endsAt ?? now) : now;
  const from = now.toMillis();
  const until = Math.max(from, horizon.toMillis());
  const before = periodsByPerson(base, now, from, until);
  const after = periodsByPerson(head, now, from, until);
  const published = new Map<string, string>();
  if (head) {
    for (const period of onCallPeriods(
      timeline(head.rotation, head.schedule),
      timedOverrides(head.rotation, head.schedule),
      now,
    )) {
      if (period.to.toMillis() > until && !published.has(loginKey(period.github))) {
        published.set(loginKey(period.github), period.github);
      }
    }
  }
  const zone = (head ?? base)?.rotation.timezone ?? 'UTC';
  const moved: TimeMoved[] = [];
  const keys = new Set([...before.keys(), ...after.keys()]);
  for (const key of keys) {
    const was = before.get(key);
    const is = after.get(key);
    const gains = subtract(is?.spans ?? [], was?.spans ?? []);
    const losses = subtract(was?.spans ?? [], is?.spans ?? []);
    if (gains.length === 0 && losses.length === 0) continue;
    const toSpans = (list: Millis[]) =>
      list.map(([a, b]) => ({
        from: DateTime.fromMillis(a, { zone }),
        to: DateTime.fromMillis(b, { zone }),
      }));
    moved.push({
      github: is?.github ?? was?.github ?? key,
      gained: hours(gains),
      lost: hours(losses),
      gains: toSpans(gains),
      losses: toSpans(losses),
    });
  }
  return { moved, published: [...published.values()] };
}

function periodsByPerson(
  side: RotationSide | undefined,
  now: DateTime,
  from: number,
  until: number,
): Map<string, { github: string; spans: Millis[] }> {
  const people = new Map<string, { github: string; spans: Millis[] }>();
  if (!side) return people;
  const periods = onCallPeriods(
    timeline(side.rotation, side.schedule),
    timedOverrides(side.rotation, side.schedule),
    now,
  );
  for (const period of periods) {
    const start = Math.max(from, period.from.toMillis());
    const end = Math.min(until, period.to.toMillis());
    if (end <= start) continue;
    const key = loginKey(period.github);
    const entry = people.get(key) ?? { github: period.github, spans: [] };
    entry.spans.push([start, end]);
    people.set(key, entry);
  }
  for (const entry of people.values()) entry.spans = merge(entry.spans);
  return people;
}

function merge(spans: Millis[]): Millis[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: Millis[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** The parts of `spans` that `minus` does not cover (both merged and ordered). */
function subtract(spans: readonly Millis[], minus: readonly Millis[]): Millis[] {
  const out: Millis[] = [];
  for (const [start, end] of spans) {
    let cursor = start;
    for (const [a, b] of minus) {
      if (b <= cursor || a >= end) continue;
      if (a > cursor) out.push([cursor, a]);
      cursor = Math.max(cursor, b);
      if (cursor >= end) break;
    }
    if (cursor < end) out.push([cursor, end]);
  }
  return out;
}

function hours(spans: readonly Millis[]): number {
  const total = spans.reduce((sum, [a, b]) => sum + (b - a), 0) / 3_600_000;
  return Math.round(total * 100) / 100;
}
