/**
 * The reliability report's machinery on a fast subset (a few bad inputs, two faults, three ticks at
 * once): the same code as `npm run reliability`, so the suite notices when the measuring breaks
 * or a case starts doing damage. The full run is the script (docs/reliability.md).
 */
import { describe, expect, it } from 'vitest';
import {
  corpusInput,
  duplicateInputs,
  PEOPLE,
  validateCase,
  validFiles,
} from '../../scripts/reliability/bad-inputs.js';
import { noDamage } from '../../scripts/reliability/measure.js';
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
      injected: 0,
    };
    const rows = [
      { group: 'fault' as const, name: 'a row', cases: [{ name: 'c', damage, findings: ['lost ×1: x'] }] },
    ];
    expect(passed(rows, 0)).toBe(false);
    expect(renderReport(rows)).toContain('| a row | 1 | 0 | 1 | 0 | 0 | 0 | 2 | 0 | 0 |');
    expect(passed([], 60)).toBe(false);
  });

  it('a bad input that validates, or is refused for another reason, fails the run as not what it says', async () => {
    const valid = await validateCase({
      name: 'a valid roster',
      file: PEOPLE,
      bytes: Buffer.from(validFiles()[PEOPLE] as string),
      expect: { refused: { rule: 'schema', message: '' } },
    });
    expect(valid.mismatch).toEqual([expect.stringMatching(/^validates: it is not a bad input/)]);
    const nul = corpusInput('people-nul-byte.yaml');
    const other = await validateCase({ ...nul, expect: { refused: { rule: 'alias-limit', message: '' } } });
    expect(other.mismatch).toEqual([expect.stringMatching(/^refused for another reason: encoding/)]);
    const right = await validateCase(nul);
    expect(right.mismatch).toEqual([]);
    expect(right.damage).toEqual(other.damage);

    const rows = [{ group: 'bad' as const, name: 'a row', cases: [right, valid] }];
    expect(passed(rows, 0)).toBe(false);
    expect(renderReport(rows)).toContain('Cases not what they say: 1.');
    expect(passed([{ group: 'bad' as const, name: 'a row', cases: [right] }], 0)).toBe(true);
  });

  it('two inputs with the same content are found by hash, whatever their names', () => {
    const nul = corpusInput('people-nul-byte.yaml');
    const copy = { ...nul, name: 'another name', bytes: Buffer.from(nul.bytes) };
    const elsewhere = { ...nul, name: 'same bytes, another file', file: 'rotations/ops/schedule.yaml' };
    expect(duplicateInputs([nul, copy, elsewhere])).toEqual([`another name is a copy of ${nul.name}`]);
    const rows = [{ group: 'bad' as const, name: 'a row', cases: [], harness: ['x is a copy of y'] }];
    expect(passed(rows, 0)).toBe(false);
  });

  it('mutations that stay valid are shown, but not counted as bad inputs', () => {
    const clean = noDamage();
    const rows = [
      {
        group: 'bad' as const,
        name: 'mutations',
        cases: [
          { name: 'a', damage: clean, findings: [], mismatch: [], stillValid: true },
          { name: 'b', damage: clean, findings: [], mismatch: [], stillValid: false },
          { name: 'c', damage: clean, findings: [], mismatch: [], stillValid: false },
        ],
      },
    ];
    const report = renderReport(rows);
    expect(report).toContain('| mutations | 2 (of 3 tried; 1 valid, not counted) |');
    expect(report).toContain('| **bad inputs tried** | **2** |');
    expect(passed(rows, 3)).toBe(false);
    expect(passed(rows, 2)).toBe(true);
  });
});
