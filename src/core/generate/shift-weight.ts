/**
 * How heavy a shift is. A week on call weighs 1 (a shift of N days weighs N/7), so rotations with
 * different lengths add up; a shift that contains a public holiday weighs more, because it costs
 * the person a day off.
 */
import { addDays } from '../time/wall-clock.js';

export const HOLIDAY_EXTRA_WEIGHT = 0.5;

export interface ShiftWeight {
  /** Length-based weight: what the balance rule compares. */
  base: number;
  /** Public holiday dates inside the shift. */
  holidays: string[];
  /** Base plus the holiday extra: what the generator orders people by. */
  total: number;
}

export function shiftWeight(start: string, lengthDays: number, holidays: ReadonlySet<string>): ShiftWeight {
  const inside: string[] = [];
  for (let day = 0; day < lengthDays; day += 1) {
    const date = addDays(start, day);
    if (holidays.has(date)) inside.push(date);
  }
  const base = lengthDays / 7;
  return { base, holidays: inside, total: base + (inside.length > 0 ? HOLIDAY_EXTRA_WEIGHT : 0) };
}
