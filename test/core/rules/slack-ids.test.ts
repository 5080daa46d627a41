/**
 * Rule `slack-id`: someone who can be on call in a rotation that keeps Slack in step needs a Slack
 * id or an email, checked through `oncall validate --json` at the person's line in people.yaml.
 *
 * rotations/people.yaml (below)
 *  1 people:
 *  2   - { github: ana, ..., slack: U0ANA }
 *  3   - { github: ben, ..., email: ben@example.com }
 *  4   - { github: cy, ... }                      neither: fails when ops has `slack:`
 *  5   - { github: dee, ..., slack: U0DEE }
 *  6   - { github: eli, ..., slack: U0ELI }
 *  7   - { github: fay, ..., slack: U0FAY }
 *  8   - { github: gus, team: purple, ... }       neither, but not in ops
 *  9   - { github: hal, team: red, left: 2026-12-31 }  neither, but left before now
 */
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

const PEOPLE = `people:
  - { github: ana, name: Ana, team: red, timezone: America/New_York, slack: U0ANA }
  - { github: ben, name: Ben, team: blue, timezone: Europe/London, email: ben@example.com }
  - { github: cy, name: Cy, team: green, timezone: America/Los_Angeles }
  - { github: dee, name: Dee, team: red, timezone: America/New_York, slack: U0DEE }
  - { github: eli, name: Eli, team: blue, timezone: Europe/London, slack: U0ELI }
  - { github: fay, name: Fay, team: green, timezone: America/Chicago, joined: 2026-01-01, slack: U0FAY }
  - { github: gus, name: Gus, team: purple, timezone: UTC }
  - { github: hal, name: Hal, team: red, timezone: America/New_York, left: 2026-12-31 }
`;

const SLACK = 'slack: { usergroup: S0ONCALL, channel: C0INCIDENTS }\n';

function files(options: { slack?: string; people?: string; schedule?: string } = {}): Record<string, string> {
  const base = smallRepoFiles();
  return {
    ...base,
    'rotations/people.yaml': options.people ?? PEOPLE,
    'rotations/ops/rotation.yaml': `${base['rotations/ops/rotation.yaml']}${options.slack ?? SLACK}`,
    ...(options.schedule ? { 'rotations/ops/schedule.yaml': options.schedule } : {}),
  };
}

async function slackIdErrors(input: Record<string, string>) {
  const run = await runCli(['validate', '--root', makeRepo(input), '--json']);
  const doc = run.json() as {
    ok: boolean;
    errors: { file: string; line: number; column: number; rule: string; message: string }[];
  };
  return { run, doc, errors: doc.errors.filter((error) => error.rule === 'slack-id') };
}

describe('rule slack-id', () => {
  it('fails a member with neither `slack` nor `email`, at their entry in people.yaml', async () => {
    const { run, doc, errors } = await slackIdErrors(files());
    expect(run.code).toBe(1);
    expect(doc.ok).toBe(false);
    expect(errors).toEqual([
      {
        file: 'rotations/people.yaml',
        line: 4,
        column: 5,
        rule: 'slack-id',
        message: expect.stringMatching(
          /^cy can be on call in ops, which keeps Slack in step, but has no Slack id: add `slack:`/,
        ),
      },
    ]);
  });

  it('passes once they have an email to be looked up by', async () => {
    const people = PEOPLE.replace(
      '{ github: cy, name: Cy, team: green, timezone: America/Los_Angeles }',
      '{ github: cy, name: Cy, team: green, timezone: America/Los_Angeles, email: cy@example.com }',
    );
    const { run, errors } = await slackIdErrors(files({ people }));
    expect(errors).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('does not apply to a rotation without `slack:`', async () => {
    const { run, errors } = await slackIdErrors(files({ slack: '' }));
    expect(errors).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('applies to a rotation with only a channel', async () => {
    const { errors } = await slackIdErrors(files({ slack: 'slack: { channel: C0INCIDENTS }\n' }));
    expect(errors.map((error) => error.line)).toEqual([4]);
  });

  it('counts someone from outside the members who covers a shift not yet ended', async () => {
    const schedule = `${smallRepoFiles()['rotations/ops/schedule.yaml']}overrides:
  - { from: "2027-01-12T18:00", to: "2027-01-13T09:00", replace: cy, with: gus }
`;
    const { errors } = await slackIdErrors(files({ schedule }));
    expect(errors.map((error) => [error.line, error.message.split(' ')[0]])).toEqual([
      [4, 'cy'],
      [8, 'gus'],
    ]);
  });
});
