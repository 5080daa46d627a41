/** Rotations for the status page's unit tests: weekly shifts from a start date, in a named zone. */
import type { DateTime } from 'luxon';
import { buildRoster, type Roster } from '../../../src/core/model/roster.js';
import type { Person, RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import type { IncidentsAtBuild } from '../../../src/core/status-page/incidents.js';
import type { StatusPageInput, StatusRotation } from '../../../src/core/status-page/render-page.js';
import { rotationStatus } from '../../../src/core/status-page/rotation-status.js';
import { addDays } from '../../../src/core/time/wall-clock.js';

export interface RotationSetup {
  name: string;
  zone: string;
  /** Handoff time on Mondays. */
  time?: string;
  /** The first shift's Monday. */
  start: string;
  /** One list of logins per shift, in slot order. */
  crews: string[][];
  slots?: string[];
  overrides?: ScheduleFile['overrides'];
}

export function statusRotation(setup: RotationSetup, at: DateTime): StatusRotation {
  const slots = setup.slots ?? ['primary', 'secondary'];
  const rotation: RotationFile = {
    name: setup.name,
    members: { teams: ['red'] },
    slots,
    timezone: setup.zone,
    shift: { length_days: 7, handoff: { weekday: 'monday', time: setup.time ?? '11:00' } },
    start: setup.start,
    publish_weeks_ahead: 4,
  };
  const schedule: ScheduleFile = {
    rotation: setup.name,
    shifts: setup.crews.map((crew, index) => ({
      start: addDays(setup.start, 7 * index),
      ...Object.fromEntries(crew.map((login, slot) => [slots[slot] as string, login])),
    })),
    ...(setup.overrides ? { overrides: setup.overrides } : {}),
  };
  const shifts = timeline(rotation, schedule);
  return {
    name: setup.name,
    timezone: setup.zone,
    slots,
    lengthDays: 7,
    handoff: rotation.shift.handoff,
    status: rotationStatus(shifts, timedOverrides(rotation, schedule), at),
    feed: `calendars/${setup.name}.ics`,
  };
}

export function roster(people: Partial<Person>[]): Roster {
  return buildRoster(
    people.map((person) => ({
      github: person.github ?? 'x',
      name: person.name ?? person.github ?? 'x',
      team: person.team ?? 'red',
      timezone: person.timezone ?? 'America/New_York',
    })),
  );
}

export function pageInput(
  at: DateTime,
  rotations: StatusRotation[],
  options: { roster?: Roster; incidents?: IncidentsAtBuild; siteUrl?: string } = {},
): StatusPageInput {
  const team = options.roster ?? roster([]);
  return {
    builtAt: at,
    zone: rotations[0]?.timezone ?? 'UTC',
    repository: { name: 'acme/oncall', url: 'https://github.com/acme/oncall' },
    serverUrl: 'https://github.com',
    roster: team,
    rotations,
    incidents: options.incidents ?? { known: true, open: [], truncated: false },
    calendars: {
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      people: team.people.map((person) => ({
        github: person.github,
        path: `calendars/people/${person.github.toLowerCase()}.ics`,
      })),
    },
  };
}
