/** distinct_teams: the people of one shift come from different teams. */
import type { Finding } from '../../diagnostics/finding.js';
import { findPerson } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { type RotationContext, slotPath } from '../context.js';
import { upcomingShifts } from './upcoming.js';

export function checkDistinctTeams(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'distinct_teams');
  if (!setting?.value) return [];
  const findings: Finding[] = [];
  for (const shift of upcomingShifts(context)) {
    const teamHolder = new Map<string, string>();
    for (const { slot, github } of shift.assignments) {
      const team = findPerson(context.roster, github)?.team;
      if (team === undefined) continue;
      const other = teamHolder.get(team);
      if (other) {
        findings.push({
          rule: 'distinct_teams',
          severity: setting.severity,
          message: `${github} and ${other} are both on team ${team} in the shift of ${shift.start}`,
          at: { file: context.source.scheduleFile, path: slotPath(shift.index, slot) },
        });
      } else teamHolder.set(team, github);
    }
  }
  return findings;
}
