/**
 * experienced_partner N: someone with fewer than N past shifts is paired with someone who has N
 * or more, and two such newcomers never share a shift. Past shifts are counted from the published
 * schedule, history included. A one-slot rotation has no partner, so the rule does not apply.
 */
import type { Finding } from '../../diagnostics/finding.js';
import { loginKey } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { type RotationContext, slotPath } from '../context.js';
import { upcomingShifts } from './upcoming.js';

export function checkExperiencedPartner(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'experienced_partner');
  if (!setting || setting.value === 0 || context.source.rotation.slots.length < 2) return [];
  const findings: Finding[] = [];
  const pastShifts = new Map<string, number>();
  const upcoming = new Set(upcomingShifts(context));
  for (const shift of context.shifts) {
    const experience = shift.assignments.map((slot) => ({
      ...slot,
      count: pastShifts.get(loginKey(slot.github)) ?? 0,
    }));
    const newcomers = experience.filter((person) => person.count < setting.value);
    const newcomer = newcomers[newcomers.length - 1];
    const unpaired =
      newcomers.length > 1 || (newcomers.length === 1 && newcomers.length === experience.length);
    if (upcoming.has(shift) && newcomer && unpaired) {
      findings.push({
        rule: 'experienced_partner',
        severity: setting.severity,
        message:
          newcomers.length > 1
            ? `${newcomers.map((person) => person.github).join(' and ')} have fewer than ${setting.value} past shifts and share the shift of ${shift.start}`
            : `nobody in the shift of ${shift.start} has ${setting.value} or more past shifts to pair with ${newcomer.github} (${newcomer.count})`,
        at: { file: context.source.scheduleFile, path: slotPath(shift.index, newcomer.slot) },
      });
    }
    for (const { github } of shift.assignments)
      pastShifts.set(loginKey(github), (pastShifts.get(loginKey(github)) ?? 0) + 1);
  }
  return findings;
}
