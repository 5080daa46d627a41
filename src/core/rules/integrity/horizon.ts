/** At least four weeks must be published ahead of now, so people can plan around their shifts. */
import { error, type Finding } from '../../diagnostics/finding.js';
import type { RotationContext } from '../context.js';

export const MIN_HORIZON_WEEKS = 4;

export function checkHorizon({ source, shifts, now }: RotationContext): Finding[] {
  const file = source.scheduleFile;
  const last = shifts[shifts.length - 1];
  const needed = now.plus({ weeks: MIN_HORIZON_WEEKS });
  if (!last) {
    return [
      error('horizon', 'no shifts are published; run `oncall schedule extend`', { file, path: ['shifts'] }),
    ];
  }
  if (last.endsAt >= needed) return [];
  const weeks = Math.max(0, last.endsAt.diff(now, 'weeks').weeks);
  return [
    error(
      'horizon',
      `the schedule is published until ${last.endsAt.toISODate()}, ${weeks.toFixed(1)} weeks ahead; ` +
        `at least ${MIN_HORIZON_WEEKS} are required (run \`oncall schedule extend\`)`,
      { file, path: ['shifts', last.index, 'start'] },
    ),
  ];
}
