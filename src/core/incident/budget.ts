/**
 * The page budget: however an incident is driven (reopened again and again, escalated, raised and
 * lowered), it sends at most `perIncident` pages, and one reporter's incidents together at most
 * `perReporterHour` pages in any hour. A page beyond either is held back: recorded, announced in
 * the channel, never sent. The first page of a sev:1 reported by a member is never held back:
 * the budget guards against noise and abuse, not against the outage it exists for.
 */
import type { IncidentState } from './record.js';

export interface PageBudget {
  perIncident: number;
  perReporterHour: number;
  /** Pages sent in the last hour for the reporter's other incidents (gathered by the adapter). */
  reporterPagesElsewhere: number;
}

export const DEFAULT_PAGE_BUDGET = { per_incident: 10, per_reporter_hour: 6 } as const;

/** Why the next page would be held back, or undefined when it may go. */
export function overBudget(
  state: IncidentState,
  budget: PageBudget | undefined,
  now: string,
): string | undefined {
  if (!budget) return undefined;
  if (state.pages.length === 0 && state.severity === 1 && state.reporter?.member !== false) return undefined;
  if (state.pages.length >= budget.perIncident) {
    return `page budget: ${state.pages.length} pages sent for this incident already (at most ${budget.perIncident})`;
  }
  const hourAgo = Date.parse(now) - 60 * 60_000;
  const recent = state.pages.filter((entry) => Date.parse(entry.at) > hourAgo).length;
  const total = recent + budget.reporterPagesElsewhere;
  if (state.reporter && total >= budget.perReporterHour) {
    return `page budget: ${total} pages in the last hour for reports by @${state.reporter.login} (at most ${budget.perReporterHour})`;
  }
  return undefined;
}
