/**
 * The fairness report of a period: per member the shifts, weighted load and holiday shifts in the
 * period, their first shift ever, and their prorated load since the rotation started; the spread
 * of each; and a Mermaid gantt of who held which slot.
 */
import { balanceOver } from '../fairness/balance.js';
import { shiftWeight } from '../generate/shift-weight.js';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import type { TimedShift } from '../schedule/timeline.js';

export interface PersonReport {
  github: string;
  name: string;
  team: string;
  shifts: number;
  /** Weighted load in the period: a week is 1, a shift with a public holiday weighs more. */
  load: number;
  holidayShifts: number;
  firstShift: string | null;
  /** Prorated load since the rotation started, at the end of the period. */
  prorated: number;
}

export interface ScheduleReport {
  rotation: string;
  from: string;
  to: string;
  people: PersonReport[];
  spread: { shifts: number; load: number; holidayShifts: number; prorated: number };
  gantt: string;
}

export function scheduleReport(input: {
  rotation: RotationFile;
  roster: Roster;
  shifts: readonly TimedShift[];
  holidays: ReadonlySet<string>;
  from: string;
  to: string;
}): ScheduleReport {
  const { rotation, roster, holidays, from, to } = input;
  const inPeriod = (shift: TimedShift) => shift.start >= from && shift.start <= to;
  const firstIndex = input.shifts.findIndex(inPeriod);
  const upTo = input.shifts.filter((shift) => shift.start <= to);
  const balance = balanceOver(rotation, roster, upTo, firstIndex < 0 ? upTo.length : firstIndex, holidays);
  const firstShift = new Map<string, string>();
  const totals = new Map<string, { shifts: number; load: number; holidayShifts: number }>();
  for (const shift of input.shifts) {
    const weight = shiftWeight(shift.start, rotation.shift.length_days, holidays);
    for (const { github } of shift.assignments) {
      const key = loginKey(github);
      if (!firstShift.has(key)) firstShift.set(key, shift.start);
      if (!inPeriod(shift)) continue;
      const row = totals.get(key) ?? { shifts: 0, load: 0, holidayShifts: 0 };
      row.shifts += 1;
      row.load += weight.total;
      if (weight.holidays.length > 0) row.holidayShifts += 1;
      totals.set(key, row);
    }
  }
  const logins = new Set([...balance.people.map((row) => loginKey(row.github)), ...totals.keys()]);
  const people = [...logins]
    .map((key): PersonReport => {
      const person = findPerson(roster, key);
      const row = totals.get(key) ?? { shifts: 0, load: 0, holidayShifts: 0 };
      return {
        github: person?.github ?? key,
        name: person?.name ?? key,
        team: person?.team ?? '',
        shifts: row.shifts,
        load: round(row.load),
        holidayShifts: row.holidayShifts,
        firstShift: firstShift.get(key) ?? null,
        prorated: balance.people.find((entry) => loginKey(entry.github) === key)?.prorated ?? 0,
      };
    })
    .sort((a, b) => b.load - a.load || a.github.localeCompare(b.github));
  const spreadOf = (values: number[]) =>
    values.length > 0 ? round(Math.max(...values) - Math.min(...values)) : 0;
  return {
    rotation: rotation.name,
    from,
    to,
    people,
    spread: {
      shifts: spreadOf(people.map((row) => row.shifts)),
      load: spreadOf(people.map((row) => row.load)),
      holidayShifts: spreadOf(people.map((row) => row.holidayShifts)),
      prorated: balance.spread,
    },
    gantt: gantt(rotation, input.shifts.filter(inPeriod), from, to),
  };
}

function gantt(rotation: RotationFile, shifts: readonly TimedShift[], from: string, to: string): string {
  const lines = [
    'gantt',
    `  title ${rotation.name} on call, ${from} to ${to}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %b %d',
  ];
  for (const slot of rotation.slots) {
    lines.push(`  section ${slot}`);
    for (const shift of shifts) {
      const person = shift.assignments.find((entry) => entry.slot === slot)?.github;
      if (person) lines.push(`  ${person} :${shift.start}, ${rotation.shift.length_days}d`);
    }
  }
  return lines.join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
