/** avoid_repeat_pairs N: the same two people are not on call together again within N shifts. */
import type { Finding } from '../../diagnostics/finding.js';
import { loginKey } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { type RotationContext, slotPath } from '../context.js';
import { upcomingShifts } from './upcoming.js';

export function checkAvoidRepeatPairs(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'avoid_repeat_pairs');
  if (!setting || setting.value === 0) return [];
  const findings: Finding[] = [];
  const lastTogether = new Map<string, number>();
  const upcoming = new Set(upcomingShifts(context));
  context.shifts.forEach((shift, position) => {
    const people = shift.assignments;
    for (let i = 0; i < people.length; i += 1) {
      for (let j = i + 1; j < people.length; j += 1) {
        const a = people[i];
        const b = people[j];
        if (!a || !b) continue;
        const pair = [loginKey(a.github), loginKey(b.github)].sort().join(' ');
        const previous = lastTogether.get(pair);
        if (upcoming.has(shift) && previous !== undefined && position - previous <= setting.value) {
          findings.push({
            rule: 'avoid_repeat_pairs',
            severity: setting.severity,
            message: `${a.github} and ${b.github} were already paired ${position - previous} shift(s) before, on ${context.shifts[previous]?.start}; the rule asks for more than ${setting.value}`,
            at: { file: context.source.scheduleFile, path: slotPath(shift.index, b.slot) },
          });
        }
        lastTogether.set(pair, position);
      }
    }
  });
  return findings;
}
