/**
 * The published shifts: each on the handoff weekday, every slot filled by a known person who is
 * there once, and consecutive shifts tiling time (no gap, no overlap, in order).
 */
import { error, type Finding } from '../../diagnostics/finding.js';
import { findPerson, loginKey } from '../../model/roster.js';
import { weekdays } from '../../model/schemas.js';
import { addDays, isoWeekday } from '../../time/wall-clock.js';
import type { RotationContext } from '../context.js';

export function checkShifts({ source, roster }: RotationContext): Finding[] {
  const { rotation, schedule, scheduleFile: file } = source;
  const findings: Finding[] = [];
  if (schedule.rotation !== rotation.name) {
    findings.push(
      error(
        'rotation-name',
        `rotation "${schedule.rotation}" does not match rotation.yaml's "${rotation.name}"`,
        {
          file,
          path: ['rotation'],
        },
      ),
    );
  }
  const slots = new Set(rotation.slots);
  const handoffDay = rotation.shift.handoff.weekday;
  const length = rotation.shift.length_days;
  schedule.shifts.forEach((shift, index) => {
    const at = (key: string, asKey = false) => ({ file, path: ['shifts', index, key], key: asKey });
    if (isoWeekday(shift.start) !== weekdays.indexOf(handoffDay) + 1) {
      findings.push(
        error('shift-weekday', `shift ${shift.start} does not start on a ${handoffDay}`, at('start')),
      );
    }
    if (index === 0 && shift.start < rotation.start) {
      findings.push(
        error(
          'shift-order',
          `shift ${shift.start} is before the rotation's start ${rotation.start}`,
          at('start'),
        ),
      );
    }
    const previous = schedule.shifts[index - 1];
    if (previous) {
      const expected = addDays(previous.start, length);
      if (shift.start <= previous.start) {
        findings.push(
          error(
            'shift-order',
            `shift ${shift.start} is not after the shift before it (${previous.start})`,
            at('start'),
          ),
        );
      } else if (shift.start < expected) {
        findings.push(
          error(
            'shift-overlap',
            `shift ${shift.start} starts before the ${length}-day shift of ${previous.start} ends (${expected})`,
            at('start'),
          ),
        );
      } else if (shift.start > expected) {
        findings.push(
          error(
            'shift-gap',
            `nobody is on call from ${expected} to ${shift.start}: the shift of ${previous.start} ends on ${expected}`,
            at('start'),
          ),
        );
      }
    }
    const seen = new Set<string>();
    for (const [key, value] of Object.entries(shift)) {
      if (key === 'start') continue;
      if (!slots.has(key)) {
        findings.push(
          error(
            'unknown-slot',
            `"${key}" is not a slot of this rotation (${rotation.slots.join(', ')})`,
            at(key, true),
          ),
        );
        continue;
      }
      const login = String(value);
      if (!findPerson(roster, login)) {
        findings.push(error('unknown-person', `${login} is not in the roster`, at(key)));
      }
      if (seen.has(loginKey(login))) {
        findings.push(
          error('duplicate-in-shift', `${login} holds two slots of the shift ${shift.start}`, at(key)),
        );
      }
      seen.add(loginKey(login));
    }
    for (const slot of rotation.slots) {
      if (!(slot in shift)) {
        findings.push(
          error('missing-slot', `shift ${shift.start} has no ${slot}`, { file, path: ['shifts', index] }),
        );
      }
    }
  });
  return findings;
}
