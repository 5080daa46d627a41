/** Fairness rules are written as a bare value or `{ value, enforce }`; this reads either. */
import type { Severity } from '../diagnostics/finding.js';
import type { RotationFile, RuleName } from './schemas.js';

export interface RuleSetting<V> {
  value: V;
  severity: Severity;
}

/** The bare value type of each rule, as its schema allows. */
interface RuleValues {
  min_gap_shifts: number;
  distinct_teams: boolean;
  experienced_partner: number;
  min_tenure_days: number;
  balance: number;
  avoid_repeat_pairs: number;
}

export function ruleSetting<N extends RuleName>(
  rotation: RotationFile,
  name: N,
): RuleSetting<RuleValues[N]> | undefined {
  const written: unknown = rotation.rules?.[name];
  if (written === undefined) return undefined;
  if (typeof written === 'object' && written !== null && 'value' in written) {
    const { value, enforce } = written as { value: RuleValues[N]; enforce?: Severity };
    return { value, severity: enforce === 'error' ? 'error' : 'warning' };
  }
  return { value: written as RuleValues[N], severity: 'warning' };
}
