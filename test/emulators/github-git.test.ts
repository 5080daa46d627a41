/**
 * The GitHub emulator's file trees through the real Octokit: branches (git refs), file contents
 * read and written as commits on a branch, pull requests whose files follow their branch, and
 * commit statuses. Every test fails if the emulator recorded a violation it did not take.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobSha } from '../../src/emulators/github/index.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo } from '../helpers/repo.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const SCHEDULE = 'rotations/ops/schedule.yaml';
const FILES = {
  'rotations/people.yaml': 'people: []\n',
  [SCHEDULE]: 'rotation: ops\nshifts:\n  - { start: 2027-01-04, primary: ana, secondary: ben }\n',
  'README.md': '# On call\n',
};

const env = useGitHubEmulator({ repos: [{ owner: TEST_REPO.owner, name: TEST_REPO.repo, files: FILES }] });

interface HttpError extends Error {
  status: number;
  response?: { data: { message?: string } };
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toMatchObject({ name: 'HttpError', status: expect.any(Number) });
  return error as HttpError;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function readText(ref: string, file: string): Promise<{ text: string; sha: string }> {
  const { data } = await env.octokit.rest.repos.getContent({ ...TEST_REPO, path: file, ref });
  if (Array.isArray(data) || data.type !== 'file') throw new Error(`${file} is not a file`);
  return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
}

describe('git references', () => {
  it('reads, creates, fast-forwards, force-moves and deletes a branch', async () => {
    const { octokit } = env;
    const main = await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/main' });
    expect(main.data).toMatchObject({ ref: 'refs/heads/main', object: { type: 'commit' } });
    const base = main.data.object.sha;
    expect(base).toMatch(/^[0-9a-f]{40}$/);

    const made = await octokit.rest.git.createRef({
      ...TEST_REPO,
      ref: 'refs/heads/oncall/publish',
      sha: base,
    });
    expect(made.status).toBe(201);
    expect(made.data).toMatchObject({ ref: 'refs/heads/oncall/publish', object: { sha: base } });
    const again = await rejection(
      octokit.rest.git.createRef({ ...TEST_REPO, ref: 'refs/heads/oncall/publish', sha: base }),
    );
    expect([again.status, again.response?.data.message]).toEqual([422, 'Reference already exists']);
    const nowhere = await rejection(
      octokit.rest.git.createRef({ ...TEST_REPO, ref: 'refs/heads/x', sha: 'f'.repeat(40) }),
    );
    expect([nowhere.status, nowhere.response?.data.message]).toEqual([422, 'Object does not exist']);
    expect((await rejection(octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/missing' }))).status).toBe(
      404,
    );

    // A commit on the branch, then main moves on its own: the branch is no longer its ancestor.
    const { sha: fileSha } = await readText('oncall/publish', 'README.md');
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...TEST_REPO,
      path: 'README.md',
      message: 'Edit',
      content: base64('# On call, edited\n'),
      sha: fileSha,
      branch: 'oncall/publish',
    });
    const ahead = put.data.commit.sha as string;
    const notForward = await rejection(
      octokit.rest.git
        .updateRef({ ...TEST_REPO, ref: 'heads/main', sha: ahead })
        .then(async () =>
          octokit.rest.git.updateRef({ ...TEST_REPO, ref: 'heads/oncall/publish', sha: base }),
        ),
    );
    expect([notForward.status, notForward.response?.data.message]).toEqual([
      422,
      'Update is not a fast forward',
    ]);
    // main fast-forwarded to the branch's commit; the branch is forced back to the first commit.
    expect((await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/main' })).data.object.sha).toBe(ahead);
    const forced = await octokit.rest.git.updateRef({
      ...TEST_REPO,
      ref: 'heads/oncall/publish',
      sha: base,
      force: true,
    });
    expect(forced.data.object.sha).toBe(base);

    expect((await octokit.rest.git.deleteRef({ ...TEST_REPO, ref: 'heads/oncall/publish' })).status).toBe(
      204,
    );
    expect(
      (await rejection(octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/oncall/publish' }))).status,
    ).toBe(404);
  });
});

describe('file contents', () => {
  it('reads a file as base64 with its blob sha, and lists a directory', async () => {
    const { octokit } = env;
    const { text, sha } = await readText('main', SCHEDULE);
    expect(text).toBe(FILES[SCHEDULE]);
    expect(sha).toBe(blobSha(Buffer.from(FILES[SCHEDULE] as string)));
    // Without a ref: the default branch.
    const plain = await octokit.rest.repos.getContent({ ...TEST_REPO, path: 'README.md' });
    expect(plain.data).toMatchObject({ type: 'file', encoding: 'base64', path: 'README.md', size: 10 });

    const listing = await octokit.rest.repos.getContent({ ...TEST_REPO, path: 'rotations' });
    expect(Array.isArray(listing.data) && listing.data.map((entry) => [entry.type, entry.path])).toEqual([
      ['dir', 'rotations/ops'],
      ['file', 'rotations/people.yaml'],
    ]);
    expect((await rejection(octokit.rest.repos.getContent({ ...TEST_REPO, path: 'nope.md' }))).status).toBe(
      404,
    );
    expect(
      (await rejection(octokit.rest.repos.getContent({ ...TEST_REPO, path: 'README.md', ref: 'nope' })))
        .status,
    ).toBe(404);
  });

  it('writes a file as a new commit on a branch, guarded by the sha of the version replaced', async () => {
    const { octokit, gh } = env;
    const main = (await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...TEST_REPO, ref: 'refs/heads/change', sha: main });
    const before = await readText('change', SCHEDULE);
    const next = `${before.text}  - { start: 2027-01-11, primary: cy, secondary: dee }\n`;

    const missingSha = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({
        ...TEST_REPO,
        path: SCHEDULE,
        message: 'Publish',
        content: base64(next),
        branch: 'change',
      }),
    );
    expect(missingSha.status).toBe(422);
    const stale = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({
        ...TEST_REPO,
        path: SCHEDULE,
        message: 'Publish',
        content: base64(next),
        sha: 'a'.repeat(40),
        branch: 'change',
      }),
    );
    expect(stale.status).toBe(409);

    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...TEST_REPO,
      path: SCHEDULE,
      message: 'Publish',
      content: base64(next),
      sha: before.sha,
      branch: 'change',
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit).toMatchObject({ message: 'Publish', parents: [{ sha: main }] });
    expect(updated.data.content?.sha).toBe(blobSha(Buffer.from(next)));
    expect((await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/change' })).data.object.sha).toBe(
      updated.data.commit.sha,
    );
    expect((await readText('change', SCHEDULE)).text).toBe(next);
    expect((await readText('main', SCHEDULE)).text).toBe(FILES[SCHEDULE]);
    // A commit sha is a ref too.
    expect((await readText(updated.data.commit.sha as string, SCHEDULE)).text).toBe(next);

    const createdFile = await octokit.rest.repos.createOrUpdateFileContents({
      ...TEST_REPO,
      path: 'playbooks/gravity.md',
      message: 'Add a playbook',
      content: base64('# Gravity\n'),
      branch: 'change',
    });
    expect(createdFile.status).toBe(201);
    const noBranch = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({
        ...TEST_REPO,
        path: 'x.md',
        message: 'x',
        content: base64('x'),
        branch: 'missing',
      }),
    );
    expect(noBranch.status).toBe(404);
    const record = gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    expect(
      record && gh.store.commitsAhead(record, main, gh.store.branchHead(record, 'change')?.sha ?? ''),
    ).toBe(2);
  });

  it('seeds the default branch from a directory on disk, and commits seeded files to a branch', async () => {
    const dir = makeRepo({ 'rotations/ops/rotation.yaml': 'name: ops\n' });
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const { gh } = env;
    gh.seed.repo({ owner: 'acme', name: 'from-disk', filesFrom: dir });
    const repo = gh.store.repo('acme', 'from-disk');
    expect(repo && [...(gh.store.branchHead(repo, 'main')?.files.keys() ?? [])]).toEqual([
      'rotations/ops/rotation.yaml',
    ]);
    const commit = gh.seed.files(
      REPO,
      { [SCHEDULE]: 'rotation: ops\nshifts: []\n', 'README.md': null },
      {
        branch: 'edit',
        author: 'ana',
      },
    );
    expect([...commit.files.keys()].sort()).toEqual([SCHEDULE, 'rotations/people.yaml']);
    expect(commit.author.login).toBe('ana');
  });
});

describe('pull requests from a branch', () => {
  it('list the files the branch changes, with a patch, and follow the branch when it moves', async () => {
    const { octokit } = env;
    const main = (await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...TEST_REPO, ref: 'refs/heads/oncall/publish', sha: main });
    const empty = await rejection(
      octokit.rest.pulls.create({ ...TEST_REPO, title: 'Nothing', head: 'oncall/publish', base: 'main' }),
    );
    expect(empty.status).toBe(422);

    const before = await readText('oncall/publish', SCHEDULE);
    const appended = '  - { start: 2027-01-11, primary: cy, secondary: dee }\n';
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...TEST_REPO,
      path: SCHEDULE,
      message: 'Publish',
      content: base64(before.text + appended),
      sha: before.sha,
      branch: 'oncall/publish',
    });
    const pr = await octokit.rest.pulls.create({
      ...TEST_REPO,
      title: 'Publish',
      head: 'oncall/publish',
      base: 'main',
    });
    expect(pr.data.head).toMatchObject({ ref: 'oncall/publish', sha: put.data.commit.sha });
    expect(pr.data.base.sha).toBe(main);
    const files = await octokit.rest.pulls.listFiles({ ...TEST_REPO, pull_number: pr.data.number });
    expect(files.data).toEqual([
      expect.objectContaining({
        filename: SCHEDULE,
        status: 'modified',
        additions: 1,
        deletions: 0,
        patch: [
          '@@ -1,3 +1,4 @@',
          ' rotation: ops',
          ' shifts:',
          '   - { start: 2027-01-04, primary: ana, secondary: ben }',
          `+${appended.trimEnd()}`,
        ].join('\n'),
      }),
    ]);
    const got = await octokit.rest.pulls.get({ ...TEST_REPO, pull_number: pr.data.number });
    expect(got.data).toMatchObject({ commits: 1, additions: 1, deletions: 0, changed_files: 1 });

    // Forced back to main and re-applied: still one commit ahead, with the new head sha.
    await octokit.rest.git.updateRef({ ...TEST_REPO, ref: 'heads/oncall/publish', sha: main, force: true });
    const again = await octokit.rest.repos.createOrUpdateFileContents({
      ...TEST_REPO,
      path: SCHEDULE,
      message: 'Publish again',
      content: base64(before.text + appended),
      sha: before.sha,
      branch: 'oncall/publish',
    });
    const after = await octokit.rest.pulls.get({ ...TEST_REPO, pull_number: pr.data.number });
    expect(after.data.head.sha).toBe(again.data.commit.sha);
    expect(after.data.head.sha).not.toBe(put.data.commit.sha);
    expect(after.data.commits).toBe(1);
  });
});

describe('commit statuses', () => {
  it('sets, lists and combines the statuses of a commit, by sha or branch', async () => {
    const { octokit, gh } = env;
    const sha = (await octokit.rest.git.getRef({ ...TEST_REPO, ref: 'heads/main' })).data.object.sha;
    const first = await octokit.rest.repos.createCommitStatus({
      ...TEST_REPO,
      sha,
      state: 'pending',
      context: 'validate-pr',
      description: 'checking',
    });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      state: 'pending',
      context: 'validate-pr',
      creator: { login: gh.bot.login },
    });
    await octokit.rest.repos.createCommitStatus({
      ...TEST_REPO,
      sha,
      state: 'success',
      context: 'validate-pr',
      description: 'On-call change check passed',
      target_url: 'https://github.com/acme/oncall/actions/runs/1',
    });
    const list = await octokit.rest.repos.listCommitStatusesForRef({ ...TEST_REPO, ref: sha });
    expect(list.data.map((status) => status.state)).toEqual(['success', 'pending']);
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ ...TEST_REPO, ref: 'main' });
    expect(combined.data).toMatchObject({ state: 'success', sha, total_count: 1 });
    expect(combined.data.statuses[0]).toMatchObject({ context: 'validate-pr', state: 'success' });

    await octokit.rest.repos.createCommitStatus({ ...TEST_REPO, sha, state: 'failure', context: 'other' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...TEST_REPO, ref: sha })).data.state).toBe(
      'failure',
    );

    const unknown = await rejection(
      octokit.rest.repos.createCommitStatus({ ...TEST_REPO, sha: 'b'.repeat(40), state: 'success' }),
    );
    expect(unknown.status).toBe(422);
    const long = await rejection(
      octokit.rest.repos.createCommitStatus({
        ...TEST_REPO,
        sha,
        state: 'success',
        description: 'x'.repeat(141),
      }),
    );
    expect(long.status).toBe(422);
  });

  it('accepts statuses on the head of a seeded pull request that has no branch', async () => {
    const { octokit, gh } = env;
    const pr = gh.seed.pull(REPO, { title: 'Trade', head: 'trade', author: 'ben' });
    await octokit.rest.repos.createCommitStatus({ ...TEST_REPO, sha: pr.pull.head.sha, state: 'success' });
    const combined = await octokit.rest.repos.getCombinedStatusForRef({
      ...TEST_REPO,
      ref: pr.pull.head.sha,
    });
    expect(combined.data.state).toBe('success');
  });
});
