import { describe, expect, it } from 'vitest';
import { stepOf } from '../../../src/actions/shared/commit-incident.js';

describe('stepOf: the step an older record page paged, from its key', () => {
  it.each([
    ['1:step-0', undefined, 'step-0'],
    ['1:r1:step-2', undefined, 'step-2'],
    ['12:r3:step-0', undefined, 'step-0'],
    ['1:deferred:ana', undefined, 'primary'],
    ['1:step-3', 'eng-leads', 'team:eng-leads'],
  ])('%s', (key, team, step) => {
    expect(stepOf(key, team)).toBe(step);
  });
});
