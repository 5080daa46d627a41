/**
 * The nesting limit of every YAML file we read, from both sides: exactly MAX_DEPTH collections
 * nest, one more is refused with a positioned error, however the collections are written (flow,
 * block, or after an anchor, which sends the file to the positioned parser) and however deep.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseYaml } from '../../src/io/yaml-source.js';

const flow = (depth: number) => `${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
const blockMaps = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;
const blockSequences = (depth: number) => `${'- '.repeat(depth)}x\n`;
/** An anchor and an alias first: js-yaml refuses aliases here, so the `yaml` parser reads it. */
const afterAnchor = (depth: number) => `a: &a 1\nb: *a\nc: ${flow(depth - 1)}`;

/** How deep the collections of `data` nest. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('the nesting limit', () => {
  it.each([
    ['flow sequences', flow],
    ['block maps', blockMaps],
    ['block sequences on one line', blockSequences],
    ['flow sequences after an anchor', afterAnchor],
  ])('%s: %i levels are read, one more is refused at the level over the limit', (_name, write) => {
    const under = parseYaml('f.yaml', write(MAX_DEPTH));
    expect(under.diagnostics).toEqual([]);
    // The fixture itself: it nests exactly as deep as the limit.
    expect(depthOf(under.source?.data)).toBe(MAX_DEPTH);

    const over = parseYaml('f.yaml', write(MAX_DEPTH + 1));
    expect(over.diagnostics).toEqual([
      expect.objectContaining({
        file: 'f.yaml',
        rule: 'yaml-syntax',
        message: `nesting is deeper than ${MAX_DEPTH} levels`,
        line: expect.any(Number),
        column: expect.any(Number),
      }),
    ]);
    expect(over.source).toBeUndefined();
  });

  it.each([
    ['flow', flow],
    ['block sequences', blockSequences],
    ['after an anchor', afterAnchor],
  ])('%s nested 20,000 deep: refused, without running out of stack', (_name, write) => {
    const over = parseYaml('f.yaml', write(20_000));
    expect(over.diagnostics.map((item) => item.rule)).toEqual(['yaml-syntax']);
    expect(over.diagnostics[0]?.message).toBe(`nesting is deeper than ${MAX_DEPTH} levels`);
  });
});
