/**
 * One rotation, base against head, each side read with its own rotation.yaml: the schedule edits
 * in people's words (when both sides exist), each person's future time on call gained and lost,
 * who is newly published, edits to history, and the before/after fairness of the people concerned.
 */
import type { DateTime } from 'luxon';
import type { Finding } from '../diagnostics/finding.js';
import { balanceOver } from '../fairness/balance.js';
import type { Repository, RotationSource } from '../model/repository.js';
import { buildRoster, loginKey } from '../model/roster.js';
import { timedOverrides } from '../schedule/overrides.js';
import { timeline } from '../schedule/timeline.js';
import { historyFindings } from '../trade/check-trade.js';
import { describeChanges } from '../trade/describe-changes.js';
import { diffSchedules } from '../trade/schedule-diff.js';
import { compareTimeOnCall, type TimeMoved } from './time-on-call.js';

export interface FairnessRow {
  github: string;
  before: { shifts: number; prorated: number };
  after: { shifts: number; prorated: number };
}

export interface RotationDetail {
  rotation: string;
  /** The schedule edits in people's words; `published` ones ask nobody. */
  sentences: { text: string; published: boolean }[];
  moved: TimeMoved[];
  published: string[];
  history: Finding[];
  fairness: FairnessRow[];
}

export function compareRotation(
  base: RotationSource | undefined,
  head: RotationSource | undefined,
  baseRepository: Repository,
  headRepository: Repository,
  now: DateTime,
): RotationDetail {
  const name = (head ?? base)?.rotation.name ?? '';
  const time = compareTimeOnCall(base, head, now);
  const side = (source: RotationSource) => ({
    shifts: timeline(source.rotation, source.schedule),
    overrides: timedOverrides(source.rotation, source.schedule),
  });
  let sentences: RotationDetail['sentences'] = [];
  let history: Finding[] = [];
  if (base && head) {
    const raw = diffSchedules(side(base), side(head));
    sentences = describeChanges(raw, head.rotation.timezone).map((change) => ({
      text: change.text,
      published: change.kind === 'published',
    }));
    history = historyFindings(raw, now, head.scheduleFile);
  }
  const concerned = [...time.moved.map((entry) => entry.github), ...time.published];
  const summary = (source: RotationSource | undefined, repository: Repository) => {
    if (!source) return [];
    const shifts = timeline(source.rotation, source.schedule);
    const start = Math.max(
      0,
      shifts.findIndex((shift) => shift.endsAt > now),
    );
    return balanceOver(source.rotation, buildRoster(repository.people.people), shifts, start).people;
  };
  const before = summary(base, baseRepository);
  const after = summary(head, headRepository);
  const row = (people: typeof before, login: string) => {
    const found = people.find((person) => loginKey(person.github) === loginKey(login));
    return { shifts: found?.shifts ?? 0, prorated: found?.prorated ?? 0 };
  };
  const seen = new Set<string>();
  const fairness = concerned
    .filter((login) => !seen.has(loginKey(login)) && seen.add(loginKey(login)))
    .map((github) => ({ github, before: row(before, github), after: row(after, github) }));
  return { rotation: name, sentences, moved: time.moved, published: time.published, history, fairness };
}
