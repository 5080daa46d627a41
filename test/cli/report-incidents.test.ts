/**
 * `oncall report` with the incidents read from GitHub: the local emulator behind the real client,
 * incidents seeded as the incident action leaves them (the issue and the bot's record comment).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type IncidentState, RECORD_MARKER, renderRecord } from '../../src/core/incident/record.js';
import { markerComment } from '../../src/io/github/marked-comment.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

/** The emulator's clock: the Tuesday after the reported week, when the records were last written. */
const gh = useGitHubEmulator({ now: () => new Date('2027-01-12T17:00:00Z') });
const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;

beforeEach(() => {
  vi.stubEnv('GITHUB_API_URL', gh.gh.url);
  vi.stubEnv('GITHUB_TOKEN', 'test-token');
  vi.stubEnv('GITHUB_REPOSITORY', REPO);
  vi.stubEnv('ONCALL_PACING', 'off');
  vi.stubEnv('ONCALL_RETRY_BASE_MS', '1');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function seed(
  state: Omit<IncidentState, 'version' | 'kind' | 'level' | 'deferred' | 'timeline' | 'number'>,
  title: string,
  open = false,
) {
  const issue = gh.gh.seed.issue(REPO, {
    title,
    labels: ['incident', `sev:${state.severity}`],
    author: 'ana',
    state: open ? 'open' : 'closed',
    at: new Date(state.openedAt),
  });
  const record: IncidentState = {
    version: 1,
    kind: 'incident',
    level: 0,
    deferred: [],
    timeline: [],
    number: issue.number,
    ...state,
  };
  gh.gh.seed.comment(REPO, issue.number, {
    author: gh.gh.bot.login,
    body: `${markerComment(RECORD_MARKER)}\n${renderRecord(record, 'America/New_York', (iso) => iso)}`,
  });
  return issue.number;
}

/** `oncall report` over the seeded week (Mon 2027-01-04 to Sun 2027-01-10), with extra arguments. */
function reportWeek(root: string, ...extra: string[]) {
  return runCli(['report', '--root', root, '--from', '2027-01-04', '--to', '2027-01-10', ...extra]);
}

function seedWeek() {
  // Tue 2027-01-05 03:10 in New York: ana asleep; ben (London) 08:10, awake before work.
  seed(
    {
      severity: 1,
      openedAt: '2027-01-05T08:10:00Z',
      pages: [{ key: '1:step-0', to: ['ana', 'ben'], reason: 'sev:1', at: '2027-01-05T08:10:00Z' }],
      acknowledged: { by: 'ana', at: '2027-01-05T08:22:00Z' },
      resolved: { by: 'ana', at: '2027-01-05T10:10:00Z' },
    },
    'Checkout returns 500s',
  );
  // Wed 14:00 in New York: work hours for ana.
  seed(
    {
      severity: 2,
      openedAt: '2027-01-06T19:00:00Z',
      pages: [{ key: '2:step-0', to: ['ana'], reason: 'sev:2', at: '2027-01-06T19:00:00Z' }],
      acknowledged: { by: 'ana', at: '2027-01-06T19:06:00Z' },
    },
    'Search is slow',
    true,
  );
  // A fortnight earlier: outside the period.
  seed(
    {
      severity: 2,
      openedAt: '2026-12-20T19:00:00Z',
      pages: [{ key: '3:step-0', to: ['cy'], reason: 'sev:2', at: '2026-12-20T19:00:00Z' }],
    },
    'Old one',
  );
}

describe('oncall report with incidents from GitHub', () => {
  it('believes only the bot’s records: another author’s record comment is not read', async () => {
    seedWeek();
    const root = makeRepo(smallRepoFiles());
    const run = await reportWeek(root, '--json', '--bot-login', 'someone-else');
    expect(run.code, run.stderr).toBe(0);
    // The issues are counted (severity from their labels), but no record: no times, no pages.
    expect(run.json().incidents).toMatchObject({ opened: 2, acknowledged: 0, totals: { pages: 0 } });
  });

  it('--json: incidents by severity, medians, and pages by hours class per person', async () => {
    seedWeek();
    const root = makeRepo(smallRepoFiles());
    const run = await reportWeek(root, '--json', '--bot-login', gh.gh.bot.login);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.incidents).toMatchObject({
      known: true,
      opened: 2,
      bySeverity: { 'sev:1': 1, 'sev:2': 1, 'sev:3': 0, unknown: 0 },
      acknowledged: 2,
      resolved: 1,
      medians: { acknowledge: 9, resolve: 120 },
      totals: { pages: 3, work: 1, offHours: 1, sleep: 1, compHours: 5 },
    });
    const rows = new Map((doc.people as Array<Record<string, unknown>>).map((row) => [row.github, row]));
    expect(rows.get('ana')).toMatchObject({
      pages: 2,
      offHoursPages: 1,
      pagesByHours: { work: 1, offHours: 0, sleep: 1 },
      compHours: 4,
    });
    expect(rows.get('ben')).toMatchObject({
      pages: 1,
      offHoursPages: 1,
      pagesByHours: { work: 0, offHours: 1, sleep: 0 },
      compHours: 1,
    });
    expect(rows.get('cy')).toMatchObject({ pages: 0, offHoursPages: 0, compHours: 0 });
    expect(doc.spread).toMatchObject({ pages: 2, offHoursPages: 1 });
    // Read-only: the report wrote nothing on GitHub.
    expect(gh.gh.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('Markdown: the incidents paragraph and the pages chart', async () => {
    seedWeek();
    const root = makeRepo(smallRepoFiles());
    const run = await reportWeek(root, '--bot-login', gh.gh.bot.login);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '2 opened (sev:1 1, sev:2 1, sev:3 0). Median time to acknowledge 9 min (2 acknowledged); median time to resolve 2 h (1 resolved).',
    );
    expect(run.stdout).toContain(
      '3 pages: 1 in work hours, 1 in off hours, 1 in sleep hours. Comp time suggested in all: ½ day + 1 h.',
    );
    expect(run.stdout).toMatch(/```text\nana {2}█░ {2}2\nben {2}▒ {3}1\n█ work hours/);
  });

  it('GitHub failing: the report still prints, the incidents are unknown and why is said', async () => {
    seedWeek();
    gh.gh.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      kind: 'status',
      status: 401,
      times: 10,
    });
    const root = makeRepo(smallRepoFiles());
    const run = await reportWeek(root, '--json', '--bot-login', gh.gh.bot.login);
    expect(run.code).toBe(0);
    expect(run.json().incidents).toMatchObject({ known: false, why: expect.stringContaining('HTTP 401') });
    expect(run.stderr).toContain('the token is not valid');
  });
});
