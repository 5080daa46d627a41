import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { coverCandidates, whyNotEligible } from '../../../src/core/cover/candidates.js';
import { parseCoverForm, resolveCoverRequest } from '../../../src/core/cover/request.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { loadRepository } from '../../../src/io/load-repository.js';
import { appendOverride } from '../../../src/io/schedule-writer.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

const now = DateTime.fromISO('2027-01-20T12:00:00-05:00', { setZone: true });

async function setup(schedule?: string) {
  const files = smallRepoFiles();
  if (schedule) files['rotations/ops/schedule.yaml'] = schedule;
  const loaded = await loadRepository(makeRepo(files));
  const source = loaded.repository?.rotations[0];
  if (!loaded.repository || !source) throw new Error('no repository');
  const roster = buildRoster(loaded.repository.people.people);
  const shifts = timeline(source.rotation, source.schedule);
  const overrides = timedOverrides(source.rotation, source.schedule);
  return { rotation: source.rotation, roster, shifts, overrides };
}

describe('cover request form', () => {
  it('reads the answers and leaves out "_No response_"', () => {
    const form = parseCoverForm(
      '### Which shift?\n\n2027-02-15\n\n### From\n\n_No response_\n\n### Who needs cover?\n\n@ana\n\n### Why?\n\nwedding\nin Lyon',
    );
    expect(form).toEqual({ shift: '2027-02-15', who: '@ana', why: 'wedding\nin Lyon' });
  });

  it('resolves a shift, hours, and refuses someone not on call or asking for another', async () => {
    const ctx = await setup();
    const base = { ...ctx, now, author: 'ana' };
    const shift = resolveCoverRequest({ ...base, form: { shift: '2027-02-15' } });
    expect(shift.ok && shift.request.from.toISO()).toBe('2027-02-15T11:00:00.000-05:00');
    const hours = resolveCoverRequest({
      ...base,
      form: { from: '2027-02-16T09:00', to: '2027-02-16T18:00' },
    });
    expect(hours.ok && hours.request.to.toISO()).toBe('2027-02-16T18:00:00.000-05:00');
    expect(resolveCoverRequest({ ...base, form: { shift: '2027-02-01' } })).toMatchObject({
      ok: false,
      reason: 'ana is not on call in the shift of 2027-02-01',
    });
    expect(resolveCoverRequest({ ...base, form: { shift: '2027-02-15', who: 'cy' } })).toMatchObject({
      ok: false,
    });
    // An in-progress shift: cover starts at the next minute.
    const running = resolveCoverRequest({ ...base, author: 'eli', form: { shift: '2027-01-18' } });
    expect(running.ok && running.request.clippedToNow).toBe(true);
  });
});

describe('cover candidates', () => {
  it('orders the free members by prorated load, then longest since on call, and says why others are out', async () => {
    const ctx = await setup();
    const request = resolveCoverRequest({ ...ctx, now, author: 'ana', form: { shift: '2027-02-15' } });
    if (!request.ok) throw new Error(request.reason);
    const result = coverCandidates({
      ...ctx,
      everywhere: [{ name: 'ops', shifts: ctx.shifts, overrides: ctx.overrides }],
      requester: 'ana',
      from: request.request.from,
      to: request.request.to,
    });
    expect(result.excluded).toEqual([
      { github: 'cy', why: 'already on call then (the shift of 2027-02-15)' },
    ]);
    expect(result.candidates.map((c) => c.github).sort()).toEqual(['ben', 'dee', 'eli', 'fay']);
    for (let i = 1; i < result.candidates.length; i += 1) {
      const [a, b] = [result.candidates[i - 1], result.candidates[i]];
      expect((a?.prorated ?? 0) <= (b?.prorated ?? 0)).toBe(true);
    }
    expect(whyNotEligible(result, 'cy', 'ana')).toContain('already on call');
    expect(whyNotEligible(result, 'ana', 'ana')).toBe('you are the one asking to be covered');
    expect(whyNotEligible(result, 'zed', 'ana')).toBe('you are not a member of this rotation');
    expect(whyNotEligible(result, 'ben', 'ana')).toBeUndefined();
  });

  it('leaves out someone away', async () => {
    const ctx = await setup();
    // dee is on call 2027-02-22..03-01; eli is away 2027-03-01..05, outside it.
    const request = resolveCoverRequest({
      ...ctx,
      now,
      author: 'dee',
      form: { from: '2027-02-28T09:00', to: '2027-03-01T10:00' },
    });
    if (!request.ok) throw new Error(request.reason);
    const result = coverCandidates({
      ...ctx,
      everywhere: [{ name: 'ops', shifts: ctx.shifts, overrides: ctx.overrides }],
      requester: 'dee',
      from: request.request.from,
      to: request.request.to,
    });
    expect(result.excluded.find((entry) => entry.github === 'eli')?.why).toBe(
      'away 2027-03-01 to 2027-03-05 (ski trip)',
    );
  });
});

describe('appendOverride', () => {
  const entry = {
    from: '2027-02-16T09:00',
    to: '2027-02-16T18:00',
    replace: 'ana',
    with: 'ben',
    reason: 'x: "y"',
  };

  it('adds an overrides list at the end, keeping every byte', () => {
    const text = 'rotation: ops\n# keep\nshifts:\n  - { start: 2027-01-04, primary: ana, secondary: ben }\n';
    expect(appendOverride(text, entry)).toBe(
      `${text}overrides:\n  - { from: 2027-02-16T09:00, to: 2027-02-16T18:00, replace: ana, with: ben, reason: "x: \\"y\\"" }\n`,
    );
  });

  it('appends to a block list in its style, and replaces an empty one', () => {
    const block =
      'rotation: ops\nshifts: []\noverrides:\n  - from: 2027-02-01T09:00\n    to: 2027-02-01T10:00\n    replace: cy\n    with: dee # comment\n# tail\n';
    const added = appendOverride(block, { ...entry, reason: undefined });
    expect(added).toBe(
      'rotation: ops\nshifts: []\noverrides:\n  - from: 2027-02-01T09:00\n    to: 2027-02-01T10:00\n    replace: cy\n    with: dee # comment\n  - from: 2027-02-16T09:00\n    to: 2027-02-16T18:00\n    replace: ana\n    with: ben\n# tail\n',
    );
    expect(appendOverride('rotation: ops\nshifts: []\noverrides: []\n', entry)).toContain(
      'overrides:\n  - { from: 2027-02-16T09:00',
    );
    expect(
      appendOverride('rotation: ops\noverrides: [{ from: a, to: b, replace: c, with: d }]\n', entry),
    ).toContain('with: d }, { from: 2027-02-16T09:00');
  });
});
