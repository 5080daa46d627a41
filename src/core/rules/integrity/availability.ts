/**
 * Nobody is on call while away, before joining or after leaving. Checked for every shift and
 * override that has not ended yet: history is a record and stays as it was.
 */
import type { DateTime } from 'luxon';
import { error, type Finding } from '../../diagnostics/finding.js';
import { conflictWith, type Unavailable, unavailability } from '../../model/availability.js';
import { findPerson, loginKey } from '../../model/roster.js';
import type { RotationContext } from '../context.js';
import { slotPath } from '../context.js';

const ruleFor: Record<Unavailable['reason'], string> = {
  away: 'on-call-while-away',
  'before-joined': 'on-call-before-joined',
  'after-left': 'on-call-after-left',
};

export function checkAvailability({ source, roster, shifts, overrides, now }: RotationContext): Finding[] {
  const file = source.scheduleFile;
  const findings: Finding[] = [];
  const periodsOf = new Map<string, Unavailable[]>();
  const periods = (login: string) => {
    const key = loginKey(login);
    let found = periodsOf.get(key);
    if (!found) {
      const person = findPerson(roster, login);
      found = person ? unavailability(person) : [];
      periodsOf.set(key, found);
    }
    return found;
  };
  const report = (login: string, conflict: Unavailable, when: string, path: (string | number)[]) =>
    findings.push(
      error(ruleFor[conflict.reason], `${login} is on call ${when} but ${conflict.label}`, { file, path }),
    );

  for (const shift of shifts) {
    if (shift.endsAt <= now) continue;
    for (const { slot, github } of shift.assignments) {
      const own = periods(github);
      if (own.length === 0) continue;
      // The parts of the shift that an override hands to someone else do not count against them.
      for (const [from, to] of uncovered(shift.startsAt, shift.endsAt, github, overrides)) {
        const conflict = conflictWith(own, from, to);
        if (conflict) {
          report(github, conflict, `in the shift of ${shift.start}`, slotPath(shift.index, slot));
          break;
        }
      }
    }
  }
  for (const override of overrides) {
    if (override.to <= now) continue;
    const conflict = conflictWith(periods(override.with), override.from, override.to);
    if (conflict) {
      report(override.with, conflict, `for the override of ${override.replace}`, [
        'overrides',
        override.index,
        'with',
      ]);
    }
  }
  return findings;
}

function uncovered(
  from: DateTime,
  to: DateTime,
  login: string,
  overrides: RotationContext['overrides'],
): [DateTime, DateTime][] {
  const covers = overrides
    .filter(
      (override) =>
        loginKey(override.replace) === loginKey(login) && override.from < to && from < override.to,
    )
    .sort((a, b) => a.from.toMillis() - b.from.toMillis());
  const parts: [DateTime, DateTime][] = [];
  let cursor = from;
  for (const cover of covers) {
    if (cover.from > cursor) parts.push([cursor, cover.from]);
    if (cover.to > cursor) cursor = cover.to;
  }
  if (cursor < to) parts.push([cursor, to]);
  return parts;
}
