/** The incident policy, one line per rule, word for word as the product brief states it and the reply quotes it. */
export const POLICY = {
  sev1: "sev:1 pages both on-call people at any hour, plus the system's point-people.",
  sev2:
    'sev:2 pages the on-call people who are inside their work hours now; one outside is paged at the start of ' +
    'their next work hours, unless the incident is acknowledged or resolved first.',
  routed:
    'sev:3, bugs and requests page nobody: they get `team:ID` from the playbook and go to that backlog.',
} as const;

/** Response targets: acknowledged within this many minutes. */
export interface ResponseTargets {
  businessHoursMinutes: number;
  offHoursMinutes: number;
}

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = { businessHoursMinutes: 10, offHoursMinutes: 30 };
