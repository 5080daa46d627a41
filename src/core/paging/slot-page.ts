/**
 * A sev:2 page names a slot, not a person: it goes to whoever holds the slot when it is sent, at the
 * first instant that person is inside their own work hours (their timezone, the rotation's
 * holidays). A holder whose shift ends before their work hours start is passed over: the page goes
 * to the next holder, at the later of the handoff and the start of that person's work hours.
 */
import type { DateTime } from 'luxon';
import type { SlotHold } from '../schedule/slot-holds.js';
import { isInWorkHours, nextWorkHoursStart, type WorkCalendar } from '../time/work-hours.js';

export interface SlotPage {
  github: string;
  /** The instant of the page: at or after the start of `hold`, inside the holder's work hours. */
  at: DateTime;
  /** The run of time the person holds the slot; the page's notifications stop at its end. */
  hold: SlotHold;
}

/**
 * The first instant, from the start of the first hold on, when the slot's holder is in work hours;
 * undefined when no holder is, up to the end of the published schedule.
 */
export function firstSlotPage(
  holds: readonly SlotHold[],
  zoneOf: (github: string) => string,
  calendar: WorkCalendar,
): SlotPage | undefined {
  for (const hold of holds) {
    const zone = zoneOf(hold.github);
    if (isInWorkHours(hold.from, zone, calendar))
      return { github: hold.github, at: hold.from.setZone(zone), hold };
    const start = nextWorkHoursStart(hold.from, zone, calendar);
    if (start && start < hold.to) return { github: hold.github, at: start, hold };
  }
  return undefined;
}
