/** min_gap_shifts N: nobody is on call again within N shifts after their own. */
import type { Finding } from '../../diagnostics/finding.js';
import { loginKey } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { type RotationContext, slotPath } from '../context.js';
import { upcomingShifts } from './upcoming.js';

export function checkMinGapShifts(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'min_gap_shifts');
  if (!setting || setting.value === 0) return [];
  const findings: Finding[] = [];
  const lastShiftOf = new Map<string, number>();
  const upcoming = new Set(upcomingShifts(context));
  context.shifts.forEach((shift, position) => {
    for (const { slot, github } of shift.assignments) {
      const previous = lastShiftOf.get(loginKey(github));
      if (upcoming.has(shift) && previous !== undefined && position - previous <= setting.value) {
        findings.push({
          rule: 'min_gap_shifts',
          severity: setting.severity,
          message: `${github} is on call again ${position - previous} shift(s) after ${context.shifts[previous]?.start}; the rule asks for more than ${setting.value}`,
          at: { file: context.source.scheduleFile, path: slotPath(shift.index, slot) },
        });
      }
      lastShiftOf.set(loginKey(github), position);
    }
  });
  return findings;
}
