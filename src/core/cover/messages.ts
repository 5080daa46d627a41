/** The texts of a cover request: the candidates comment, refusals, the pull request. */
import type { DateTime } from 'luxon';
import { inertMarkdown } from '../text/inert.js';
import type { CoverCandidates } from './candidates.js';
import type { CoverPeriod } from './request.js';

export function when(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');
}

export function periodText(request: Pick<CoverPeriod, 'from' | 'to'>, zone: string): string {
  return `${when(request.from, zone)} to ${when(request.to, zone)} (${zone})`;
}

export function candidatesComment(request: CoverPeriod, result: CoverCandidates, zone: string): string {
  const lines = [
    `### Cover needed for @${request.requester}: ${periodText(request, zone)}`,
    '',
    ...(request.clippedToNow ? ['The time asked for had begun: cover starts now.', ''] : []),
    ...(request.why ? [`Why: ${inertMarkdown(request.why)}`, ''] : []),
  ];
  if (result.candidates.length === 0) {
    lines.push(
      'Nobody in the rotation is free for the whole period. Split the hours into smaller requests, or ask an admin.',
    );
  } else {
    lines.push(
      `Fairest first (lowest load so far, then longest since last on call): ${result.candidates
        .map((candidate) => `@${candidate.github}`)
        .join(', ')}.`,
      '',
      '| candidate | load so far | last on call |',
      '|---|---|---|',
      ...result.candidates.map(
        (candidate) =>
          `| @${candidate.github} | ${candidate.prorated} | ${candidate.lastOnCall ? candidate.lastOnCall.setZone(zone).toFormat('yyyy-MM-dd') : 'never'} |`,
      ),
      '',
      'To take it, comment `/take`. The bot then opens the override pull request with both consents recorded.',
    );
  }
  if (result.excluded.length > 0) {
    lines.push(
      '',
      '<details><summary>Not eligible</summary>',
      '',
      ...result.excluded.map((entry) => `- ${entry.github}: ${entry.why}`),
      '',
      '</details>',
    );
  }
  return lines.join('\n');
}

export function pullBody(input: {
  issue: number;
  request: CoverPeriod;
  taker: string;
  filedBy: string;
  zone: string;
  commentUrl?: string;
  checkMarkdown: string;
}): string {
  const { request, taker, zone } = input;
  const filed =
    input.filedBy.toLowerCase() === request.requester.toLowerCase()
      ? `@${request.requester} asked for cover by opening #${input.issue}: the consent of the person covered`
      : `@${input.filedBy} (admin) asked for cover for @${request.requester} in #${input.issue}; @${request.requester} is away (${inertMarkdown(request.filedByAdmin?.away ?? 'in the roster')}), so the admin's request stands for the consent of the person covered`;
  return [
    `@${taker} covers @${request.requester} from ${periodText(request, zone)}.`,
    '',
    `Closes #${input.issue}.`,
    '',
    '### Consent',
    '',
    `- ${filed}.`,
    `- @${taker} took it with \`/take\`${input.commentUrl ? ` (${input.commentUrl})` : ''}: the taker's consent.`,
    '',
    input.checkMarkdown,
  ].join('\n');
}
