/**
 * Nobody is on call while away, before joining or after leaving. Checked for every shift and
 * override that has not ended yet: history is a record and stays as it was.
 */
import { error, type Finding } from '../../diagnostics/finding.js';
import { conflictWith, type Unavailable, unavailability } from '../../model/availability.js';
import { findPerson, loginKey } from '../../model/roster.js';
import { onCallPeriods } from '../../schedule/on-call-periods.js';
import type { RotationContext } from '../context.js';

const ruleFor: Record<Unavailable['reason'], string> = {
  away: 'on-call-while-away',
  'before-joined': 'on-call-before-joined',
  'after-left': 'on-call-after-left',
};

export function checkAvailability({ source, roster, shifts, overrides, now }: RotationContext): Finding[] {
  const file = source.scheduleFile;
  const findings: Finding[] = [];
  const periodsOf = new Map<string, Unavailable[]>();
  const unavailable = (login: string) => {
    const key = loginKey(login);
    let found = periodsOf.get(key);
    if (!found) {
      const person = findPerson(roster, login);
      found = person ? unavailability(person) : [];
      periodsOf.set(key, found);
    }
    return found;
  };
  // One finding per slot or override, even when several of its parts conflict.
  const reported = new Set<string>();
  for (const period of onCallPeriods(shifts, overrides, now)) {
    const conflict = conflictWith(unavailable(period.github), period.from, period.to);
    const where = period.path.join('/');
    if (!conflict || reported.has(where)) continue;
    reported.add(where);
    findings.push(
      error(
        ruleFor[conflict.reason],
        `${period.github} is on call in ${period.label} but ${conflict.label}`,
        {
          file,
          path: period.path,
        },
      ),
    );
  }
  return findings;
}
