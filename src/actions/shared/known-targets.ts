/**
 * A record is read only from the bot's own comment, and still checked before anything is paged
 * from it: every login it would page must be in the roster and every team one of the rotation's
 * `team:` escalation steps. A record naming anyone else was not written by this system for this
 * rotation: it is reported (DamagedRecord), never acted on and never replaced.
 */
import { type IncidentState, unknownTargets } from '../../core/incident/record.js';
import { findPerson } from '../../core/model/roster.js';
import { DamagedRecord } from '../../io/github/incident-issue.js';
import type { OnCallRepository } from './incident-context.js';

export function assertKnownTargets(
  state: IncidentState,
  repo: OnCallRepository,
  issue: { number: number; url: string },
): void {
  const unknown = unknownTargets(state, {
    person: (login) => findPerson(repo.roster, login) !== undefined,
    teams: (repo.source.rotation.escalation?.steps ?? []).flatMap((step) =>
      step.startsWith('team:') ? [step.slice('team:'.length)] : [],
    ),
  });
  if (unknown.length > 0) {
    throw new DamagedRecord(
      issue.number,
      `it names people or teams the rotation does not know: ${unknown.join(', ')}`,
      issue.url,
    );
  }
}
