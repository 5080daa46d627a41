/**
 * Gathers what the generator needs about one rotation from the loaded repository: its timeline,
 * the other rotations' timelines, the roster and the public holidays of its region.
 */
import type { OtherRotation } from '../core/generate/planner.js';
import type { Repository, RotationSource } from '../core/model/repository.js';
import { buildRoster, type Roster } from '../core/model/roster.js';
import { timedOverrides } from '../core/schedule/overrides.js';
import { type TimedShift, timeline } from '../core/schedule/timeline.js';
import { holidayCalendar } from './holidays.js';

export interface GatheredRotation {
  source: RotationSource;
  roster: Roster;
  shifts: TimedShift[];
  others: OtherRotation[];
  holidays: Set<string>;
}

export class HolidayRegionError extends Error {}

export async function gatherRotation(
  repository: Repository,
  source: RotationSource,
  years: { from: number; to: number },
): Promise<GatheredRotation> {
  const roster = buildRoster(repository.people.people);
  const others = repository.rotations
    .filter((other) => other.dir !== source.dir)
    .map((other) => ({
      name: other.rotation.name,
      lengthDays: other.rotation.shift.length_days,
      shifts: timeline(other.rotation, other.schedule),
      overrides: timedOverrides(other.rotation, other.schedule),
    }));
  let holidays = new Set<string>();
  if (source.rotation.holidays) {
    const calendar = await holidayCalendar(source.rotation.holidays);
    if (!calendar) {
      throw new HolidayRegionError(
        `${source.rotationFile}: holidays "${source.rotation.holidays}" is not a known region`,
      );
    }
    holidays = calendar.dates(years.from, years.to);
  }
  return { source, roster, shifts: timeline(source.rotation, source.schedule), others, holidays };
}
