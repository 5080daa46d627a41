/**
 * What a pull request that changes the on-call files is told, as Markdown: for each rotation the
 * change in people's words, whose consent is missing, the errors and new warnings, and the
 * before/after fairness table. The same text is the PR comment and the job summary.
 */
import type { Diagnostic } from '../diagnostics/finding.js';
import type { TradeCheck } from './check-trade.js';

export interface RotationOutcome {
  rotation: string;
  check?: TradeCheck;
}

export interface PrReport {
  ok: boolean;
  /** One line for the check's title. */
  headline: string;
  markdown: string;
}

export function prReport(
  outcomes: readonly RotationOutcome[],
  errors: readonly Diagnostic[],
  warnings: readonly Diagnostic[],
): PrReport {
  const missing = [...new Set(outcomes.flatMap((outcome) => outcome.check?.consent.missing ?? []))];
  const ok = errors.length === 0 && missing.length === 0;
  const headline = ok
    ? 'On-call change check passed'
    : [
        errors.length > 0 ? `${errors.length} error(s)` : '',
        missing.length > 0
          ? `waiting for approval from ${missing.map((login) => `@${login}`).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; ');
  const lines = [`### ${ok ? '✅' : '❌'} ${headline}`, ''];
  for (const { rotation, check } of outcomes) {
    if (!check || check.changes.length === 0) continue;
    lines.push(`#### Rotation \`${rotation}\``, '');
    for (const change of check.changes) lines.push(`- ${change.text}`);
    lines.push('');
    const moved = check.time.filter((entry) => entry.gained > 0 || entry.lost > 0);
    if (moved.length > 0) {
      lines.push('| person | gains | loses | consent |', '|---|--:|--:|---|');
      for (const entry of moved) {
        const given = check.consent.given.find((item) => item.github === entry.github);
        const consent = given
          ? given.by === 'admin'
            ? `✅ admin ${given.admin}`
            : `✅ ${given.by}`
          : check.consent.missing.includes(entry.github)
            ? '⏳ approval needed'
            : '—';
        lines.push(`| @${entry.github} | ${hours(entry.gained)} | ${hours(entry.lost)} | ${consent} |`);
      }
      lines.push('');
    }
    if (check.mentions.length > 0) {
      lines.push(
        `Newly scheduled: ${check.mentions.map((login) => `@${login}`).join(', ')} (no approval needed).`,
        '',
      );
    }
    if (check.fairness.length > 0) {
      lines.push(
        '<details><summary>Fairness before and after</summary>',
        '',
        '| person | shifts ahead (before → after) | prorated load (before → after) |',
        '|---|--:|--:|',
        ...check.fairness.map(
          (row) =>
            `| ${row.github} | ${row.before.shifts} → ${row.after.shifts} | ${row.before.prorated} → ${row.after.prorated} |`,
        ),
        '',
        '</details>',
        '',
      );
    }
  }
  if (missing.length > 0) {
    lines.push(
      `**Consent**: ${missing.map((login) => `@${login}`).join(', ')} must approve this pull request (a review that approves its latest commit). An admin's approval stands in for someone away.`,
      '',
    );
  }
  if (errors.length > 0) {
    lines.push(
      '**Errors** (must be fixed):',
      '',
      ...errors.map((item) => `- \`${item.file}:${item.line}:${item.column}\` ${item.rule}: ${item.message}`),
      '',
    );
  }
  if (warnings.length > 0) {
    lines.push(
      '**Fairness warnings** this change adds:',
      '',
      ...warnings.map(
        (item) => `- \`${item.file}:${item.line}:${item.column}\` ${item.rule}: ${item.message}`,
      ),
      '',
    );
  }
  if (
    outcomes.every((outcome) => !outcome.check || outcome.check.changes.length === 0) &&
    errors.length === 0
  ) {
    lines.push('No schedule changes; every file is valid.', '');
  }
  return { ok, headline, markdown: lines.join('\n') };
}

function hours(value: number): string {
  if (value === 0) return '—';
  return value % 24 === 0 ? `${value / 24} d` : `${value} h`;
}
