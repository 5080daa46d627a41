/**
 * The intake forms (.github/ISSUE_TEMPLATE/incident.yml, bug.yml, request.yml) as the triage reads
 * them: the headings of their fields, the heading that marks which form an issue came from, and
 * the options of the generated "Which system?" dropdown. The forms and this file must agree; the
 * system options are written by `oncall forms sync` from playbooks/.
 */
import type { PlaybookFrontMatter } from '../model/schemas.js';
import { answer, hasHeading, type IssueForm } from './issue-form.js';

export type Kind = 'incident' | 'bug' | 'request';

export const FIELD = {
  broken: 'What is broken?',
  affected: 'Who is affected?',
  down: 'Is it down for users?',
  system: 'Which system?',
  wrong: 'What is wrong?',
  reproduce: 'How can we reproduce it?',
  need: 'What do you need?',
  why: 'Why, and by when?',
} as const;

/** The id of the generated dropdown in every form that has one. */
export const SYSTEM_FIELD_ID = 'system';

/** The heading only that form has: how an issue without a kind label tells which form it came from. */
export const FORM_MARKERS: Record<Kind, string> = {
  incident: FIELD.down,
  bug: FIELD.reproduce,
  request: FIELD.need,
};

/** The last option of the system dropdown, for a reporter who does not know. */
export const SYSTEM_NOT_SURE = 'Not sure / something else';

const SEPARATOR = ' — ';

/** One dropdown option per playbook, by system id, and "not sure" last. */
export function systemOptions(playbooks: readonly PlaybookFrontMatter[]): string[] {
  return [
    ...[...playbooks]
      .sort((a, b) => a.system.localeCompare(b.system))
      .map((playbook) => `${playbook.system}${SEPARATOR}${playbook.title}`),
    SYSTEM_NOT_SURE,
  ];
}

/** Which form an issue came from, by its marker heading; undefined for a body no form wrote. */
export function formKind(form: IssueForm): Kind | undefined {
  for (const kind of ['incident', 'bug', 'request'] as const) {
    if (hasHeading(form, FORM_MARKERS[kind])) return kind;
  }
  return undefined;
}

/** The answer to "Is it down for users?": true, false, or undefined when not answered. */
export function downForUsers(form: IssueForm): boolean | undefined {
  const value = answer(form, FIELD.down)?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (/^(yes|y|true)\b/.test(value)) return true;
  if (/^(no|n|false)\b/.test(value)) return false;
  return undefined;
}

export type SystemAnswer =
  | { type: 'none' }
  | { type: 'not-sure' }
  /** The id of a system, or what the reporter wrote when it names none. */
  | { type: 'named'; text: string; system?: string };

/** The system the form names: an option's id, a bare id, `system:ID`, or a playbook's title. */
export function systemAnswer(form: IssueForm, playbooks: readonly PlaybookFrontMatter[]): SystemAnswer {
  const value = answer(form, FIELD.system)?.trim();
  if (value === undefined) return { type: 'none' };
  if (value.toLowerCase() === SYSTEM_NOT_SURE.toLowerCase()) return { type: 'not-sure' };
  const lower = value.toLowerCase();
  const candidates = [lower.split(SEPARATOR.trim())[0]?.trim() ?? '', lower.replace(/^system:/, ''), lower];
  const byId = playbooks.find((playbook) => candidates.includes(playbook.system.toLowerCase()));
  const byTitle = byId ?? playbooks.find((playbook) => playbook.title.toLowerCase() === lower);
  return byTitle ? { type: 'named', text: value, system: byTitle.system } : { type: 'named', text: value };
}
