/**
 * The creation lock and the status issue on the local GitHub emulator: runs at once make one
 * issue; a lock whose holder died goes stale and is taken over; a 502 after the lock label was
 * made is recognised as the run's own lock; nothing is left behind.
 */
import { describe, expect, it } from 'vitest';
import { STATUS_LABEL } from '../../src/core/heartbeat/heartbeat.js';
import { LOCK_LABEL_PREFIX, withCreationLock } from '../../src/io/github/creation-lock.js';
import { findStatusIssue, writeStatusIssue } from '../../src/io/github/status-issue.js';
import { productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const gh = useGitHubEmulator();
const NOW = new Date('2027-01-06T08:15:00Z');

function client() {
  return productionClient(gh.gh.url);
}

function labelsOnGitHub(): string[] {
  return [...(gh.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.labels.values() ?? [])].map(
    (label) => label.name,
  );
}

function statusIssues() {
  const repo = gh.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  const status = [...(repo?.labels.values() ?? [])].find((label) => label.name === STATUS_LABEL);
  return [...(repo?.issues.values() ?? [])].filter(
    (issue) => status !== undefined && issue.labelIds.includes(status.id),
  );
}

const ref = { ...TEST_REPO, botLogin: 'oncall-bot[bot]' };

describe('the status issue under the creation lock', () => {
  it('five runs at once that all found nothing make one issue; the others update it or skip', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => writeStatusIssue(client(), ref, undefined, `tick ${i}`, NOW)),
    );
    expect(statusIssues()).toHaveLength(1);
    expect(results.filter((r) => r.action === 'created')).toHaveLength(1);
    for (const result of results)
      expect(['created', 'updated', 'unchanged', 'skipped']).toContain(result.action);
    // The lock is gone; only the status label stays.
    expect(labelsOnGitHub().filter((name) => name.startsWith(LOCK_LABEL_PREFIX))).toEqual([]);
    expect(await findStatusIssue(client(), ref)).toMatchObject({ number: statusIssues()[0]?.number });
  });

  it('a fresh lock of another run: this run writes nothing and says why', async () => {
    gh.gh.seed.labels(`${TEST_REPO.owner}/${TEST_REPO.repo}`, [
      {
        name: `${LOCK_LABEL_PREFIX}oncall-status`,
        color: 'ededed',
        description: 'oncall-as-code is creating this since 2027-01-06T08:13:00.000Z (run other-run)',
      },
    ]);
    const result = await writeStatusIssue(client(), ref, undefined, 'tick', NOW);
    expect(result).toEqual({
      action: 'skipped',
      why: 'another run has been creating the status issue since 2027-01-06T08:13:00.000Z',
    });
    expect(statusIssues()).toHaveLength(0);
    // Not ours: left in place.
    expect(labelsOnGitHub()).toContain(`${LOCK_LABEL_PREFIX}oncall-status`);
  });

  it('a stale lock (its run died 30 minutes ago) is removed and the issue made', async () => {
    gh.gh.seed.labels(`${TEST_REPO.owner}/${TEST_REPO.repo}`, [
      {
        name: `${LOCK_LABEL_PREFIX}oncall-status`,
        color: 'ededed',
        description: 'oncall-as-code is creating this since 2027-01-06T07:45:00.000Z (run dead-run)',
      },
    ]);
    const result = await writeStatusIssue(client(), ref, undefined, 'tick', NOW);
    expect(result.action).toBe('created');
    expect(statusIssues()).toHaveLength(1);
    expect(labelsOnGitHub().filter((name) => name.startsWith(LOCK_LABEL_PREFIX))).toEqual([]);
  });

  it('a 502 after the lock label was made: the run knows its own label by the nonce and goes on', async () => {
    gh.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/labels',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    let ran = 0;
    const result = await withCreationLock(client(), TEST_REPO, 'handoff:2027-01-11', NOW, async () => {
      ran += 1;
      return 'made';
    });
    expect(result).toEqual({ held: true, value: 'made' });
    expect(ran).toBe(1);
    expect(labelsOnGitHub().filter((name) => name.startsWith(LOCK_LABEL_PREFIX))).toEqual([]);
  });

  it('the lock is released when the creation throws', async () => {
    await expect(
      withCreationLock(client(), TEST_REPO, 'x', NOW, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(labelsOnGitHub().filter((name) => name.startsWith(LOCK_LABEL_PREFIX))).toEqual([]);
  });
});
