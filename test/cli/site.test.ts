/**
 * `oncall site`: the status page written from a repository on disk, its JSON summary, the open
 * incidents from a file or from GitHub (the local emulator, real HTTP), what happens when GitHub
 * cannot be read, bad usage, and the pages workflow's own command run on this repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, runCli } from '../helpers/repo.js';
import { BUILT_AT, openIncidentIssues, statusPageRepoFiles } from '../site/fixture.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const gh = useGitHubEmulator();

beforeEach(() => {
  // No token by default: a test that reads GitHub sets its own.
  vi.stubEnv('GITHUB_TOKEN', '');
  vi.stubEnv('GITHUB_REPOSITORY', '');
  vi.stubEnv('GITHUB_API_URL', gh.gh.url);
  vi.stubEnv('ONCALL_PACING', 'off');
  vi.stubEnv('ONCALL_RETRY_BASE_MS', '1');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function site(root: string, ...args: string[]) {
  return runCli(['site', '--root', root, '--out', path.join(root, '_site'), '--at', BUILT_AT, ...args]);
}

const page = (root: string) => readFileSync(path.join(root, '_site', 'index.html'), 'utf8');

describe('oncall site', () => {
  it('writes _site/index.html and says who is on call, what is ahead and what it could not read', async () => {
    const root = makeRepo(statusPageRepoFiles());
    const run = await site(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*_site\/index\.html \(\d+ KiB\)\n/);
    expect(run.stdout).toContain('  ops: on call now primary fay, secondary eve; 6 shifts published ahead\n');
    expect(run.stdout).toContain('  support: on call now nobody; 4 shifts published ahead\n');
    expect(run.stdout).toContain(
      '  open incidents: unknown (The build had no GitHub token to read them with)\n',
    );
    // The feeds are not there yet: the page links them, so the command says how to build them.
    expect(run.stderr).toContain('calendars/ops.ics, calendars/support.ics');
    expect(run.stderr).toContain('oncall calendar --out');
    expect(page(root)).toContain('<h1>On-call status</h1>');
  });

  it('prints one JSON document with --json, and writes nothing with --dry-run', async () => {
    const root = makeRepo(statusPageRepoFiles());
    const run = await site(root, '--json', '--dry-run', '--rotation', 'ops');
    expect(run.code, run.stderr).toBe(0);
    const document = run.json();
    expect(document).toMatchObject({
      at: BUILT_AT,
      dryRun: true,
      incidents: { known: false, reason: 'The build had no GitHub token to read them with' },
      rotations: [
        {
          name: 'ops',
          now: {
            shift: { start: '2027-03-08T11:00:00-05:00', end: '2027-03-15T11:00:00-04:00' },
            oncall: [
              { slot: 'primary', github: 'fay' },
              { slot: 'secondary', github: 'eve', override: { replaces: 'ben' } },
            ],
          },
          next: {
            start: '2027-03-15T11:00:00-04:00',
            oncall: [
              { slot: 'primary', github: 'ana' },
              { slot: 'secondary', github: 'cy' },
            ],
          },
          shiftsAhead: 6,
        },
      ],
    });
    expect(document.bytes).toBeGreaterThan(5_000);
    expect(existsSync(path.join(root, '_site'))).toBe(false);
  });

  it('reads the open incidents from a file', async () => {
    const root = makeRepo({
      ...statusPageRepoFiles(),
      'incidents.json': JSON.stringify(openIncidentIssues()),
    });
    const run = await site(root, '--incidents', path.join(root, 'incidents.json'), '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().incidents).toEqual({ known: true, open: 3, truncated: false });
    expect(page(root)).toContain('3 open incidents at build time');
  });

  it.each([
    ['not JSON', '{', /--incidents .*incidents\.json: .*JSON/],
    ['not a list', '{"items": []}', /expected a JSON array of GitHub issues/],
    ['an entry without a number', '[{"title": "x"}]', /entry 0: "number" must be a positive integer/],
  ])('refuses an incidents file that is %s, writing nothing', async (_what, content, message) => {
    const root = makeRepo({ ...statusPageRepoFiles(), 'incidents.json': content });
    const run = await site(root, '--incidents', path.join(root, 'incidents.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(path.join(root, '_site'))).toBe(false);
  });

  it('reads the open incidents from GitHub with GITHUB_TOKEN, open issues labelled incident only', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'test-token');
    vi.stubEnv('GITHUB_REPOSITORY', REPO);
    gh.gh.seed.issue(REPO, {
      author: 'ana',
      title: 'Checkout is down',
      labels: ['incident', 'sev:1', 'system:checkout'],
    });
    gh.gh.seed.issue(REPO, {
      author: 'ben',
      title: 'Search is slow',
      labels: ['incident', 'sev:2', 'status:paged'],
    });
    gh.gh.seed.issue(REPO, {
      author: 'cy',
      title: 'Resolved yesterday',
      labels: ['incident'],
      state: 'closed',
    });
    gh.gh.seed.issue(REPO, { author: 'dee', title: 'A feature request', labels: ['request'] });
    const root = makeRepo(statusPageRepoFiles());
    const run = await site(root, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().incidents).toEqual({ known: true, open: 2, truncated: false });
    const html = page(root);
    expect(html).toContain('#1 Checkout is down');
    expect(html).toContain('#2 Search is slow');
    expect(html).not.toContain('Resolved yesterday');
    expect(html).not.toContain('A feature request');
    expect(gh.gh.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('says "no open incidents" only when GitHub answered with none', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'test-token');
    const root = makeRepo(statusPageRepoFiles());
    const run = await site(root, '--repo', REPO, '--json');
    expect(run.json().incidents).toEqual({ known: true, open: 0, truncated: false });
    expect(page(root)).toContain('No open incidents at build time');
  });

  it('still writes the page when GitHub cannot be read, saying the incidents are unknown', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'test-token');
    gh.gh.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      kind: 'status',
      status: 502,
      times: 10,
    });
    const root = makeRepo(statusPageRepoFiles());
    const run = await site(root, '--repo', REPO);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`oncall site: could not read the open incidents of ${REPO}: HTTP 502`);
    expect(run.stdout).toContain('open incidents: unknown (GitHub could not be read (HTTP 502))');
    const html = page(root);
    expect(html).toContain('Open incidents: unknown at build time.');
    expect(html).not.toMatch(/no open incidents/i);
  });

  it('fails, writing nothing, when a rotation does not load: a page without it would hide who is on call', async () => {
    const files = statusPageRepoFiles();
    const root = makeRepo({
      ...files,
      'rotations/support/schedule.yaml': 'rotation: support\nshifts: [oops\n',
    });
    const run = await site(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'oncall site: the files of rotation "support" have errors; run oncall validate',
    );
    expect(existsSync(path.join(root, '_site'))).toBe(false);
  });

  it.each([
    [[], '--out DIR is required'],
    [['--out', 'x', '--site-url', 'ftp://acme.example/oncall'], 'use an https:// address'],
    [['--out', 'x', '--site-url', 'acme.github.io'], 'is not a URL'],
    [['--out', 'x', '--repo', 'acme'], '"acme" is not a repository: use OWNER/NAME'],
    [['--out', 'x', '--incidents', ''], '--incidents needs a file'],
  ])('refuses bad usage: %j', async (args, message) => {
    const root = makeRepo(statusPageRepoFiles());
    const run = await runCli(['site', '--root', root, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('oncall site: where it runs', () => {
  it("runs the pages workflow's own command on this repository, beside the feeds", async () => {
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const workflow = parse(readFileSync(path.join(repo, '.github/workflows/pages.yml'), 'utf8')) as {
      on: { schedule?: { cron: string }[] };
      jobs: Record<string, { permissions?: Record<string, string>; steps: { run?: string }[] }>;
    };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    // The shell adds --site-url only when the site's address was found.
    expect(runs).toContain(`node bin/oncall.js site --out _site \${SITE_URL:+--site-url "$SITE_URL"}`);
    expect(workflow.jobs.build?.permissions?.issues).toBe('read');
    expect(workflow.on.schedule?.map((entry) => entry.cron)).toEqual(['17 * * * *']);

    const out = path.join(makeRepo({}), '_site');
    mkdirSync(path.join(out, 'calendars'), { recursive: true });
    for (const feed of ['engineering.ics']) writeFileSync(path.join(out, 'calendars', feed), '');
    const run = await runCli(
      ['site', '--out', out, '--site-url', 'https://acme.github.io/oncall', '--root', repo],
      '2026-12-09T20:00:00-05:00',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('<h3 id="now-engineering">engineering</h3>');
    expect(html).toContain('webcal://acme.github.io/oncall/calendars/engineering.ics');
    expect(Buffer.byteLength(html)).toBeLessThan(60_000);
  });
});
