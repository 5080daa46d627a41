/**
 * The schedule score the benchmarks compare with: each rule counted as `oncall validate` counts its
 * findings, loads prorated for leave and new hires, and the weighted objective. The numbers in the
 * comments are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  BALANCE_TERM_WEIGHT,
  type ObjectiveInput,
  RULE_WEIGHTS,
  scoreSchedule,
  UNAVAILABLE_WEIGHT,
} from '../../../src/core/fairness/objective.js';
import { RELAX_ORDER } from '../../../src/core/generate/soft-rules.js';

const ALL = ['ana', 'ben', 'cy', 'dee'];

/** Four members; dee joined 2027-01-01, so with 14 days of tenure serves from 2027-01-15. */
const base: ObjectiveInput = {
  rules: {
    min_gap_shifts: 1,
    distinct_teams: true,
    experienced_partner: 2,
    min_tenure_days: 14,
    balance: 1,
    avoid_repeat_pairs: 2,
  },
  members: [
    { github: 'ana', team: 'red' },
    { github: 'ben', team: 'blue' },
    { github: 'cy', team: 'green' },
    { github: 'dee', team: 'red', joined: '2027-01-01' },
  ],
  shifts: [
    // History. Eligible: ana, ben, cy (dee is not past tenure): dee is credited 2/3.
    { start: '2027-01-04', people: ['ana', 'ben'], available: ALL },
    // ana again after 1 shift (min_gap), two reds, dee before tenure, two newcomers (< 2 past shifts).
    { start: '2027-01-11', people: ['ana', 'dee'], available: ALL },
    // cy away (credited 2/3); ana again after 1 shift; ana and ben paired 2 shifts ago.
    { start: '2027-01-18', people: ['ana', 'ben'], available: ['ana', 'ben', 'dee'] },
    // ana (3) and ben (2) take it while cy has 2/3: both break balance 1; both again after 1
    // shift; paired 1 shift ago.
    { start: '2027-01-25', people: ['ana', 'ben'], available: ALL },
    // dee is away but on call; cy (0 past shifts) and dee (1) are both newcomers.
    { start: '2027-02-01', people: ['cy', 'dee'], available: ['ana', 'ben', 'cy'] },
  ],
  from: 1,
};

describe('scoreSchedule', () => {
  it('counts each rule as validate reports it, on the judged shifts only', () => {
    const result = scoreSchedule(base);
    expect(result.violations).toEqual({
      avoid_repeat_pairs: 2,
      distinct_teams: 1,
      balance: 2,
      min_gap_shifts: 4,
      experienced_partner: 2,
      min_tenure_days: 1,
      unavailable: 1,
    });
  });

  it('prorates loads for leave and tenure, and weighs violations by relaxation order', () => {
    const result = scoreSchedule(base);
    // ana 4 shifts; ben 3; cy 2/3 while away + 1 shift; dee 2/3 twice before tenure (one of them
    // on call: + 1), then 2/3 while away (on call anyway: + 1).
    expect(result.loads.ana).toBeCloseTo(4);
    expect(result.loads.ben).toBeCloseTo(3);
    expect(result.loads.cy).toBeCloseTo(5 / 3);
    expect(result.loads.dee).toBeCloseTo(4);
    expect(result.spread).toBeCloseTo(4 - 5 / 3);
    // 2×1 + 1×2 + 2×4 + 4×8 + 2×16 + 1×32 + 1×64
    expect(result.penalty).toBe(172);
    expect(result.objective).toBeCloseTo(172 + BALANCE_TERM_WEIGHT * (4 - 5 / 3));
  });

  it('weighs the rule at position i of RELAX_ORDER 2^i, and unavailability above them all', () => {
    RELAX_ORDER.forEach((rule, index) => {
      expect(RULE_WEIGHTS[rule]).toBe(2 ** index);
    });
    expect(UNAVAILABLE_WEIGHT).toBeGreaterThan(Math.max(...Object.values(RULE_WEIGHTS)));
  });

  it('counts nothing for rules that are off, and nothing in history', () => {
    const off = scoreSchedule({ ...base, rules: { min_gap_shifts: 0, distinct_teams: false } });
    expect(off.penalty).toBe(UNAVAILABLE_WEIGHT);
    const historyOnly = scoreSchedule({ ...base, from: base.shifts.length });
    expect(historyOnly.penalty).toBe(0);
    expect(historyOnly.spread).toBe(0);
  });
});
