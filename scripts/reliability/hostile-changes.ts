/**
 * The hostile-change section of the report: every pull request of the corpus
 * (test/core/change/hostile-corpus.ts) judged by the change check the validate-pr action runs.
 * A hostile change that may merge, or one refused for another reason than the one it tries, is
 * a change merged without the right consent; ordinary work that is refused is counted too.
 */
import { judge } from '../../test/core/change/change-fixture.js';
import { hostile, ordinary } from '../../test/core/change/hostile-corpus.js';

export interface HostileChangesResult {
  tried: number;
  /** Hostile changes that could merge (or were refused only for an unrelated reason). */
  merged: string[];
  ordinaryTried: number;
  /** Ordinary work the check refused. */
  refused: string[];
}

export async function runHostileChanges(): Promise<HostileChangesResult> {
  const merged: string[] = [];
  for (const item of hostile) {
    const outcome = await judge(item.edit, item.consent);
    const reasons = [
      ...(outcome.check?.consent ?? [])
        .filter((need) => !need.given)
        .map((need) => `${need.who} | ${need.for}`),
      ...outcome.errors.map((error) => `error ${error.rule}: ${error.message}`),
    ].join('\n');
    if (outcome.ok) merged.push(`${item.name}: may merge`);
    else if (!reasons.includes(item.blocked))
      merged.push(`${item.name}: refused, but not for "${item.blocked}"`);
  }
  const refused: string[] = [];
  for (const item of ordinary) {
    const outcome = await judge(item.edit, item.consent);
    if (!outcome.ok) refused.push(item.name);
  }
  return { tried: hostile.length, merged, ordinaryTried: ordinary.length, refused };
}

export function renderHostileChanges(result: HostileChangesResult): string {
  const lines = [
    '',
    `Hostile changes: ${result.tried} tried, ${result.merged.length} merged without the right consent; ordinary changes: ${result.ordinaryTried} tried, ${result.refused.length} refused.`,
    ...result.merged.map((line) => `- merged: ${line}`),
    ...result.refused.map((line) => `- refused: ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
