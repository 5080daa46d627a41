/** Overrides as instants: `with` replaces `replace` for [from, to), only while `replace` is on call. */
import type { DateTime } from 'luxon';
import type { RotationFile, ScheduleFile } from '../model/schemas.js';
import { isValidZone, parseLocalDateTime } from '../time/wall-clock.js';

export interface TimedOverride {
  index: number;
  from: DateTime;
  to: DateTime;
  replace: string;
  with: string;
  reason?: string;
}

/** Overrides whose bounds parse; the others are reported by the override rules. */
export function timedOverrides(rotation: RotationFile, schedule: ScheduleFile): TimedOverride[] {
  if (!isValidZone(rotation.timezone)) return [];
  return (schedule.overrides ?? []).flatMap((entry, index) => {
    const from = parseLocalDateTime(entry.from, rotation.timezone);
    const to = parseLocalDateTime(entry.to, rotation.timezone);
    if (!from || !to || to <= from) return [];
    return [{ index, from, to, replace: entry.replace, with: entry.with, reason: entry.reason }];
  });
}
