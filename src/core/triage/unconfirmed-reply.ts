/**
 * The reply to an urgent report from someone outside the team (not in the roster, not a member or
 * collaborator of the repository's owner): it is triaged and answered like any other, but pages
 * nobody until someone on the roster confirms it, since a page wakes people at any hour. Said
 * kindly: the report is welcome and is seen.
 */
import { inertMarkdown } from '../text/inert.js';
import type { Severity } from './decision.js';

export interface UnconfirmedReplyInput {
  author: string;
  severity: Severity;
  /** The policy line that applies once confirmed. */
  policy: string;
  playbook?: { title: string; path: string };
  playbookUrl?: string;
  /** The system the report names when no playbook matched it (people's text: shown inert). */
  unmatched?: string;
}

export function unconfirmedReply(input: UnconfirmedReplyInput): string {
  const what = input.severity === 1 ? 'down for users (sev:1)' : 'urgent (sev:2)';
  const lines = [
    `### sev:${input.severity} incident: waiting for the on-call team to confirm`,
    `Thanks for reporting this, @${input.author}. It is triaged as ${what}, and the on-call team can see it here.`,
    'Pages wake people up at any hour, so a report from outside the team pages nobody until someone on the on-call roster has looked at it and confirmed it. That usually takes minutes in work hours; it is not a judgement on your report.',
    `**Once confirmed:** the policy applies as for any report.\n\n> ${input.policy}`,
    '**What happens next:**',
    [
      '- Someone on the roster confirms with `/confirm` (or sets the severity with `/sev 1`, `/sev 2` or a `sev:` label); the pages then go out.',
      input.playbook
        ? `- Playbook: [${input.playbook.title}](${input.playbookUrl ?? input.playbook.path}).`
        : input.unmatched !== undefined
          ? `- No playbook matched the system "${inertMarkdown(input.unmatched, 80)}".`
          : undefined,
      '- Anything that helps (what changed, error messages, who else is affected) is welcome as a comment here.',
    ]
      .filter((line) => line !== undefined)
      .join('\n'),
  ];
  return `${lines.join('\n\n')}\n`;
}
