/**
 * Everything the incident engine and the triage need about the repository at one instant: the
 * rotation, who is on call, work hours with public holidays, the point-people of a system, and
 * the page policy of a severity (for `/sev`).
 */
import type { DateTime } from 'luxon';
import type { IncidentContext } from '../../core/incident/escalation.js';
import type { Repository, RotationSource } from '../../core/model/repository.js';
import { buildRoster, findPerson, type Roster } from '../../core/model/roster.js';
import { firstSlotPage } from '../../core/paging/slot-page.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { slotHolds } from '../../core/schedule/slot-holds.js';
import { timeline } from '../../core/schedule/timeline.js';
import { whoIsOnCall } from '../../core/schedule/who.js';
import { formatInstant, isValidZone } from '../../core/time/wall-clock.js';
import { isInWorkHours, workCalendar } from '../../core/time/work-hours.js';
import type { TriageIssue } from '../../core/triage/decision.js';
import { triageIssue } from '../../core/triage/triage.js';
import { holidayCalendar } from '../../io/holidays.js';
import { loadRepository } from '../../io/load-repository.js';

export interface OnCallRepository {
  repository: Repository;
  source: RotationSource;
  roster: Roster;
  holidays: Set<string>;
}

export async function openOnCallRepository(
  root: string,
  rotation: string | undefined,
  now: DateTime,
): Promise<OnCallRepository> {
  const loaded = await loadRepository(root);
  const errors = loaded.diagnostics.filter((item) => item.severity === 'error');
  if (!loaded.repository) {
    throw new Error(
      `the on-call files have errors: ${errors.map((item) => `${item.file}:${item.line}:${item.column} ${item.message}`).join('; ')}`,
    );
  }
  const rotations = loaded.repository.rotations;
  const source = rotation
    ? rotations.find((entry) => entry.dir === rotation)
    : rotations.length === 1
      ? rotations[0]
      : undefined;
  if (!source && errors.length > 0) {
    throw new Error(
      `the rotation files have errors: ${errors.map((item) => `${item.file}:${item.line}:${item.column} ${item.message}`).join('; ')}`,
    );
  }
  if (!source) {
    throw new Error(
      rotation
        ? `no rotation "${rotation}" (${rotations.map((entry) => entry.dir).join(', ')})`
        : `several rotations (${rotations.map((entry) => entry.dir).join(', ')}): set the action's rotation input`,
    );
  }
  let holidays = new Set<string>();
  if (source.rotation.holidays) {
    const calendar = await holidayCalendar(source.rotation.holidays);
    if (calendar) holidays = calendar.dates(now.year - 1, now.year + 1);
  }
  return {
    repository: loaded.repository,
    source,
    roster: buildRoster(loaded.repository.people.people),
    holidays,
  };
}

export function incidentContext(
  repo: OnCallRepository,
  now: DateTime,
  system: string | undefined,
): IncidentContext {
  const { rotation, schedule } = repo.source;
  const shifts = timeline(rotation, schedule);
  const overrides = timedOverrides(rotation, schedule);
  const oncall = whoIsOnCall(shifts, overrides, now)?.oncall ?? [];
  const playbook = repo.repository.playbooks.find((entry) => entry.frontMatter.system === system);
  const calendar = workCalendar(rotation, repo.holidays);
  const zoneOf = (github: string): string => {
    const person = findPerson(repo.roster, github);
    return person && isValidZone(person.timezone) ? person.timezone : rotation.timezone;
  };
  return {
    now: now.toUTC().toISO() as string,
    ackMinutes: rotation.escalation?.ack_minutes ?? 15,
    steps: rotation.escalation?.steps ?? ['primary', ...rotation.slots.slice(1)],
    oncall: oncall.map(({ slot, github }) => ({ slot, github })),
    pointPeople: playbook?.frontMatter.point_people ?? [],
    inWorkHours: (github) => isInWorkHours(now, zoneOf(github), calendar),
    slotPage: (slot) => {
      const found = firstSlotPage(slotHolds(shifts, overrides, slot, now), zoneOf, calendar);
      return found && { github: found.github, at: formatInstant(found.at) };
    },
  };
}

/** The triage of an issue as it stands (for opening, and for the page policy of a new severity). */
export function triage(
  repo: OnCallRepository,
  issue: TriageIssue,
  now: DateTime,
  event?: { action: string; label?: string },
  links?: { repository: string; ref: string },
) {
  return triageIssue({
    issue,
    event,
    repository: repo.repository,
    rotation: repo.source,
    holidays: repo.holidays,
    now,
    ...(links ? { links } : {}),
  });
}

/** The repository's web address and default branch, from the event: replies link playbooks with them. */
export function repositoryLinks(
  event: Record<string, unknown>,
): { repository: string; ref: string } | undefined {
  const repository = event.repository as { html_url?: unknown; default_branch?: unknown } | undefined;
  if (typeof repository?.html_url !== 'string') return undefined;
  return {
    repository: repository.html_url,
    ref: typeof repository.default_branch === 'string' ? repository.default_branch : 'HEAD',
  };
}
