/**
 * The trade check: a pull request's change to one rotation's schedule.yaml, judged as a whole.
 * What changed (in people's words), whose time moved and whether they all agreed, what integrity
 * errors the new schedule has (editing history is one), which fairness warnings the change adds,
 * and a before/after fairness table for the people concerned.
 */
import type { DateTime } from 'luxon';
import { error, type Finding, warning } from '../diagnostics/finding.js';
import { balanceOver } from '../fairness/balance.js';
import type { Repository } from '../model/repository.js';
import { buildRoster, loginKey } from '../model/roster.js';
import type { ScheduleFile } from '../model/schemas.js';
import { validateRepository } from '../rules/validate-repository.js';
import { timedOverrides } from '../schedule/overrides.js';
import { timeline } from '../schedule/timeline.js';
import { affectedPeople, type Consent, checkConsent } from './consent.js';
import { describeChanges, type ReadableChange } from './describe-changes.js';
import { diffSchedules, type ScheduleChange, timeDelta } from './schedule-diff.js';

export interface TradeInput {
  /** The repository as the pull request leaves it (roster, rotations). */
  repository: Repository;
  rotation: string;
  base: ScheduleFile;
  head: ScheduleFile;
  author?: string;
  /** Logins whose latest review on the head commit approves. */
  approvals: readonly string[];
  now: DateTime;
}

export interface FairnessRow {
  github: string;
  before: { shifts: number; prorated: number };
  after: { shifts: number; prorated: number };
}

export interface TradeCheck {
  changes: ReadableChange[];
  affected: string[];
  /** Hours on call each affected person gains and loses. */
  time: { github: string; gained: number; lost: number }[];
  consent: Consent;
  /** People in newly published shifts: told, not asked. */
  mentions: string[];
  errors: Finding[];
  warnings: Finding[];
  fairness: FairnessRow[];
}

export function checkTrade(input: TradeInput): TradeCheck {
  const source = input.repository.rotations.find((rotation) => rotation.dir === input.rotation);
  if (!source) throw new Error(`unknown rotation ${input.rotation}`);
  const { rotation, scheduleFile } = source;
  const roster = buildRoster(input.repository.people.people);
  const side = (schedule: ScheduleFile) => ({
    shifts: timeline(rotation, schedule),
    overrides: timedOverrides(rotation, schedule),
  });
  const base = side(input.base);
  const head = side(input.head);
  const raw = diffSchedules(base, head);
  const affected = affectedPeople(raw);
  const consent = checkConsent({
    affected,
    author: input.author,
    approvals: input.approvals,
    admins: rotation.admins ?? [],
    roster,
    now: input.now,
  });

  const withSchedule = (schedule: ScheduleFile): Repository => ({
    ...input.repository,
    rotations: input.repository.rotations.map((entry) =>
      entry.dir === input.rotation ? { ...entry, schedule } : entry,
    ),
  });
  const headFindings = validateRepository(withSchedule(input.head), input.now);
  const baseWarnings = new Set(
    validateRepository(withSchedule(input.base), input.now)
      .filter((finding) => finding.severity === 'warning')
      .map((finding) => `${finding.rule}|${finding.message}`),
  );
  const history = historyFindings(raw, input.now, scheduleFile);
  const errors = [
    ...history.filter((finding) => finding.severity === 'error'),
    ...headFindings.filter((f) => f.severity === 'error'),
  ];
  const warnings = [
    ...history.filter((finding) => finding.severity === 'warning'),
    ...headFindings.filter(
      (finding) => finding.severity === 'warning' && !baseWarnings.has(`${finding.rule}|${finding.message}`),
    ),
  ];

  const concerned = new Set(
    [...affected, ...raw.flatMap((change) => (change.kind === 'published' ? change.people : []))].map(
      loginKey,
    ),
  );
  const summary = (shifts: typeof base.shifts) => {
    const windowStart = Math.max(
      0,
      shifts.findIndex((shift) => shift.endsAt > input.now),
    );
    return balanceOver(rotation, roster, shifts, windowStart);
  };
  const before = summary(base.shifts);
  const after = summary(head.shifts);
  const row = (people: typeof before.people, key: string) => {
    const found = people.find((person) => loginKey(person.github) === key);
    return { shifts: found?.shifts ?? 0, prorated: found?.prorated ?? 0 };
  };
  const fairness = [...concerned].map((key) => ({
    github: roster.byLogin.get(key)?.github ?? key,
    before: row(before.people, key),
    after: row(after.people, key),
  }));

  return {
    changes: describeChanges(raw, rotation.timezone),
    affected,
    time: [...timeDelta(raw).values()].map(({ github, gained, lost }) => ({
      github,
      gained: Math.round(gained * 100) / 100,
      lost: Math.round(lost * 100) / 100,
    })),
    consent,
    mentions: [...new Set(raw.flatMap((change) => (change.kind === 'published' ? change.people : [])))],
    errors,
    warnings,
    fairness,
  };
}

/** History never changes: an ended shift or cover is fixed; one in progress is changed by a cover. */
export function historyFindings(changes: readonly ScheduleChange[], now: DateTime, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const change of changes) {
    if (change.kind === 'published') continue;
    const ended = change.period.to <= now;
    const started = change.period.from < now;
    if (!started) continue;
    const path =
      change.kind === 'slot'
        ? ['shifts', change.index, change.slot]
        : change.kind === 'inserted'
          ? ['shifts', change.index, 'start']
          : change.kind === 'cover-added'
            ? ['overrides', change.index, 'from']
            : [change.kind === 'unpublished' ? 'shifts' : 'overrides'];
    const what =
      change.kind === 'cover-added' || change.kind === 'cover-removed'
        ? `the cover of ${change.replace} by ${change.with}`
        : `the shift of ${change.start}`;
    if (ended) {
      findings.push(error('edit-to-past', `${what} has ended: history never changes`, { file, path }));
    } else {
      findings.push(
        warning(
          'edit-in-progress',
          `${what} has already started: the part before now is history; prefer an override from now on`,
          {
            file,
            path,
          },
        ),
      );
    }
  }
  return findings;
}
