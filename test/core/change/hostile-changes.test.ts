/**
 * The hostile-change corpus: pull requests a hostile member (or a tired one) could open, each
 * judged by the change check on real file trees. None may pass without the right consent, and each
 * must be refused for the right reason (the consent or error named in `blocked`). Ordinary work,
 * in the second table, must still pass.
 */
import { describe, expect, it } from 'vitest';
import { baseFiles, HEAD_SHA, judge, ROTATION, replace } from './change-fixture.js';
import { hostile, ordinary } from './hostile-corpus.js';

describe('hostile changes: none merges without the right consent', () => {
  it('the corpus is large enough to mean something', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const outcome = await judge(item.edit, item.consent);
    expect(outcome.ok).toBe(false);
    const reasons = [
      ...(outcome.check?.consent ?? [])
        .filter((need) => !need.given)
        .map((need) => `${need.who} | ${need.for}`),
      ...outcome.errors.map((error) => `error ${error.rule}: ${error.message}`),
    ];
    expect(reasons.join('\n')).toContain(item.blocked);
  });
});

describe('ordinary work still passes', () => {
  it.each(ordinary.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const outcome = await judge(item.edit, item.consent);
    expect({
      ok: outcome.ok,
      errors: outcome.errors,
      missing: outcome.check?.consent.filter((need) => !need.given),
    }).toEqual({
      ok: true,
      errors: [],
      missing: [],
    });
  });

  it('an unchanged copy is no change at all', async () => {
    const outcome = await judge(() => {}, { author: 'ben' });
    expect(outcome.ok).toBe(true);
    expect(outcome.changed).toEqual([]);
  });

  it('the base fixture itself is valid', async () => {
    const outcome = await judge((files) => replace(files, 'README.md', '# On call', '# On call!'), {
      author: 'ben',
    });
    expect(outcome.errors).toEqual([]);
    expect(baseFiles()[ROTATION]).toContain('admins: [fay]');
    expect(HEAD_SHA).toHaveLength(40);
  });
});
