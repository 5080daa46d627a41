/**
 * The response target: acknowledged within 10 minutes in business hours, 30 minutes outside them
 * (waking hours, and at night for a sev:1 page). Business hours apply when someone paged now is
 * inside their work hours; a deferred sev:2 page is sent at the start of work hours, so its target
 * is the business-hours one, counted from that page.
 */
import type { PersonPage, ResponseTarget } from './decision.js';
import type { ResponseTargets } from './policy.js';

export function responseTarget(
  people: readonly PersonPage[],
  targets: ResponseTargets,
): ResponseTarget | undefined {
  const pagedNow = people.filter((person) => person.page === 'now');
  if (pagedNow.length === 0) {
    return people.some((person) => person.page === 'later')
      ? { minutes: targets.businessHoursMinutes, applies: 'business-hours', from: 'deferred-page' }
      : undefined;
  }
  return pagedNow.some((person) => person.part === 'work')
    ? { minutes: targets.businessHoursMinutes, applies: 'business-hours', from: 'now' }
    : { minutes: targets.offHoursMinutes, applies: 'off-hours', from: 'now' };
}
