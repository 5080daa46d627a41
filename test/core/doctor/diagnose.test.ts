/** What doctor asks of GitHub and Slack for a repository, and the verdict it assembles from the answers. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics/finding.js';
import { diagnose } from '../../../src/core/doctor/diagnose.js';
import { checkFiles } from '../../../src/core/doctor/files.js';
import { doctorNeeds } from '../../../src/core/doctor/needs.js';
import { repository } from '../../helpers/triage-fixture.js';

const NOW = DateTime.fromISO('2027-01-05T12:00:00-05:00', { setZone: true });

function withSlack() {
  const people = repository.people.people.map((person, index) => ({
    ...person,
    ...(index === 0 ? { slack: 'U0ANA' } : index === 1 ? { email: 'ben@example.com' } : {}),
    ...(index === 2 ? { slack: 'U0CY', left: '2026-12-31' } : {}),
  }));
  const [ops] = repository.rotations;
  if (!ops) throw new Error('fixture without a rotation');
  const data = {
    ...ops,
    dir: 'data',
    rotation: { ...ops.rotation, name: 'data', slack: { channel: 'C0INCIDENTS' } },
  };
  return {
    ...repository,
    people: { people },
    rotations: [
      { ...ops, rotation: { ...ops.rotation, slack: { usergroup: 'S0OPS', channel: 'C0INCIDENTS' } } },
      data,
    ],
  };
}

describe('doctorNeeds', () => {
  it("gathers the rotations' channels and user groups, and who to look up in Slack", () => {
    const needs = doctorNeeds(withSlack(), NOW);
    expect(needs.channels).toEqual([{ id: 'C0INCIDENTS', rotations: ['ops', 'data'] }]);
    expect(needs.usergroups).toEqual([{ id: 'S0OPS', rotations: ['ops'] }]);
    // cy left before now: not looked up; people with neither an id nor an email are not either.
    expect(needs.people).toEqual([
      { github: 'ana', by: 'id', value: 'U0ANA' },
      { github: 'ben', by: 'email', value: 'ben@example.com' },
    ]);
    expect(needs.labels.map((label) => label.name)).toContain('system:gravity');
  });
});

describe('checkFiles', () => {
  const diagnostic = (severity: Diagnostic['severity'], line: number): Diagnostic => ({
    file: 'rotations/ops/schedule.yaml',
    line,
    column: 5,
    rule: 'unknown-person',
    message: 'x',
    severity,
  });

  it('passes with warnings, and fails naming the first errors', () => {
    expect(checkFiles([diagnostic('warning', 1)]).detail).toBe(
      'rotations/, people.yaml and playbooks/ validate (1 fairness warning)',
    );
    const check = checkFiles([1, 2, 3, 4].map((line) => diagnostic('error', line)));
    expect(check.status).toBe('failed');
    expect(check.detail).toBe(
      '4 errors: rotations/ops/schedule.yaml:1:5 unknown-person; rotations/ops/schedule.yaml:2:5 unknown-person; ' +
        'rotations/ops/schedule.yaml:3:5 unknown-person; and 1 more',
    );
  });
});

describe('diagnose', () => {
  it('with no tokens: files checked, every other check fails pointing at the token checks', () => {
    const report = diagnose({
      repository: 'acme/oncall',
      diagnostics: [],
      needs: doctorNeeds(withSlack(), NOW),
      localWorkflows: [],
      github: {},
      slack: { token: 'missing' },
    });
    expect(report.ok).toBe(false);
    // Without a CODEOWNERS file, codeowners fails on its own account (it needs no token).
    expect(report.summary).toEqual({ ok: 1, failed: 14, skipped: 0 });
    const fixes = new Set(report.checks.filter((check) => !check.ok).map((check) => check.fix));
    expect(fixes).toEqual(
      new Set([
        expect.stringContaining('edit .github/CODEOWNERS'),
        expect.stringContaining('gh auth token'),
        'see github-token',
        expect.stringContaining('SLACK_BOT_TOKEN=xoxb-'),
        'see slack-token',
      ]),
    );
  });

  it('files that do not load: the checks that need them fail, the token checks still run', () => {
    const report = diagnose({
      repository: 'acme/oncall',
      diagnostics: [],
      needs: undefined,
      localWorkflows: [],
      github: { tokenKind: 'classic', repo: { ok: false, status: 401, message: 'Bad credentials' } },
      slack: { token: 'bot', auth: { ok: true, value: { team: 'Acme', botUser: 'oncall', scopes: [] } } },
    });
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName['github-token']?.detail).toMatch(/HTTP 401/);
    expect(byName['slack-token']?.status).toBe('ok');
    expect(byName['slack-people']?.detail).toMatch(/^not checked: the on-call files do not load/);
    expect(byName['slack-scopes']?.status).toBe('failed');
  });
});
