/**
 * The notify-changes action (on a push to the default branch touching rotations/**): compares each
 * schedule.yaml before the push (`git show BEFORE:path`, the checkout needs fetch-depth 2 or the
 * event's `before` commit) and after it, and DMs each person whose future time on call moved, with
 * the old and new dates. Never twice for the same push: each DM carries a key with the commit sha,
 * looked for in the DM before posting.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as core from '@actions/core';
import { buildRoster, findPerson } from '../../core/model/roster.js';
import type { ScheduleFile } from '../../core/model/schemas.js';
import { changeNotices, noticeKey, noticeText } from '../../core/notices/moved-shifts.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { loadRepository, loadYamlFile } from '../../io/load-repository.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';

const git = promisify(execFile);

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const { lines, failures } = await notifyChanges(runtime, process.env.RUNNER_TEMP || undefined);
    for (const line of lines) core.info(line);
    core.setOutput('summary', lines.join('\n'));
    if (failures.length > 0) core.setFailed(`notify-changes:\n${failures.join('\n')}`);
  } catch (err) {
    core.setFailed(`notify-changes: ${(err as Error).message}`);
  }
}

/** The file at the commit before the push, or undefined when it did not exist there. */
async function fileBefore(root: string, before: string, file: string): Promise<string | undefined> {
  try {
    const { stdout } = await git('git', ['show', `${before}:${file}`], { cwd: root, maxBuffer: 4 << 20 });
    return stdout;
  } catch {
    return undefined;
  }
}

export async function notifyChanges(
  runtime: ActionRuntime,
  tempDir = tmpdir(),
): Promise<{ lines: string[]; failures: string[] }> {
  const { event } = runtime;
  const sha = (event.after as string | undefined) ?? process.env.GITHUB_SHA ?? '';
  const zeros = /^0+$/;
  const before =
    typeof event.before === 'string' && !zeros.test(event.before) ? (event.before as string) : 'HEAD~1';
  if (!sha) throw new Error('the push has no commit sha');
  const loaded = await loadRepository(runtime.root);
  if (!loaded.repository) throw new Error('the on-call files do not load (run `oncall validate`)');
  const roster = buildRoster(loaded.repository.people.people);
  const lines: string[] = [];
  const failures: string[] = [];
  const work = await mkdtemp(path.join(tempDir, 'oncall-notify-'));
  try {
    for (const source of loaded.repository.rotations) {
      if (runtime.rotation && source.dir !== runtime.rotation) continue;
      // The push's `before` commit when the checkout has it, else the commit before HEAD (fetch-depth 2).
      const text =
        (await fileBefore(runtime.root, before, source.scheduleFile)) ??
        (before === 'HEAD~1' ? undefined : await fileBefore(runtime.root, 'HEAD~1', source.scheduleFile));
      if (text === undefined) {
        lines.push(`${source.scheduleFile}: new in this push, nobody to tell`);
        continue;
      }
      const basePath = path.join(work, `${source.dir}.yaml`);
      await writeFile(basePath, text);
      const base = await loadYamlFile(basePath, source.scheduleFile, 'schedule');
      if (!base.data) {
        lines.push(`${source.scheduleFile}: the version before the push does not load; skipped`);
        continue;
      }
      const side = (schedule: ScheduleFile) => ({
        shifts: timeline(source.rotation, schedule),
        overrides: timedOverrides(source.rotation, schedule),
      });
      const notices = changeNotices({
        rotation: source.rotation.name,
        base: side(base.data as ScheduleFile),
        head: side(source.schedule),
        now: runtime.now,
      });
      if (notices.length === 0) {
        lines.push(`${source.rotation.name}: no future time on call moved`);
        continue;
      }
      const slack = runtime.slack;
      if (!slack) {
        lines.push(`${source.rotation.name}: ${notices.length} person(s) to tell, but no Slack token`);
        continue;
      }
      const url = process.env.GITHUB_SERVER_URL
        ? `${process.env.GITHUB_SERVER_URL}/${runtime.owner}/${runtime.repo}/commit/${sha}`
        : undefined;
      for (const notice of notices) {
        try {
          const person = findPerson(roster, notice.github);
          const zone = person?.timezone ?? source.rotation.timezone;
          const id =
            person?.slack ?? (person?.email ? (await slack.lookupUserByEmail(person.email))?.id : undefined);
          if (!id) {
            lines.push(`@${notice.github}: no Slack member id and no Slack account for their email`);
            continue;
          }
          const dm = await slack.openDm(id);
          // A push is told about within days; a week back is plenty to find an earlier notice.
          const since = runtime.now.toMillis() - 7 * 24 * 3600 * 1000;
          if (await slack.hasMessageSince(dm, since, noticeKey(sha, notice.github))) {
            lines.push(`@${notice.github}: already told about ${sha.slice(0, 7)}`);
            continue;
          }
          await slack.postMessage({ channel: dm, text: noticeText(notice, zone, sha, url) });
          lines.push(
            `@${notice.github}: told (${notice.removed.length} removed, ${notice.added.length} added)`,
          );
        } catch (err) {
          failures.push(`@${notice.github}: ${(err as Error).message}`);
        }
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { lines, failures };
}
