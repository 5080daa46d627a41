/**
 * Who can cover a request: members of the rotation available for the whole period (not away,
 * joined, not left) and not already on call then in any rotation, fairest first: the lowest
 * prorated load, then the longest since they were last on call. Everyone else is listed with why.
 */
import { DateTime } from 'luxon';
import { walkProratedLoads } from '../fairness/prorated-load.js';
import { conflictWith, unavailability } from '../model/availability.js';
import { loginKey, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import { onCallPeriods } from '../schedule/on-call-periods.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';

export interface CoverCandidate {
  github: string;
  /** Prorated load since the rotation started (a week on call is 1). */
  prorated: number;
  /** When they were last on call before the period (end of that time), if ever. */
  lastOnCall?: DateTime;
}

export interface CoverExclusion {
  github: string;
  why: string;
}

export interface CoverCandidates {
  candidates: CoverCandidate[];
  excluded: CoverExclusion[];
}

export interface CoverCandidatesInput {
  rotation: RotationFile;
  roster: Roster;
  /** This rotation's shifts and overrides. */
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
  /** Every rotation's shifts and overrides (this one included), for who is on call then. */
  everywhere: readonly { name: string; shifts: readonly TimedShift[]; overrides: readonly TimedOverride[] }[];
  requester: string;
  from: DateTime;
  to: DateTime;
  holidays?: ReadonlySet<string>;
}

export function coverCandidates(input: CoverCandidatesInput): CoverCandidates {
  const { members, loads } = walkProratedLoads(
    input.rotation,
    input.roster,
    input.shifts,
    input.holidays ?? new Set(),
    () => {},
  );
  const candidates: CoverCandidate[] = [];
  const excluded: CoverExclusion[] = [];
  for (const person of members) {
    const key = loginKey(person.github);
    if (key === loginKey(input.requester)) continue;
    const away = conflictWith(unavailability(person), input.from, input.to);
    if (away) {
      excluded.push({ github: person.github, why: away.label });
      continue;
    }
    const busy = busyThen(input, person.github);
    if (busy) {
      excluded.push({ github: person.github, why: busy });
      continue;
    }
    const last = lastOnCall(input, person.github);
    candidates.push({
      github: person.github,
      prorated: Math.round((loads.get(key) ?? 0) * 1000) / 1000,
      ...(last && { lastOnCall: last }),
    });
  }
  candidates.sort(
    (a, b) =>
      a.prorated - b.prorated ||
      (a.lastOnCall?.toMillis() ?? Number.NEGATIVE_INFINITY) -
        (b.lastOnCall?.toMillis() ?? Number.NEGATIVE_INFINITY) ||
      a.github.localeCompare(b.github),
  );
  return { candidates, excluded };
}

/** Why someone is eligible or not, for a `/take`: undefined when they may take it. */
export function whyNotEligible(
  result: CoverCandidates,
  login: string,
  requester: string,
): string | undefined {
  const key = loginKey(login);
  if (key === loginKey(requester)) return 'you are the one asking to be covered';
  if (result.candidates.some((candidate) => loginKey(candidate.github) === key)) return undefined;
  const excluded = result.excluded.find((entry) => loginKey(entry.github) === key);
  if (excluded) return excluded.why;
  return 'you are not a member of this rotation';
}

function busyThen(input: CoverCandidatesInput, github: string): string | undefined {
  for (const rotation of input.everywhere) {
    const clash = onCallPeriods(rotation.shifts, rotation.overrides, input.from).find(
      (period) =>
        loginKey(period.github) === loginKey(github) && period.from < input.to && input.from < period.to,
    );
    if (clash) {
      const where = rotation.name === input.rotation.name ? '' : ` in rotation ${rotation.name}`;
      return `already on call then (${clash.label}${where})`;
    }
  }
  return undefined;
}

function lastOnCall(input: CoverCandidatesInput, github: string): DateTime | undefined {
  let last: DateTime | undefined;
  for (const shift of input.shifts) {
    if (shift.startsAt >= input.from) break;
    if (shift.assignments.some((slot) => loginKey(slot.github) === loginKey(github))) {
      const end = DateTime.min(shift.endsAt, input.from);
      if (!last || end > last) last = end;
    }
  }
  for (const override of input.overrides) {
    if (loginKey(override.with) !== loginKey(github) || override.from >= input.from) continue;
    const end = DateTime.min(override.to, input.from);
    if (!last || end > last) last = end;
  }
  return last;
}
