/**
 * What a pull request is told, as Markdown (the PR comment and the job summary are the same text):
 * every change in people's words, each consent it needs and whether it was given, how to give it,
 * the errors and the warnings the change adds, and the fairness of the people concerned.
 */
import type { Diagnostic } from '../diagnostics/finding.js';
import { APPROVE_COMMAND } from './agreement.js';
import type { ChangeCheck } from './check-change.js';

export interface ChangeReport {
  ok: boolean;
  /** One line for the check's title. */
  headline: string;
  markdown: string;
}

export function changeReport(
  check: Pick<ChangeCheck, 'changes' | 'consent' | 'rotations'>,
  errors: readonly Diagnostic[],
  warnings: readonly Diagnostic[],
  headSha?: string,
): ChangeReport {
  const missing = check.consent.filter((item) => !item.given);
  const ok = errors.length === 0 && missing.length === 0;
  const headline = ok
    ? 'On-call change check passed'
    : [
        errors.length > 0 ? `${errors.length} error(s)` : '',
        missing.length > 0 ? `waiting for approval from ${waiting(missing.map(named))}` : '',
      ]
        .filter(Boolean)
        .join('; ');
  const lines = [`### ${ok ? '✅' : '❌'} ${headline}`, ''];
  if (check.changes.length === 0 && errors.length === 0)
    lines.push('No change to the on-call files; every file is valid.', '');
  if (check.changes.length > 0) {
    lines.push('**The change**', '', ...check.changes.map((change) => `- ${change.text}`), '');
  }
  const told = [...new Set(check.rotations.flatMap((rotation) => rotation.published))];
  if (told.length > 0) {
    lines.push(`Newly scheduled: ${told.map((login) => `@${login}`).join(', ')} (no approval needed).`, '');
  }
  if (check.consent.length > 0) {
    lines.push('| who must agree | to | given |', '|---|---|---|');
    for (const item of check.consent) {
      lines.push(
        `| ${cell(named(item))}${item.standIn ? ` (or ${cell(item.standIn)})` : ''} | ${cell(item.for)} | ${item.given ? `✅ ${cell(item.by ?? '')}` : '⏳ not yet'} |`,
      );
    }
    lines.push('');
  }
  if (missing.length > 0) {
    lines.push(
      `**Consent**: ${waiting(missing.map(named))} must approve this pull request with a review of its latest commit${
        headSha ? `, or comment \`${APPROVE_COMMAND} ${headSha}\` on its first line` : ''
      }. The author's authorship counts only when they made every commit; an admin's approval stands in for someone away.`,
      '',
    );
  }
  for (const rotation of check.rotations) {
    if (rotation.fairness.length === 0) continue;
    lines.push(
      `<details><summary>Fairness in ${rotation.rotation}, before and after</summary>`,
      '',
      '| person | shifts ahead (before → after) | prorated load (before → after) |',
      '|---|--:|--:|',
      ...rotation.fairness.map(
        (row) =>
          `| ${row.github} | ${row.before.shifts} → ${row.after.shifts} | ${row.before.prorated} → ${row.after.prorated} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  for (const [title, items] of [
    ['**Errors** (must be fixed):', errors],
    ['**Fairness warnings** this change adds:', warnings],
  ] as const) {
    if (items.length === 0) continue;
    lines.push(
      title,
      '',
      ...items.map((item) => `- \`${item.file}:${item.line}:${item.column}\` ${item.rule}: ${item.message}`),
      '',
    );
  }
  return { ok, headline, markdown: lines.join('\n') };
}

/** A person is mentioned (they should know their consent is asked); a role is named. */
function named(item: { who: string }): string {
  return /^[A-Za-z0-9-]+$/.test(item.who) ? `@${item.who}` : item.who;
}

/** The first few of those still to agree, for a one-line title. */
function waiting(who: readonly string[]): string {
  const unique = [...new Set(who)];
  return unique.length > 4
    ? `${unique.slice(0, 4).join('; ')} and ${unique.length - 4} more`
    : unique.join('; ');
}

/** Table cells hold text only: a pipe or a line break would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
