/**
 * `notify:` and `sev2_work_hours_via` as people write them in YAML: read by `oncall validate`, and a
 * mistake named at its file, line and column with how to fix it; the triage's `--json` plan reads them.
 */
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

function withRules(rotationExtra: string, peopleEdit?: (text: string) => string): string {
  const files = smallRepoFiles();
  files['rotations/ops/rotation.yaml'] += rotationExtra;
  if (peopleEdit) files['rotations/people.yaml'] = peopleEdit(files['rotations/people.yaml'] as string);
  return makeRepo(files);
}

async function findings(root: string) {
  const run = await runCli(['validate', '--root', root, '--json']);
  return {
    code: run.code,
    errors: run.json().errors as {
      file: string;
      line: number;
      column: number;
      message: string;
      rule: string;
    }[],
  };
}

describe('notification rules in the files', () => {
  it('valid rules in rotation.yaml and on a person pass', async () => {
    const root = withRules(
      'notify:\n  - { after: 0, via: [slack, push] }\n  - { after: 5, via: [voice] }\nsev2_work_hours_via: [slack, push]\n',
      (text) =>
        text.replace(
          'timezone: Europe/London }',
          'timezone: Europe/London, notify: [{ after: 0, via: [sms] }] }',
        ),
    );
    expect(await findings(root)).toEqual({ code: 0, errors: [] });
  });

  it.each<[string, string, { line: number; column: number; message: RegExp }]>([
    [
      'a method that does not exist',
      'notify:\n  - { after: 0, via: [slack, pager] }\n',
      { line: 9, column: 30, message: /via\[1\] must be one of: slack, push, sms, voice/ },
    ],
    [
      'a negative minute',
      'notify:\n  - { after: -5, via: [push] }\n',
      { line: 9, column: 14, message: /0|minimum|>=/ },
    ],
    [
      'a step without methods',
      'notify:\n  - { after: 0, via: [] }\n',
      { line: 9, column: 22, message: /notify\[0\]\.via needs at least 1/ },
    ],
    ['a step without via', 'notify:\n  - { after: 0 }\n', { line: 9, column: 5, message: /via/ }],
    [
      'an unknown key in a step',
      'notify:\n  - { after: 0, via: [push], when: night }\n',
      { line: 9, column: 30, message: /unknown key "when" \(expected one of: after, via\)/ },
    ],
    [
      'steps out of order',
      'notify:\n  - { after: 5, via: [voice] }\n  - { after: 0, via: [push] }\n',
      {
        line: 10,
        column: 14,
        message: /after: 0 comes after a step at after: 5; list the steps in the order they are due/,
      },
    ],
    [
      'two steps at the same minute',
      'notify:\n  - { after: 0, via: [push] }\n  - { after: 0, via: [sms] }\n',
      { line: 10, column: 14, message: /put the methods in one step \(via: \[push, sms\]\)/ },
    ],
    [
      'an unknown method in sev2_work_hours_via',
      'sev2_work_hours_via: [slack, fax]\n',
      { line: 8, column: 30, message: /sev2_work_hours_via\[1\] must be one of: slack, push, sms, voice/ },
    ],
  ])('%s: an error at its line and column', async (_name, extra, expected) => {
    const { code, errors } = await findings(withRules(extra));
    expect(code).toBe(1);
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'rotations/ops/rotation.yaml',
        line: expected.line,
        column: expected.column,
        message: expect.stringMatching(expected.message),
      }),
    );
  });

  it("a person's rules are checked in people.yaml, at the person's line", async () => {
    const root = withRules('', (text) =>
      text.replace(
        'timezone: Europe/London }',
        'timezone: Europe/London, notify: [{ after: 3, via: [sms] }, { after: 1, via: [voice] }] }',
      ),
    );
    const { errors } = await findings(root);
    expect(errors).toContainEqual(
      expect.objectContaining({ file: 'rotations/people.yaml', line: 3, rule: 'notify-order' }),
    );
  });

  it('`oncall triage --json` shows the plan: notify [{login, via, at}]', async () => {
    const root = withRules(
      'notify:\n  - { after: 0, via: [slack, push] }\n  - { after: 5, via: [voice] }\nescalation: { ack_minutes: 15, steps: [primary, secondary] }\n',
    );
    const event = makeRepo({
      'event.json': JSON.stringify({
        action: 'opened',
        issue: {
          number: 4,
          title: 'Checkout is down',
          body: '### Is it down for users?\n\nYes',
          labels: [{ name: 'incident' }],
          user: { login: 'ana' },
          state: 'open',
        },
      }),
    });
    const run = await runCli(
      ['triage', '--root', root, '--event', `${event}/event.json`, '--json'],
      '2027-01-09T03:00-05:00',
    );
    expect(run.code).toBe(0);
    expect(run.json().notify).toEqual([
      { login: 'ana', via: 'slack', at: '2027-01-09T03:00:00-05:00' },
      { login: 'ana', via: 'push', at: '2027-01-09T03:00:00-05:00' },
      { login: 'ben', via: 'slack', at: '2027-01-09T03:00:00-05:00' },
      { login: 'ben', via: 'push', at: '2027-01-09T03:00:00-05:00' },
      { login: 'ana', via: 'voice', at: '2027-01-09T03:05:00-05:00' },
      { login: 'ben', via: 'voice', at: '2027-01-09T03:05:00-05:00' },
    ]);
  });
});
