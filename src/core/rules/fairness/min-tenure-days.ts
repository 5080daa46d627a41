/** min_tenure_days N: nobody is on call in their first N days after `joined`. */
import type { Finding } from '../../diagnostics/finding.js';
import { findPerson } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { addDays } from '../../time/wall-clock.js';
import { type RotationContext, slotPath } from '../context.js';
import { upcomingShifts } from './upcoming.js';

export function checkMinTenureDays(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'min_tenure_days');
  if (!setting || setting.value === 0) return [];
  const findings: Finding[] = [];
  for (const shift of upcomingShifts(context)) {
    for (const { slot, github } of shift.assignments) {
      const joined = findPerson(context.roster, github)?.joined;
      if (!joined) continue;
      const eligible = addDays(joined, setting.value);
      if (shift.start < eligible) {
        findings.push({
          rule: 'min_tenure_days',
          severity: setting.severity,
          message: `${github} joined ${joined} and is on call from ${shift.start}, before ${eligible} (${setting.value} days)`,
          at: { file: context.source.scheduleFile, path: slotPath(shift.index, slot) },
        });
      }
    }
  }
  return findings;
}
