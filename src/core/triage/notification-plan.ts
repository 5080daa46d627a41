/**
 * The triage's notification plan: the pages it sends now and defers, each followed through the paged
 * person's rules up to the moment the next escalation step is due (`ack_minutes` after that page),
 * and never past the end of the person's hold of their slot. What follows an escalation depends on
 * who holds each slot when it fires and on acknowledgement, so it is not planned here.
 */
import { DateTime } from 'luxon';
import type { NotifyMethod, NotifyStep } from '../model/schemas.js';
import { type Notification, type PlannedPage, planNotifications } from '../paging/notify-plan.js';
import type { Severity } from './decision.js';
import type { ScheduledPage } from './page-plan.js';

export interface NotificationPlanOptions {
  severity: Severity;
  /** The rotation's `escalation.ack_minutes`; none: the rules run to their end. */
  ackMinutes: number | undefined;
  rulesOf(github: string): readonly NotifyStep[];
  sev2WorkHoursVia: readonly NotifyMethod[];
  inWorkHours(github: string, at: DateTime): boolean;
}

export function notificationPlan(
  pages: readonly ScheduledPage[],
  options: NotificationPlanOptions,
): Notification[] {
  const planned = pages.map((page): PlannedPage => {
    const escalates =
      options.ackMinutes === undefined ? undefined : page.at.plus({ minutes: options.ackMinutes });
    const ends = [escalates, page.holdEnds].filter((at): at is DateTime => at !== undefined);
    // The earlier of the two: DateTime compares by its instant.
    const until = ends.length > 0 ? DateTime.min(...ends) : undefined;
    return { login: page.github, at: page.at, ...(until ? { until } : {}) };
  });
  return planNotifications({
    pages: planned,
    rulesOf: options.rulesOf,
    severity: options.severity,
    sev2WorkHoursVia: options.sev2WorkHoursVia,
    inWorkHours: options.inWorkHours,
  });
}
