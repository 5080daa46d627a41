/**
 * Reminders before a shift: each person of the next shift is told before it starts. By default on
 * the Friday before the shift's start date, at the start of their work hours, on their own clock;
 * with `daysBefore` N, N days before the start date instead. A reminder is due from that instant
 * until the shift starts; its key (`reminder:ROTATION:START:LOGIN`) is what the sender looks for
 * so that it never goes out twice. Pure: the schedule, the roster and the clock come in as data.
 */
import type { DateTime } from 'luxon';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { Person, RotationFile } from '../model/schemas.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { addDays, isoWeekday, isValidZone, wallClock } from '../time/wall-clock.js';
import { localDate, rotationWorkHours } from '../time/work-hours.js';

export interface ReminderRotation {
  name: string;
  rotation: RotationFile;
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
}

export interface DueReminder {
  key: string;
  rotation: string;
  github: string;
  person?: Person;
  slot: string;
  start: string;
  startsAt: DateTime;
  endsAt: DateTime;
  /** When it became due. */
  sendAt: DateTime;
  /** Covers by others of part of this shift, already in the schedule. */
  coveredBy: { with: string; from: DateTime; to: DateTime }[];
  text: string;
}

/** `undefined` daysBefore: the Friday before; a number: that many days before the start date. */
export function reminderKey(rotation: string, start: string, github: string): string {
  return `reminder:${rotation}:${start}:${loginKey(github)}`;
}

export function reminderSendAt(
  shiftStart: DateTime,
  person: Pick<Person, 'timezone'>,
  rotation: Pick<RotationFile, 'work_hours'>,
  daysBefore?: number,
): DateTime | undefined {
  if (!isValidZone(person.timezone)) return undefined;
  const startDate = localDate(shiftStart, person.timezone);
  let date: string;
  if (daysBefore === undefined) {
    // The Friday strictly before the start date (a shift starting on a Friday: the week before).
    const back = (isoWeekday(startDate) - 5 + 7) % 7 || 7;
    date = addDays(startDate, -back);
  } else {
    date = addDays(startDate, -daysBefore);
  }
  return wallClock(date, rotationWorkHours(rotation).start, person.timezone);
}

export function dueReminders(input: {
  rotations: readonly ReminderRotation[];
  roster: Roster;
  now: DateTime;
  daysBefore?: number;
}): DueReminder[] {
  const due: DueReminder[] = [];
  for (const entry of input.rotations) {
    const zone = entry.rotation.timezone;
    for (const shift of entry.shifts) {
      if (shift.startsAt <= input.now) continue;
      for (const { slot, github } of shift.assignments) {
        const person = findPerson(input.roster, github);
        const sendAt = reminderSendAt(
          shift.startsAt,
          person ?? { timezone: zone },
          entry.rotation,
          input.daysBefore,
        );
        if (!sendAt || sendAt > input.now) continue;
        const coveredBy = entry.overrides
          .filter(
            (override) =>
              loginKey(override.replace) === loginKey(github) &&
              override.from < shift.endsAt &&
              shift.startsAt < override.to,
          )
          .map((override) => ({ with: override.with, from: override.from, to: override.to }));
        const key = reminderKey(entry.name, shift.start, github);
        const ownZone = person && isValidZone(person.timezone) ? person.timezone : zone;
        const at = (instant: DateTime) => instant.setZone(ownZone).toFormat('ccc yyyy-MM-dd HH:mm');
        const covers = coveredBy
          .map((cover) => ` ${cover.with} covers you from ${at(cover.from)} to ${at(cover.to)}.`)
          .join('');
        due.push({
          key,
          rotation: entry.name,
          github,
          ...(person && { person }),
          slot,
          start: shift.start,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          sendAt,
          coveredBy,
          text:
            `Reminder: you are on call (${slot}) in ${entry.name} from ${at(shift.startsAt)} to ${at(shift.endsAt)} ` +
            `(${ownZone}).${covers} Need cover? Open a cover request issue. (${key})`,
        });
      }
    }
  }
  return due;
}
