/**
 * Overrides: real date-times in order, known people, inside the published schedule, replacing a
 * person who is on call for the whole cover, by someone not already on call, never twice at once.
 */
import { error, type Finding } from '../../diagnostics/finding.js';
import { findPerson, loginKey } from '../../model/roster.js';
import { parseLocalDateTime } from '../../time/wall-clock.js';
import type { RotationContext } from '../context.js';

export function checkOverrides({ source, roster, shifts, overrides }: RotationContext): Finding[] {
  const { rotation, schedule, scheduleFile: file } = source;
  const findings: Finding[] = [];
  const at = (index: number, key: string) => ({ file, path: ['overrides', index, key] });

  (schedule.overrides ?? []).forEach((entry, index) => {
    const bounds = (['from', 'to'] as const).map((key) => {
      const instant = parseLocalDateTime(entry[key], rotation.timezone);
      if (!instant) {
        findings.push(
          error('invalid-date', `${key} "${entry[key]}" is not a real date-time`, at(index, key)),
        );
      }
      return instant;
    });
    const [from, to] = bounds;
    if (from && to && to <= from) {
      findings.push(
        error(
          'date-order',
          `to (${entry.to}) is not after from (${entry.from}): the override covers no time`,
          at(index, 'to'),
        ),
      );
    }
    for (const key of ['replace', 'with'] as const) {
      if (!findPerson(roster, entry[key])) {
        findings.push(error('unknown-person', `${entry[key]} is not in the roster`, at(index, key)));
      }
    }
    if (loginKey(entry.replace) === loginKey(entry.with)) {
      findings.push(error('override-self', `${entry.with} cannot replace themselves`, at(index, 'with')));
    }
  });

  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  for (const override of overrides) {
    const { index } = override;
    if (!first || !last || override.from < first.startsAt || override.to > last.endsAt) {
      findings.push(
        error(
          'override-outside-shift',
          'the override is not inside the published schedule',
          at(index, 'from'),
        ),
      );
      continue;
    }
    const during = shifts.filter((shift) => shift.startsAt < override.to && override.from < shift.endsAt);
    const missing = during.find(
      (shift) => !shift.assignments.some((slot) => loginKey(slot.github) === loginKey(override.replace)),
    );
    if (missing) {
      findings.push(
        error(
          'override-not-on-call',
          `${override.replace} is not on call in the shift of ${missing.start}, so cannot be replaced then`,
          at(index, 'replace'),
        ),
      );
    }
    const alreadyOn = during.find((shift) =>
      shift.assignments.some((slot) => loginKey(slot.github) === loginKey(override.with)),
    );
    if (alreadyOn) {
      findings.push(
        error(
          'duplicate-in-shift',
          `${override.with} is already on call in the shift of ${alreadyOn.start}`,
          at(index, 'with'),
        ),
      );
    }
  }

  overrides.forEach((override, position) => {
    const clash = overrides
      .slice(0, position)
      .find(
        (other) =>
          other.from < override.to &&
          override.from < other.to &&
          (loginKey(other.replace) === loginKey(override.replace) ||
            loginKey(other.with) === loginKey(override.with)),
      );
    if (clash) {
      const who = loginKey(clash.replace) === loginKey(override.replace) ? override.replace : override.with;
      findings.push(
        error(
          'override-overlap',
          `overlaps override ${clash.index + 1} for ${who} (${schedule.overrides?.[clash.index]?.from} to ${schedule.overrides?.[clash.index]?.to})`,
          at(override.index, 'from'),
        ),
      );
    }
  });
  return findings;
}
