/**
 * An admin may ask cover for someone else only when that person is away, for the whole time, in
 * the roster the run reads (the default branch's); the cover pull request records the consent of
 * the person covered (or the admin standing in for them) and of the taker.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { pullBody } from '../../../src/core/cover/messages.js';
import { resolveCoverRequest } from '../../../src/core/cover/request.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { loadRepository } from '../../../src/io/load-repository.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

const now = DateTime.fromISO('2027-01-20T12:00:00-05:00', { setZone: true });

async function setup() {
  const files = smallRepoFiles();
  files['rotations/ops/rotation.yaml'] += 'admins: [ana]\n';
  // dee is away for the first three days of the shift of 2027-02-01 (primary).
  files['rotations/people.yaml'] = files['rotations/people.yaml']?.replace(
    '{ github: dee, name: Dee, team: red, timezone: America/New_York }',
    '{ github: dee, name: Dee, team: red, timezone: America/New_York, away: [{ from: 2027-02-01, to: 2027-02-03, reason: flu }] }',
  ) as string;
  const loaded = await loadRepository(makeRepo(files));
  const source = loaded.repository?.rotations[0];
  if (!loaded.repository || !source) throw new Error('no repository');
  return {
    rotation: source.rotation,
    roster: buildRoster(loaded.repository.people.people),
    shifts: timeline(source.rotation, source.schedule),
    overrides: timedOverrides(source.rotation, source.schedule),
    now,
  };
}

describe('an admin asking cover for someone else', () => {
  it('is accepted for hours the person is away, and records the away entry', async () => {
    const ctx = await setup();
    const result = resolveCoverRequest({
      ...ctx,
      author: 'ana',
      form: { who: 'dee', from: '2027-02-02T09:00', to: '2027-02-03T18:00' },
    });
    expect(result).toMatchObject({
      ok: true,
      request: {
        requester: 'dee',
        filedByAdmin: { admin: 'ana', away: 'away 2027-02-01 to 2027-02-03 (flu)' },
      },
    });
  });

  it.each([
    ['someone not away at all', { who: 'cy', shift: '2027-02-15' }],
    ['a whole shift of which the person is away only part', { who: 'dee', shift: '2027-02-01' }],
    [
      'hours running past the end of the absence',
      { who: 'dee', from: '2027-02-03T09:00', to: '2027-02-04T09:00' },
    ],
  ])('is refused for %s', async (_name, form) => {
    const ctx = await setup();
    const result = resolveCoverRequest({ ...ctx, author: 'ana', form });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('an admin may ask cover only for someone away'),
    });
  });

  it('is refused from someone who is not an admin, away or not', async () => {
    const ctx = await setup();
    const result = resolveCoverRequest({
      ...ctx,
      author: 'ben',
      form: { who: 'dee', from: '2027-02-02T09:00', to: '2027-02-02T18:00' },
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('only dee or an admin') });
  });

  it('echoes a hostile form answer inert in the refusal', async () => {
    const ctx = await setup();
    const result = resolveCoverRequest({
      ...ctx,
      author: 'ana',
      form: { who: '@acme/everyone [x](https://e.example)' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).not.toMatch(/@acme|(?<!\\)\]\(|https:\/\//);
  });

  it('the pull request records the consent of the person covered and of the taker', async () => {
    const ctx = await setup();
    const own = resolveCoverRequest({ ...ctx, author: 'ana', form: { shift: '2027-02-15' } });
    const forDee = resolveCoverRequest({
      ...ctx,
      author: 'ana',
      form: { who: 'dee', from: '2027-02-02T09:00', to: '2027-02-02T18:00' },
    });
    if (!own.ok || !forDee.ok) throw new Error('both requests should resolve');
    const body = (request: typeof own.request, filedBy: string) =>
      pullBody({
        issue: 9,
        request,
        taker: 'fay',
        filedBy,
        zone: 'America/New_York',
        commentUrl: 'https://github.com/acme/oncall/issues/9#issuecomment-1',
        checkMarkdown: '',
      });
    expect(body(own.request, 'ana')).toContain(
      '- @ana asked for cover by opening #9: the consent of the person covered.',
    );
    expect(body(forDee.request, 'ana')).toContain(
      "- @ana (admin) asked for cover for @dee in #9; @dee is away (away 2027-02-01 to 2027-02-03 (flu)), so the admin's request stands for the consent of the person covered.",
    );
    for (const text of [body(own.request, 'ana'), body(forDee.request, 'ana')]) {
      expect(text).toContain(
        "- @fay took it with `/take` (https://github.com/acme/oncall/issues/9#issuecomment-1): the taker's consent.",
      );
    }
  });
});
