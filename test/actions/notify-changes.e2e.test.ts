/**
 * The notify-changes action as the runner runs it: a git checkout with the push's two commits, the
 * committed bundle, and the Slack emulator. Each person whose future shifts moved gets one DM with
 * the old and new dates; the same push delivered again tells nobody twice.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActionBundle } from '../helpers/action-runner.js';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

const SCHEDULE = 'rotations/ops/schedule.yaml';
const NOW = '2027-01-20T12:00:00-05:00';

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

describe('notify-changes, end to end', () => {
  // Slack's clock is the run's clock.
  const slackFixture = useSlackEmulator({ now: () => new Date(NOW) });

  it('DMs each person whose future shifts moved, once per push', async () => {
    const { slack } = slackFixture;
    const files = smallRepoFiles();
    // Slack ids for everyone in the swap.
    files['rotations/people.yaml'] = (files['rotations/people.yaml'] as string)
      .replace('{ github: ana, name: Ana,', '{ github: ana, slack: U0ANA, name: Ana,')
      .replace('{ github: cy, name: Cy,', '{ github: cy, slack: U0CY, name: Cy,')
      .replace('{ github: ben, name: Ben,', '{ github: ben, slack: U0BEN, name: Ben,');
    for (const [id, name] of [
      ['U0ANA', 'ana'],
      ['U0CY', 'cy'],
      ['U0BEN', 'ben'],
    ] as const) {
      slack.seed.user({ id, name });
    }
    const root = makeRepo(files);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'start');
    const before = git(root, 'rev-parse', 'HEAD');
    // ana and ben swap the primaries of 2027-02-15 and 2027-02-22.
    const text = (files[SCHEDULE] as string)
      .replace(
        '{ start: 2027-02-15, primary: ana, secondary: cy }',
        '{ start: 2027-02-15, primary: ben, secondary: cy }',
      )
      .replace(
        '{ start: 2027-02-22, primary: ben, secondary: dee }',
        '{ start: 2027-02-22, primary: ana, secondary: dee }',
      )
      // A past shift edited (history): nobody is told about it.
      .replace(
        '{ start: 2027-01-04, primary: ana, secondary: ben }',
        '{ start: 2027-01-04, primary: ana, secondary: cy }',
      );
    writeFileSync(path.join(root, SCHEDULE), text);
    git(root, 'commit', '-qam', 'ana and ben swap');
    const after = git(root, 'rev-parse', 'HEAD');

    const push = () =>
      runActionBundle({
        action: 'notify-changes',
        event: { ref: 'refs/heads/main', before, after },
        eventName: 'push',
        apiUrl: 'http://127.0.0.1:9',
        repository: 'acme/oncall',
        inputs: { 'github-token': 'test-token', 'slack-token': TEST_SLACK_TOKEN, root },
        env: { ONCALL_NOW: NOW, ONCALL_RETRY_BASE_MS: '1', SLACK_API_URL: slack.apiUrl },
      });
    const first = await push();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const told = () => slack.messages().filter((message) => message.text.includes('schedule-change:'));
    expect(told()).toHaveLength(2);
    const ana = told().find((message) => message.text.includes(':ana)'));
    expect(ana?.text).toContain('Your on-call time in ops changed (America/New_York):');
    expect(ana?.text).toContain(
      'No longer on call:\n• Mon 2027-02-15 11:00 to Mon 2027-02-22 11:00 (primary, shift of 2027-02-15)',
    );
    expect(ana?.text).toContain(
      'Now on call:\n• Mon 2027-02-22 11:00 to Mon 2027-03-01 11:00 (primary, shift of 2027-02-22)',
    );
    const ben = told().find((message) => message.text.includes(':ben)'));
    // ben is in London: his dates on his own clock.
    expect(ben?.text).toContain('changed (Europe/London)');
    expect(ben?.text).toContain(
      'Now on call:\n• Mon 2027-02-15 16:00 to Mon 2027-02-22 16:00 (primary, shift of 2027-02-15)',
    );
    expect(told().some((message) => message.text.includes(':cy)'))).toBe(false);

    // The same push delivered again: nobody is told twice.
    const again = await push();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already told');
    expect(told()).toHaveLength(2);
  });
});
