/**
 * `oncall demo` end to end: the scripted fortnight on the embedded GitHub and Slack, with the
 * committed action bundles (run `npm run build` first when src/ changed). It must check itself
 * green, leave every artifact, and tell every chapter in the story.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../src/demo/story.js';
import { runCli } from '../helpers/repo.js';

const out = mkdtempSync(path.join(tmpdir(), 'oncall-demo-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('oncall demo', () => {
  it('plays the fortnight, checks itself, leaves the artifacts and tells every chapter', {
    timeout: 60_000,
  }, async () => {
    const started = Date.now();
    const run = await runCli(['demo', '--out', out, '--json']);
    const seconds = (Date.now() - started) / 1000;
    expect(run.stderr).toBe('');
    const result = run.json();
    const failed = result.steps
      .filter((step: { ok: boolean }) => !step.ok)
      .map((step: { n: number; line: string; checks: { ok: boolean; what: string; detail?: string }[] }) =>
        [
          `step ${step.n}: ${step.line}`,
          ...step.checks.filter((c) => !c.ok).map((c) => `  ${c.what}: ${c.detail ?? ''}`),
        ].join('\n'),
      );
    expect(failed.join('\n')).toBe('');
    expect(result.ok).toBe(true);
    expect(run.code).toBe(0);
    expect(result.steps.length).toBeGreaterThanOrEqual(14);
    expect(seconds).toBeLessThan(60);

    for (const file of [
      'story.md',
      'handoff-issue.md',
      'pr-comment.md',
      'slack-messages.json',
      'slack-messages.md',
      'github-requests.json',
      'report.md',
      'index.html',
      'calendars/engineering.ics',
      'calendars/people/hiro.ics',
    ]) {
      const full = path.join(out, file);
      expect(existsSync(full), file).toBe(true);
      expect(statSync(full).size, file).toBeGreaterThan(0);
      expect(result.artifacts).toContain(full);
    }

    const story = readFileSync(path.join(out, 'story.md'), 'utf8');
    for (const title of Object.values(CHAPTERS)) expect(story).toContain(`## ${title}`);
    expect(story).toContain('## Who was paged, when');
    expect(story).toContain('## Time to acknowledge and to resolve');
    expect(story).toContain('## A cover request, taken');
    expect(story).toContain('waiting for approval from @priya');

    expect(readFileSync(path.join(out, 'handoff-issue.md'), 'utf8')).toContain(
      'On-call handoff: week of 2026-12-07',
    );
    const comment = readFileSync(path.join(out, 'pr-comment.md'), 'utf8');
    expect(comment).toContain('waiting for approval from @priya');
    expect(comment).toContain('On-call change check passed');
    const slack = JSON.parse(readFileSync(path.join(out, 'slack-messages.json'), 'utf8'));
    const sev1Dms = slack.messages.filter(
      (m: { to: string; key?: string }) => m.key?.endsWith(':step-0') && m.to.startsWith('@'),
    );
    expect(sev1Dms.map((m: { to: string }) => m.to).sort()).toEqual(['@bob', '@hiro', '@kate', '@liam']);
    const requests = JSON.parse(readFileSync(path.join(out, 'github-requests.json'), 'utf8'));
    expect(requests.some((entry: { by: string }) => entry.by === 'action: incident')).toBe(true);
  });

  it('refuses the options that do not apply to it', async () => {
    const run = await runCli(['demo', '--root', '.']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--root does not apply');
  });
});
