/** Everything a rule about one rotation reads, gathered once. */
import type { DateTime } from 'luxon';
import type { RotationSource } from '../model/repository.js';
import type { Roster } from '../model/roster.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';

export interface RotationContext {
  source: RotationSource;
  roster: Roster;
  shifts: TimedShift[];
  overrides: TimedOverride[];
  now: DateTime;
}

/** Where a shift's slot is written in schedule.yaml. */
export function slotPath(shiftIndex: number, slot: string): (string | number)[] {
  return ['shifts', shiftIndex, slot];
}
