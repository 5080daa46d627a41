/**
 * A cover request as the issue form writes it, and the period it asks cover for. The form (see
 * .github/ISSUE_TEMPLATE/cover-request.yml) names a shift by its start date, or hours as two
 * date-times in the rotation's zone; who needs cover (the author when empty) and why. Pure: the
 * issue body, the rotation and the clock come in as data.
 */
import type { DateTime } from 'luxon';
import { unavailability } from '../model/availability.js';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { inertMarkdown } from '../text/inert.js';
import { parseLocalDateTime } from '../time/wall-clock.js';

export const COVER_LABEL = 'cover-request';

/** The form's headings, as GitHub renders them in the issue body (`### Heading`). */
export const COVER_FORM_HEADINGS = {
  shift: 'Which shift?',
  from: 'From',
  to: 'To',
  who: 'Who needs cover?',
  why: 'Why?',
} as const;

export interface CoverForm {
  shift?: string;
  from?: string;
  to?: string;
  who?: string;
  why?: string;
}

/** Reads the form's answers; "_No response_" and empty answers are absent. */
export function parseCoverForm(body: string | null | undefined): CoverForm {
  const form: CoverForm = {};
  const sections = new Map<string, string>();
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (heading !== undefined) sections.set(heading.toLowerCase(), lines.join('\n').trim());
  };
  for (const line of (body ?? '').split(/\r?\n/)) {
    const match = /^###\s+(.+?)\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1] as string;
      lines = [];
    } else lines.push(line);
  }
  flush();
  for (const [key, label] of Object.entries(COVER_FORM_HEADINGS) as [keyof CoverForm, string][]) {
    const value = sections.get(label.toLowerCase());
    if (value && value !== '_No response_') form[key] = value;
  }
  return form;
}

export interface CoverPeriod {
  requester: string;
  from: DateTime;
  to: DateTime;
  why?: string;
  /** Set when the period asked for had begun: cover starts now. */
  clippedToNow: boolean;
  /** An admin filed it for someone away: the away entry (as written) that lets them stand in. */
  filedByAdmin?: { admin: string; away: string };
}

export type CoverRequestResult = { ok: true; request: CoverPeriod } | { ok: false; reason: string };

export function resolveCoverRequest(input: {
  form: CoverForm;
  author: string;
  rotation: RotationFile;
  roster: Roster;
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
  now: DateTime;
}): CoverRequestResult {
  const { form, rotation, now } = input;
  const zone = rotation.timezone;
  const requesterText = (form.who ?? input.author).replace(/^@/, '').trim();
  const person = findPerson(input.roster, requesterText);
  if (!person)
    return {
      ok: false,
      reason: `${inertMarkdown(requesterText, 60)} is not in the roster (rotations/people.yaml)`,
    };
  const requester = person.github;
  const byAdmin = loginKey(requester) !== loginKey(input.author);
  if (byAdmin) {
    const admins = (rotation.admins ?? []).map(loginKey);
    if (!admins.includes(loginKey(input.author))) {
      return {
        ok: false,
        reason: `only ${requester} or an admin of the rotation (${(rotation.admins ?? []).join(', ') || 'none listed'}) can ask cover for ${requester}`,
      };
    }
  }
  let from: DateTime | undefined;
  let to: DateTime | undefined;
  if (form.from || form.to) {
    if (!form.from || !form.to) return { ok: false, reason: 'give both From and To, or a shift' };
    from = parseLocalDateTime(form.from, zone);
    to = parseLocalDateTime(form.to, zone);
    if (!from)
      return {
        ok: false,
        reason: `From "${inertMarkdown(form.from, 40)}" is not a date-time like 2027-02-16T09:00`,
      };
    if (!to)
      return {
        ok: false,
        reason: `To "${inertMarkdown(form.to, 40)}" is not a date-time like 2027-02-16T18:00`,
      };
    if (to <= from) return { ok: false, reason: `To (${form.to}) is not after From (${form.from})` };
  } else if (form.shift) {
    const date = /\d{4}-\d{2}-\d{2}/.exec(form.shift)?.[0];
    const shift = date ? input.shifts.find((entry) => entry.start === date) : undefined;
    if (!shift) return { ok: false, reason: `no published shift starts on ${inertMarkdown(form.shift, 40)}` };
    from = shift.startsAt;
    to = shift.endsAt;
  } else {
    return { ok: false, reason: 'the request names no shift and no hours' };
  }
  if (to <= now) return { ok: false, reason: 'that time has already passed' };
  let clippedToNow = false;
  if (from < now) {
    from = now.setZone(zone).startOf('minute').plus({ minutes: 1 });
    clippedToNow = true;
  }
  const first = input.shifts[0];
  const last = input.shifts[input.shifts.length - 1];
  if (!first || !last || from < first.startsAt || to > last.endsAt) {
    return { ok: false, reason: 'those hours are not inside the published schedule' };
  }
  const during = input.shifts.filter((shift) => shift.startsAt < (to as DateTime) && from < shift.endsAt);
  const notOn = during.find(
    (shift) => !shift.assignments.some((slot) => loginKey(slot.github) === loginKey(requester)),
  );
  if (notOn) return { ok: false, reason: `${requester} is not on call in the shift of ${notOn.start}` };
  const covered = input.overrides.find(
    (override) =>
      loginKey(override.replace) === loginKey(requester) &&
      override.from < (to as DateTime) &&
      from < override.to,
  );
  if (covered) {
    return { ok: false, reason: `${covered.with} already covers ${requester} for part of that time` };
  }
  let filedByAdmin: CoverPeriod['filedByAdmin'];
  if (byAdmin) {
    // An admin stands in only for someone who cannot answer: away, in the roster this run reads
    // (the default branch's, never a pull request's), for the whole period.
    const away = awayThroughout(person, from, to);
    if (!away) {
      return {
        ok: false,
        reason: `an admin may ask cover only for someone away: ${requester} is not away (in rotations/people.yaml) for all of that time, so ${requester} asks for cover themself`,
      };
    }
    filedByAdmin = { admin: input.author, away };
  }
  return {
    ok: true,
    request: {
      requester,
      from,
      to,
      ...(form.why && { why: form.why }),
      clippedToNow,
      ...(filedByAdmin ? { filedByAdmin } : {}),
    },
  };
}

/** An override bound as written in schedule.yaml: wall clock in the rotation's zone. */
export function overrideBound(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The away entries (as written) that cover all of [from, to); undefined when part of it is not. */
function awayThroughout(
  person: Parameters<typeof unavailability>[0],
  from: DateTime,
  to: DateTime,
): string | undefined {
  const away = unavailability(person).filter((period) => period.reason === 'away');
  const used: string[] = [];
  let at = from;
  while (at < to) {
    const holding = away.find((period) => period.from && period.to && period.from <= at && at < period.to);
    if (!holding?.to) return undefined;
    used.push(holding.label);
    at = holding.to;
  }
  return used.join(', ');
}
