/**
 * `oncall check-change --base DIR --head DIR --author LOGIN` through the CLI, in-process, on real
 * checkouts: exit 0 may merge, 1 may not, 2 bad usage; the JSON document; the same judgement as
 * the action (consent judged with the base, authorship only for the author's own commits).
 */
import { describe, expect, it } from 'vitest';
import { baseFiles, PEOPLE, ROTATION, replace, swapBenCy } from '../core/change/change-fixture.js';
import { makeRepo, runCli } from '../helpers/repo.js';

function checkouts(edit: (files: Record<string, string | null>) => void) {
  const base = baseFiles();
  const head: Record<string, string | null> = { ...base };
  edit(head);
  const present = Object.fromEntries(
    Object.entries(head).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return { base: makeRepo(base), head: makeRepo(present) };
}

describe('oncall check-change', () => {
  it('refuses a swap the other person has not approved: exit 1, who must agree, and to what', async () => {
    const { base, head } = checkouts(swapBenCy);
    const run = await runCli(['check-change', '--base', base, '--head', head, '--author', 'ben', '--json']);
    expect(run.code).toBe(1);
    const document = run.json();
    expect(document.ok).toBe(false);
    expect(document.changes).toContainEqual({
      kind: 'schedule',
      rotation: 'ops',
      text: 'ben takes 2027-02-15 from cy; cy takes 2027-02-22 from ben',
    });
    expect(document.consent).toEqual([
      {
        who: 'ben',
        for: "ben's time on call in ops: gains 168 h, loses 168 h",
        given: true,
        by: 'ben (author)',
      },
      {
        who: 'cy',
        standIn: 'an admin of ops (fay)',
        for: "cy's time on call in ops: gains 168 h, loses 168 h",
        given: false,
      },
    ]);
    expect(document.errors).toEqual([]);
  });

  it('passes once the other person approves: exit 0', async () => {
    const { base, head } = checkouts(swapBenCy);
    const run = await runCli([
      'check-change',
      '--base',
      base,
      '--head',
      head,
      '--author',
      'ben',
      '--approvals',
      'cy',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok: the change may merge');
    expect(run.stdout).toContain('agreed: cy for');
  });

  it("someone else's commit: the author's authorship no longer counts", async () => {
    const { base, head } = checkouts(swapBenCy);
    const run = await runCli([
      'check-change',
      '--base',
      base,
      '--head',
      head,
      '--author',
      'ben',
      '--committers',
      'ben,dee',
      '--approvals',
      'cy',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(
      run
        .json()
        .consent.filter((need: { given: boolean }) => !need.given)
        .map((need: { who: string }) => need.who),
    ).toEqual(['ben']);
  });

  it('an admin the change itself adds cannot consent; a base admin can, and --repo-admins stands in where the base has none', async () => {
    const { base, head } = checkouts((files) => {
      replace(files, ROTATION, 'admins: [fay]', 'admins: [fay, dee]');
    });
    const byNewAdmin = await runCli(['check-change', '--base', base, '--head', head, '--author', 'dee']);
    expect(byNewAdmin.code).toBe(1);
    expect(byNewAdmin.stdout).toContain(
      "MISSING: an admin of ops (fay) for rotation ops's policy changes: admins",
    );
    const byAdmin = await runCli([
      'check-change',
      '--base',
      base,
      '--head',
      head,
      '--author',
      'dee',
      '--approvals',
      'fay',
    ]);
    expect(byAdmin.code).toBe(0);

    const noAdmins = checkouts((files) => {
      replace(files, ROTATION, 'admins: [fay]\n', '');
    });
    const { head: policy } = checkouts((files) => {
      replace(files, ROTATION, 'admins: [fay]\n', 'holidays: US\n');
    });
    const args = [
      'check-change',
      '--base',
      noAdmins.head,
      '--head',
      policy,
      '--author',
      'ben',
      '--approvals',
      'root',
    ];
    expect((await runCli(args)).code).toBe(1);
    expect((await runCli([...args, '--repo-admins', 'root'])).code).toBe(0);
  });

  it('a comment-only edit passes with no change to consent to', async () => {
    const { base, head } = checkouts((files) => {
      files[PEOPLE] = `# the roster\n${files[PEOPLE]}`;
    });
    const run = await runCli(['check-change', '--base', base, '--head', head, '--author', 'eli', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, changes: [], consent: [] });
  });

  it.each([
    [['check-change', '--head', '.', '--author', 'a'], '--base DIR is required'],
    [['check-change', '--base', '.', '--author', 'a'], '--head DIR is required'],
    [['check-change', '--base', '.', '--head', '.'], '--author LOGIN is required'],
    [['check-change', '--base', '/no/such/dir', '--head', '.', '--author', 'a'], 'no such directory'],
    [['check-change', '--base', '.', '--head', '.', '--author', 'a', '--bogus'], 'bogus'],
  ])('bad usage exits 2: %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
