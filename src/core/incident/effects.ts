/** What the incident engine asks the adapters to do; plain data, applied in order. */
export type Effect =
  | { type: 'page'; key: string; to: string[]; team?: string; reason: string }
  | { type: 'labels'; add: string[]; remove: string[] }
  | { type: 'assign'; logins: string[] }
  | { type: 'reply'; body: string }
  | { type: 'close'; reason: 'completed' | 'not_planned' }
  | { type: 'reopen' };

export const STATUS_LABELS = [
  'status:paged',
  'status:deferred',
  'status:acknowledged',
  'status:escalated',
  'status:resolved',
  'status:routed',
] as const;

/** Set one status label, removing the others. */
export function statusLabel(status: (typeof STATUS_LABELS)[number]): Effect {
  return { type: 'labels', add: [status], remove: STATUS_LABELS.filter((label) => label !== status) };
}
