/**
 * The publish pull request's title and body: each rotation's new shifts as a table in its own
 * timezone, everyone newly scheduled mentioned once, relaxed rules with why, the check folded in.
 */
import { describe, expect, it } from 'vitest';
import type { RotationFile } from '../../../src/core/model/schemas.js';
import {
  publishedThrough,
  publishRequest,
  type RotationPublication,
} from '../../../src/core/publish/publish-request.js';
import { loadRepository } from '../../../src/io/load-repository.js';
import { makeRepo, smallRepoFiles } from '../../helpers/repo.js';

async function opsSettings(): Promise<RotationFile> {
  const loaded = await loadRepository(makeRepo(smallRepoFiles()));
  const source = loaded.repository?.rotations[0];
  if (!source) throw new Error('the fixture has no rotation');
  return source.rotation;
}

const passed = {
  ok: true,
  headline: 'On-call change check passed',
  markdown: '### ✅ On-call change check passed\n',
};

describe('publishRequest', () => {
  it('titles the pull request by the latest handoff any rotation is published through', async () => {
    const ops = await opsSettings();
    const london: RotationFile = {
      ...ops,
      name: 'support',
      timezone: 'Europe/London',
      slots: ['primary'],
      shift: { length_days: 14, handoff: { weekday: 'monday', time: '09:30' } },
    };
    const publications: RotationPublication[] = [
      {
        rotation: 'ops',
        scheduleFile: 'rotations/ops/schedule.yaml',
        settings: ops,
        added: [
          {
            start: '2027-03-01',
            assignments: [
              { slot: 'primary', github: 'ana' },
              { slot: 'secondary', github: 'ben' },
            ],
          },
          {
            start: '2027-03-08',
            assignments: [
              { slot: 'primary', github: 'cy' },
              { slot: 'secondary', github: 'dee' },
            ],
          },
        ],
        relaxed: [
          {
            rule: 'distinct_teams',
            start: '2027-03-08',
            why: 'cy and dee are both in team red; no other pair was free that week',
          },
        ],
      },
      {
        rotation: 'support',
        scheduleFile: 'rotations/support/schedule.yaml',
        settings: london,
        added: [{ start: '2027-03-08', assignments: [{ slot: 'primary', github: 'ana' }] }],
        relaxed: [],
      },
    ];
    expect(publications.map(publishedThrough)).toEqual(['2027-03-15', '2027-03-22']);

    const request = publishRequest(publications, passed);
    expect(request.title).toBe('Publish on-call shifts through 2027-03-22');
    expect(request.through).toBe('2027-03-22');
    expect(request.shifts).toBe(3);
    expect(request.people).toEqual(['ana', 'ben', 'cy', 'dee']);
    expect(request.body).toContain('| Mon 2027-03-08 09:30 | Mon 2027-03-22 09:30 | @ana |');
    expect(request.body).toContain(
      '- `distinct_teams` for the shift starting 2027-03-08: cy and dee are both in team red',
    );
    await expect(request.body).toMatchFileSnapshot('__snapshots__/two-rotations.md');
  });

  it('shows a failed check in the body, escaped', async () => {
    const ops = await opsSettings();
    const request = publishRequest(
      [
        {
          rotation: 'ops',
          scheduleFile: 'rotations/ops/schedule.yaml',
          settings: ops,
          added: [
            {
              start: '2027-03-01',
              assignments: [
                { slot: 'primary', github: 'ana' },
                { slot: 'secondary', github: 'ben' },
              ],
            },
          ],
          relaxed: [],
        },
      ],
      { ok: false, headline: '1 error(s) <in rotations/people.yaml>', markdown: '### ❌ 1 error(s)\n' },
    );
    expect(request.body).toContain(
      '<summary>❌ validate-pr: 1 error(s) &lt;in rotations/people.yaml&gt;</summary>',
    );
  });

  it('refuses an empty publication: there is nothing to title', () => {
    expect(() => publishRequest([], passed)).toThrow(/at least one rotation/);
  });
});
