/**
 * The notification plan: for each page, the paged person's notification rules (their own `notify:`
 * in people.yaml, else the rotation's, else a Slack message at the page) laid out as instants: one
 * entry per person and method, at the minute each is due.
 *
 * The plan of a page ends before `until`: the moment the next escalation step takes over, or the end
 * of the paged person's hold of their slot (a page never names someone who is not on call then).
 * A sev:2 follows the paged person's work hours: a step due while they are in work hours uses only
 * the methods the rotation allows a sev:2 then (`sev2_work_hours_via`, by default no voice call), and
 * a step due after their work hours ended is not planned (a sev:2 pages nobody outside them). Pure.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import { type NotifyMethod, type NotifyStep, notifyMethods } from '../model/schemas.js';
import { formatInstant } from '../time/wall-clock.js';

/** Without `notify:` anywhere: a Slack message at the page, as before notification rules. */
export const DEFAULT_NOTIFY_RULES: readonly NotifyStep[] = [{ after: 0, via: ['slack'] }];

/** Without `sev2_work_hours_via`: every method but a voice call. */
export const DEFAULT_SEV2_WORK_HOURS_VIA: readonly NotifyMethod[] = ['slack', 'push', 'sms'];

export interface PlannedPage {
  login: string;
  /** When the page is sent. */
  at: DateTime;
  /** The plan of this page stops before this instant (exclusive); none: the rules run to their end. */
  until?: DateTime;
}

export interface NotifyPlanInput {
  pages: readonly PlannedPage[];
  /** The person's own rules, or the rotation's default. */
  rulesOf(login: string): readonly NotifyStep[];
  severity: 1 | 2 | 3;
  sev2WorkHoursVia: readonly NotifyMethod[];
  inWorkHours(login: string, at: DateTime): boolean;
}

export interface Notification {
  login: string;
  via: NotifyMethod;
  /** ISO 8601 with the offset of the page's instant. */
  at: string;
}

export function planNotifications(input: NotifyPlanInput): Notification[] {
  const planned: { login: string; via: NotifyMethod; at: DateTime; order: number }[] = [];
  const seen = new Set<string>();
  input.pages.forEach((page, order) => {
    const steps = [...input.rulesOf(page.login)].sort((a, b) => a.after - b.after);
    for (const step of steps) {
      const at = page.at.plus({ minutes: step.after });
      if (page.until && at >= page.until) continue;
      let via = step.via as readonly NotifyMethod[];
      if (input.severity === 2) {
        if (input.inWorkHours(page.login, at)) {
          via = via.filter((method) => input.sev2WorkHoursVia.includes(method));
        } else if (step.after > 0) {
          // Out of work hours: only a page the policy sends now anyway (no work hours ahead) goes out.
          continue;
        }
      }
      for (const method of via) {
        const key = `${loginKey(page.login)} ${method} ${at.toMillis()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        planned.push({ login: page.login, via: method, at, order });
      }
    }
  });
  planned.sort(
    (a, b) =>
      a.at.toMillis() - b.at.toMillis() ||
      a.order - b.order ||
      notifyMethods.indexOf(a.via) - notifyMethods.indexOf(b.via),
  );
  return planned.map(({ login, via, at }) => ({ login, via, at: formatInstant(at) }));
}
