/** What the incident engine asks the adapters to do; plain data, applied in order. */
import { STATUS_LABELS, type StatusLabel } from '../labels.js';

export type Effect =
  | { type: 'page'; key: string; to: string[]; team?: string; reason: string }
  | { type: 'labels'; add: string[]; remove: string[] }
  | { type: 'assign'; logins: string[] }
  | { type: 'reply'; body: string }
  | { type: 'close'; reason: 'completed' | 'not_planned' }
  | { type: 'reopen' };

/** Set one status label, removing the others. */
export function statusLabel(status: StatusLabel): Effect {
  return { type: 'labels', add: [status], remove: STATUS_LABELS.filter((label) => label !== status) };
}
