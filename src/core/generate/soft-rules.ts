/**
 * The fairness rules as the generator sees them: constraints it keeps while it can, relaxed one at
 * a time when it cannot, least important first. A rule set to `enforce: error` is never relaxed.
 */

import { ruleSetting } from '../model/rule-settings.js';
import type { RotationFile, RuleName } from '../model/schemas.js';

/**
 * Relaxation order, least important first: comfort (pairs and team mix) goes before load
 * balance, which goes before rest between shifts, which goes before safety (an experienced
 * partner, no one on call in their first days).
 */
export const RELAX_ORDER: readonly RuleName[] = [
  'avoid_repeat_pairs',
  'distinct_teams',
  'balance',
  'min_gap_shifts',
  'experienced_partner',
  'min_tenure_days',
];

export interface SoftRules {
  minGapShifts?: number;
  distinctTeams: boolean;
  experiencedPartner?: number;
  minTenureDays?: number;
  balance?: number;
  avoidRepeatPairs?: number;
}

export function configuredRules(rotation: RotationFile): {
  rules: SoftRules;
  hard: Set<RuleName>;
  active: RuleName[];
} {
  const hard = new Set<RuleName>();
  const active: RuleName[] = [];
  const read = <N extends RuleName>(name: N) => {
    const setting = ruleSetting(rotation, name);
    // 0 turns a count rule off; `balance: 0` is the strictest balance, not none.
    if (setting === undefined || setting.value === false) return undefined;
    if (setting.value === 0 && name !== 'balance') return undefined;
    active.push(name);
    if (setting.severity === 'error') hard.add(name);
    return setting.value;
  };
  const rules: SoftRules = {
    minGapShifts: read('min_gap_shifts'),
    distinctTeams: read('distinct_teams') === true,
    experiencedPartner: rotation.slots.length > 1 ? read('experienced_partner') : undefined,
    minTenureDays: read('min_tenure_days'),
    balance: read('balance'),
    avoidRepeatPairs: read('avoid_repeat_pairs'),
  };
  return { rules, hard, active };
}

/** The rules left after relaxing `relaxed`. */
export function withRelaxed(rules: SoftRules, relaxed: ReadonlySet<RuleName>): SoftRules {
  return {
    minGapShifts: relaxed.has('min_gap_shifts') ? undefined : rules.minGapShifts,
    distinctTeams: relaxed.has('distinct_teams') ? false : rules.distinctTeams,
    experiencedPartner: relaxed.has('experienced_partner') ? undefined : rules.experiencedPartner,
    minTenureDays: relaxed.has('min_tenure_days') ? undefined : rules.minTenureDays,
    balance: relaxed.has('balance') ? undefined : rules.balance,
    avoidRepeatPairs: relaxed.has('avoid_repeat_pairs') ? undefined : rules.avoidRepeatPairs,
  };
}
