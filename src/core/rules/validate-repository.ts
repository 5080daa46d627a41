/** Every integrity and fairness rule over the whole repository, at a given instant. */
import type { DateTime } from 'luxon';
import type { Finding } from '../diagnostics/finding.js';
import type { Repository, RotationSource } from '../model/repository.js';
import { buildRoster, type Roster } from '../model/roster.js';
import { timedOverrides } from '../schedule/overrides.js';
import { timeline } from '../schedule/timeline.js';
import { isValidZone } from '../time/wall-clock.js';
import type { RotationContext } from './context.js';
import { checkAvoidRepeatPairs } from './fairness/avoid-repeat-pairs.js';
import { checkBalance } from './fairness/balance.js';
import { checkDistinctTeams } from './fairness/distinct-teams.js';
import { checkExperiencedPartner } from './fairness/experienced-partner.js';
import { checkMinGapShifts } from './fairness/min-gap-shifts.js';
import { checkMinTenureDays } from './fairness/min-tenure-days.js';
import { checkAvailability } from './integrity/availability.js';
import { checkDoubleBooking } from './integrity/double-booking.js';
import { checkHorizon } from './integrity/horizon.js';
import { checkNotifyRules, checkPeopleNotifyRules } from './integrity/notify-rules.js';
import { checkOverrides } from './integrity/overrides.js';
import { checkPlaybooks } from './integrity/playbooks.js';
import { checkRoster } from './integrity/roster.js';
import { checkRotation } from './integrity/rotation.js';
import { checkShifts } from './integrity/shifts.js';
import { checkSlackIds } from './integrity/slack-ids.js';

/** Rules over one rotation's schedule, in the order a reader would fix them. */
const scheduleRules: ((context: RotationContext) => Finding[])[] = [
  checkShifts,
  checkOverrides,
  checkAvailability,
  checkHorizon,
  checkMinGapShifts,
  checkDistinctTeams,
  checkExperiencedPartner,
  checkMinTenureDays,
  checkAvoidRepeatPairs,
  checkBalance,
];

export function rotationContext(source: RotationSource, roster: Roster, now: DateTime): RotationContext {
  return {
    source,
    roster,
    shifts: timeline(source.rotation, source.schedule),
    overrides: timedOverrides(source.rotation, source.schedule),
    now,
  };
}

export function validateRepository(repository: Repository, now: DateTime): Finding[] {
  const roster = buildRoster(repository.people.people);
  const findings = checkRoster(repository.peopleFile, repository.people);
  findings.push(...checkPeopleNotifyRules(repository.peopleFile, repository.people));
  const contexts: RotationContext[] = [];
  for (const source of repository.rotations) {
    findings.push(...checkRotation(source, roster));
    findings.push(...checkNotifyRules(source.rotationFile, source.rotation.notify, ['notify']));
    // Without a real timezone no instant can be computed; that error is already reported.
    if (!isValidZone(source.rotation.timezone)) continue;
    const context = rotationContext(source, roster, now);
    contexts.push(context);
    for (const rule of scheduleRules) findings.push(...rule(context));
  }
  findings.push(...checkDoubleBooking(contexts, now));
  findings.push(...checkPlaybooks(repository.playbooks, roster));
  findings.push(...checkSlackIds(repository, roster, now));
  return findings;
}
