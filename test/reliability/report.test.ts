/**
 * The reliability report's machinery on a fast subset (a few bad inputs, two faults, three ticks at
 * once): the same code as `npm run reliability`, so the suite notices when the measuring breaks
 * or a case starts doing damage. The full run is the script (docs/reliability.md).
 */
import { describe, expect, it } from 'vitest';
import { passed, renderReport, runReliability } from '../../scripts/reliability.js';

describe('the reliability report (fast subset)', () => {
  it('runs every kind of case and finds no damage', { timeout: 120_000 }, async () => {
    const rows = await runReliability({ fast: true });
    const report = renderReport(rows);
    const groups = new Set(rows.map((row) => row.group));
    expect([...groups].sort()).toEqual(['bad', 'fault', 'repetition']);
    for (const row of rows) expect(row.cases.length, row.name).toBeGreaterThan(0);
    expect(passed(rows, 0), report).toBe(true);
    expect(report).toMatch(/^\| {2}\| tried \| crashes \| data lost \| data rewritten \|/);
  });

  it('counts what it observes: a damaged case turns its row and the result red', () => {
    const damage = {
      crashes: 0,
      lost: 1,
      rewritten: 0,
      dupIssues: 0,
      dupComments: 0,
      dupPages: 2,
      mistimed: 0,
    };
    const rows = [
      { group: 'fault' as const, name: 'a row', cases: [{ name: 'c', damage, findings: ['lost ×1: x'] }] },
    ];
    expect(passed(rows, 0)).toBe(false);
    expect(renderReport(rows)).toContain('| a row | 1 | 0 | 1 | 0 | 0 | 0 | 2 | 0 |');
    expect(passed([], 60)).toBe(false);
  });
});
