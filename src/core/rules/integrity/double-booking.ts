/** Nobody is on call in two rotations at once (shifts and overrides that have not ended). */
import type { DateTime } from 'luxon';
import { error, type Finding } from '../../diagnostics/finding.js';
import { loginKey } from '../../model/roster.js';
import { type OnCallPeriod, onCallPeriods } from '../../schedule/on-call-periods.js';
import type { RotationContext } from '../context.js';

export function checkDoubleBooking(contexts: readonly RotationContext[], now: DateTime): Finding[] {
  if (contexts.length < 2) return [];
  const findings: Finding[] = [];
  const byPerson = new Map<string, { period: OnCallPeriod; context: RotationContext }[]>();
  for (const context of contexts) {
    for (const period of onCallPeriods(context.shifts, context.overrides, now)) {
      const key = loginKey(period.github);
      const list = byPerson.get(key) ?? [];
      list.push({ period, context });
      byPerson.set(key, list);
    }
  }
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.period.from.toMillis() - b.period.from.toMillis());
    for (let i = 0; i < list.length; i += 1) {
      const current = list[i] as (typeof list)[number];
      for (let j = i + 1; j < list.length; j += 1) {
        const later = list[j] as (typeof list)[number];
        if (later.period.from >= current.period.to) break;
        if (later.context === current.context) continue;
        const other = current.context.source.rotation.name;
        findings.push(
          error(
            'double-booked',
            `${later.period.github} is on call in ${later.period.label} and, at the same time, in rotation ${other} (${current.period.label})`,
            { file: later.context.source.scheduleFile, path: later.period.path },
          ),
        );
      }
    }
  }
  return findings;
}
