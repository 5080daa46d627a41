/**
 * The tick's reminders as the runner runs them (the committed tick bundle, the GitHub and Slack
 * emulators, a clock the test moves): the people of the next shift get one Slack DM each, however
 * many ticks run, from the Friday before the shift at the start of their work hours.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { runActionBundle, webhookExample } from '../helpers/action-runner.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const ZONE = 'America/New_York';

const FILES = {
  'rotations/people.yaml': `people:
  - { github: ana, name: Ana, team: red, timezone: ${ZONE}, slack: U0ANA }
  - { github: ben, name: Ben, team: blue, timezone: Europe/London, slack: U0BEN }
  - { github: cy, name: Cy, team: red, timezone: ${ZONE}, slack: U0CY }
  - { github: dee, name: Dee, team: blue, timezone: ${ZONE}, email: dee@example.com }
`,
  'rotations/ops/rotation.yaml': `name: ops
members: { teams: [red, blue] }
slots: [primary, secondary]
timezone: ${ZONE}
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-01-04
publish_weeks_ahead: 4
`,
  'rotations/ops/schedule.yaml': `rotation: ops
shifts:
  - { start: 2027-01-04, primary: ana, secondary: ben }
  - { start: 2027-01-11, primary: cy, secondary: dee }
  - { start: 2027-01-18, primary: ana, secondary: ben }
  - { start: 2027-01-25, primary: cy, secondary: dee }
  - { start: 2027-02-01, primary: ana, secondary: ben }
  - { start: 2027-02-08, primary: cy, secondary: dee }
  - { start: 2027-02-15, primary: ana, secondary: ben }
  - { start: 2027-02-22, primary: cy, secondary: dee }
`,
};

describe('tick reminders, end to end', () => {
  let clock = DateTime.fromISO('2027-01-07T12:00', { zone: ZONE });
  const now = () => clock.toJSDate();
  const github = useGitHubEmulator({ now });
  const slackFixture = useSlackEmulator({ now });

  it('DMs each person of the next shift once, across several ticks', async () => {
    const { gh } = github;
    const { slack } = slackFixture;
    for (const [id, name, email] of [
      ['U0ANA', 'ana'],
      ['U0BEN', 'ben'],
      ['U0CY', 'cy'],
      [undefined, 'dee', 'dee@example.com'],
    ] as const) {
      slack.seed.user({ ...(id ? { id } : {}), name, ...(email ? { email } : {}) });
    }
    const root = makeRepo(FILES);
    const tick = (at: string, inputs: Record<string, string> = {}) => {
      clock = DateTime.fromISO(at, { zone: ZONE });
      const template = webhookExample('issues', 'opened');
      return runActionBundle({
        action: 'tick',
        event: { schedule: '2-59/5 * * * *', repository: template.repository },
        eventName: 'schedule',
        apiUrl: gh.url,
        repository: REPO,
        inputs: {
          'github-token': 'test-token',
          'slack-token': TEST_SLACK_TOKEN,
          root,
          'bot-login': gh.bot.login,
          ...inputs,
        },
        env: {
          ONCALL_NOW: clock.toISO() as string,
          ONCALL_RETRY_BASE_MS: '1',
          ONCALL_PACING: 'off',
          SLACK_API_URL: slack.apiUrl,
        },
      });
    };
    const reminders = () => slack.messages().filter((message) => message.text.includes('reminder:ops:'));

    // Thursday: nothing yet.
    const quiet = await tick('2027-01-07T12:00');
    expect(quiet.stdout).not.toContain('::error::');
    expect(quiet.code).toBe(0);
    expect(reminders()).toHaveLength(0);
    // Friday 09:02 in New York: cy and dee (New York) for the shift of 2027-01-11.
    const first = await tick('2027-01-08T09:02');
    expect(first.code).toBe(0);
    expect(
      reminders()
        .map((message) => message.text.match(/reminder:ops:[^)]+/)?.[0])
        .sort(),
    ).toEqual(['reminder:ops:2027-01-11:cy', 'reminder:ops:2027-01-11:dee']);
    expect(reminders()[0]?.text).toContain('on call (');
    // More ticks that day and over the weekend: nothing new.
    for (const at of ['2027-01-08T09:07', '2027-01-08T15:00', '2027-01-09T10:00', '2027-01-11T10:55']) {
      expect((await tick(at)).code).toBe(0);
    }
    expect(reminders()).toHaveLength(2);
    // The next Friday: ana (New York) and ben (London, whose 09:00 came hours earlier).
    await tick('2027-01-15T09:05');
    expect(
      reminders()
        .map((message) => message.text.match(/reminder:ops:[^)]+/)?.[0])
        .sort(),
    ).toEqual([
      'reminder:ops:2027-01-11:cy',
      'reminder:ops:2027-01-11:dee',
      'reminder:ops:2027-01-18:ana',
      'reminder:ops:2027-01-18:ben',
    ]);
    await tick('2027-01-15T09:10');
    expect(reminders()).toHaveLength(4);
    // Turned off: nothing for the following shift.
    await tick('2027-01-22T12:00', { 'reminder-days-before': 'off' });
    expect(reminders()).toHaveLength(4);
  });
});
