/**
 * balance B: nobody takes a shift while someone else who could serve it has a prorated load
 * (see fairness/prorated-load.ts) more than B below theirs. Judged for shifts not yet ended.
 */
import type { Finding } from '../../diagnostics/finding.js';
import { walkProratedLoads } from '../../fairness/prorated-load.js';
import { loginKey } from '../../model/roster.js';
import { ruleSetting } from '../../model/rule-settings.js';
import { type RotationContext, slotPath } from '../context.js';

export function checkBalance(context: RotationContext): Finding[] {
  const setting = ruleSetting(context.source.rotation, 'balance');
  if (setting === undefined) return [];
  const { rotation, scheduleFile } = context.source;
  const findings: Finding[] = [];
  walkProratedLoads(rotation, context.roster, context.shifts, new Set(), ({ shift, eligible, loads }) => {
    if (shift.endsAt <= context.now) return;
    const inShift = new Set(shift.assignments.map((slot) => loginKey(slot.github)));
    let lightest: { key: string; load: number } | undefined;
    for (const key of eligible) {
      const load = loads.get(key) ?? 0;
      if (!inShift.has(key) && (!lightest || load < lightest.load)) lightest = { key, load };
    }
    if (!lightest) return;
    for (const { slot, github } of shift.assignments) {
      const load = loads.get(loginKey(github));
      if (load === undefined || load <= lightest.load + setting.value + 1e-9) continue;
      const other = context.roster.byLogin.get(lightest.key)?.github ?? lightest.key;
      findings.push({
        rule: 'balance',
        severity: setting.severity,
        message: `${github} takes the shift of ${shift.start} with a prorated load of ${round(load)} while ${other}, who could serve it, has ${round(lightest.load)} (allowed difference: ${setting.value})`,
        at: { file: scheduleFile, path: slotPath(shift.index, slot) },
      });
    }
  });
  return findings;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
