/**
 * What a change to schedule.yaml does, as people see it: which slots of which shifts changed hands,
 * which shifts were appended (publishing) or removed, and which covers were added or removed. Each
 * change carries the instants it concerns, so gains and losses of time on call can be counted.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';

export type ScheduleChange =
  | { kind: 'slot'; start: string; slot: string; from: string; to: string; period: Period; index: number }
  | { kind: 'published' | 'inserted'; start: string; people: string[]; period: Period; index: number }
  | { kind: 'unpublished'; start: string; people: string[]; period: Period }
  | { kind: 'cover-added'; replace: string; with: string; period: Period; reason?: string; index: number }
  | { kind: 'cover-removed'; replace: string; with: string; period: Period; reason?: string };

export interface Period {
  from: DateTime;
  to: DateTime;
}

export interface ScheduleSide {
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
}

export function diffSchedules(base: ScheduleSide, head: ScheduleSide): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  const baseByStart = new Map(base.shifts.map((shift) => [shift.start, shift]));
  const headStarts = new Set(head.shifts.map((shift) => shift.start));
  const lastBase = base.shifts[base.shifts.length - 1]?.start ?? '';
  for (const shift of head.shifts) {
    const before = baseByStart.get(shift.start);
    const period = { from: shift.startsAt, to: shift.endsAt };
    if (!before) {
      // A shift after the last published one publishes; one slipped in between is an edit.
      changes.push({
        kind: shift.start > lastBase ? 'published' : 'inserted',
        start: shift.start,
        people: shift.assignments.map((slot) => slot.github),
        period,
        index: shift.index,
      });
      continue;
    }
    for (const { slot, github } of shift.assignments) {
      const previous = before.assignments.find((entry) => entry.slot === slot)?.github;
      if (previous !== undefined && loginKey(previous) !== loginKey(github)) {
        changes.push({
          kind: 'slot',
          start: shift.start,
          slot,
          from: previous,
          to: github,
          period,
          index: shift.index,
        });
      }
    }
  }
  for (const shift of base.shifts) {
    if (headStarts.has(shift.start)) continue;
    changes.push({
      kind: 'unpublished',
      start: shift.start,
      people: shift.assignments.map((slot) => slot.github),
      period: { from: shift.startsAt, to: shift.endsAt },
    });
  }
  const key = (override: TimedOverride) =>
    `${override.from.toMillis()}|${override.to.toMillis()}|${loginKey(override.replace)}|${loginKey(override.with)}`;
  const baseOverrides = new Set(base.overrides.map(key));
  const headOverrides = new Set(head.overrides.map(key));
  for (const override of head.overrides) {
    if (baseOverrides.has(key(override))) continue;
    changes.push({
      kind: 'cover-added',
      replace: override.replace,
      with: override.with,
      period: { from: override.from, to: override.to },
      reason: override.reason,
      index: override.index,
    });
  }
  for (const override of base.overrides) {
    if (headOverrides.has(key(override))) continue;
    changes.push({
      kind: 'cover-removed',
      replace: override.replace,
      with: override.with,
      period: { from: override.from, to: override.to },
      reason: override.reason,
    });
  }
  return changes;
}

/** Hours on call each person gains and loses through the changes (a swap is both). */
export function timeDelta(
  changes: readonly ScheduleChange[],
): Map<string, { github: string; gained: number; lost: number }> {
  const delta = new Map<string, { github: string; gained: number; lost: number }>();
  const add = (github: string, hours: number) => {
    const entry = delta.get(loginKey(github)) ?? { github, gained: 0, lost: 0 };
    if (hours > 0) entry.gained += hours;
    else entry.lost -= hours;
    delta.set(loginKey(github), entry);
  };
  for (const change of changes) {
    const hours = change.period.to.diff(change.period.from, 'hours').hours;
    switch (change.kind) {
      case 'slot':
        add(change.to, hours);
        add(change.from, -hours);
        break;
      case 'cover-added':
        add(change.with, hours);
        add(change.replace, -hours);
        break;
      case 'cover-removed':
        add(change.with, -hours);
        add(change.replace, hours);
        break;
      case 'unpublished':
        for (const person of change.people) add(person, -hours);
        break;
      case 'inserted':
        for (const person of change.people) add(person, hours);
        break;
      case 'published':
        break;
    }
  }
  return delta;
}
