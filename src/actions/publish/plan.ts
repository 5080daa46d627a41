/**
 * Gather and decide for the weekly publish: read the checkout, run the generator to each
 * rotation's horizon (publish_weeks_ahead weeks after now), write the new schedule.yaml texts, and
 * judge the change with the same check as the validate-pr action (the checkout as base, the
 * checkout with the new schedules applied in memory as head). Nothing here talks to GitHub.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { extendSchedule } from '../../core/generate/extend-schedule.js';
import type { Repository } from '../../core/model/repository.js';
import {
  type PublishRequest,
  publishRequest,
  type RotationPublication,
} from '../../core/publish/publish-request.js';
import { gatherRotation } from '../../io/gather-rotation.js';
import { loadRepository } from '../../io/load-repository.js';
import { appendShifts } from '../../io/schedule-writer.js';
import { checkPullRequest, type PullRequestOutcome } from '../validate-pr/check-pull-request.js';

export interface ScheduleEdit {
  /** Path of schedule.yaml in the repository, e.g. "rotations/ops/schedule.yaml". */
  file: string;
  before: string;
  after: string;
}

export interface PublishPlan {
  /** Rotations with new shifts, in the order they were generated. */
  publications: RotationPublication[];
  edits: ScheduleEdit[];
  /** Present when there is something to publish. */
  request?: PublishRequest;
  check?: PullRequestOutcome;
  /** Rotations that could not be extended, with why; the others are still published. */
  failures: string[];
}

export async function planPublish(input: {
  root: string;
  rotation?: string;
  now: DateTime;
  /** The login the pull request is opened as: its author for the check. */
  author: string;
}): Promise<PublishPlan> {
  const loaded = await loadRepository(input.root);
  const errors = loaded.diagnostics.filter((item) => item.severity === 'error');
  if (!loaded.repository || errors.length > 0) {
    throw new Error(
      `the on-call files have errors; fix them before publishing (oncall validate): ${errors
        .map((item) => `${item.file}:${item.line}:${item.column} ${item.message}`)
        .join('; ')}`,
    );
  }
  const names = loaded.repository.rotations.map((source) => source.dir);
  if (input.rotation !== undefined && !names.includes(input.rotation)) {
    throw new Error(`no rotation "${input.rotation}" (${names.join(', ')})`);
  }

  // Rotations are extended one after another, each seeing the shifts just added to the others,
  // so a person in two rotations is never scheduled in both at once.
  let repository: Repository = loaded.repository;
  const publications: RotationPublication[] = [];
  const edits: ScheduleEdit[] = [];
  const failures: string[] = [];
  for (const name of names) {
    if (input.rotation !== undefined && name !== input.rotation) continue;
    const source = repository.rotations.find((entry) => entry.dir === name);
    if (!source) continue;
    const years = {
      from: Number.parseInt(source.rotation.start.slice(0, 4), 10),
      to: input.now.year + Math.ceil(source.rotation.publish_weeks_ahead / 52) + 1,
    };
    let result: ReturnType<typeof extendSchedule>;
    try {
      const gathered = await gatherRotation(repository, source, years);
      result = extendSchedule({ rotation: source.rotation, ...gathered, now: input.now });
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      continue;
    }
    if (!result.ok) {
      failures.push(`${name}: ${result.message}`);
      continue;
    }
    if (result.added.length === 0) continue;
    const before = await readFile(path.join(input.root, source.scheduleFile), 'utf8');
    edits.push({ file: source.scheduleFile, before, after: appendShifts(before, result.added) });
    publications.push({
      rotation: name,
      scheduleFile: source.scheduleFile,
      settings: source.rotation,
      added: result.added,
      relaxed: result.relaxed,
    });
    const shifts = [
      ...source.schedule.shifts,
      ...result.added.map((shift) => ({
        start: shift.start,
        ...Object.fromEntries(shift.assignments.map(({ slot, github }) => [slot, github])),
      })),
    ];
    repository = {
      ...repository,
      rotations: repository.rotations.map((entry) =>
        entry.dir === name ? { ...entry, schedule: { ...entry.schedule, shifts } } : entry,
      ),
    };
  }
  if (publications.length === 0) return { publications, edits, failures };

  const check = await checkEdits(input.root, edits, input.now, input.author);
  return { publications, edits, failures, check, request: publishRequest(publications, check) };
}

/** The validate-pr check of the edits: base = the checkout, head = the checkout with the edits in memory. */
function checkEdits(
  root: string,
  edits: readonly ScheduleEdit[],
  now: DateTime,
  author: string,
): Promise<PullRequestOutcome> {
  return checkPullRequest({
    baseRoot: root,
    edits: new Map(edits.map((edit) => [edit.file, edit.after])),
    author,
    committers: [author],
    approvals: [],
    now,
  });
}
