/**
 * What the weekly publish pull request says: its title ("Publish on-call shifts through DATE"),
 * and a body with each rotation's new shifts as a table, the people newly scheduled (mentioned,
 * not asked: appended shifts need no consent), the fairness rules the generator relaxed and why,
 * and the result of the on-call change check. Plain data in, text out.
 */
import type { PlannedShift, Relaxation } from '../generate/extend-schedule.js';
import type { RotationFile } from '../model/schemas.js';
import { handoffAt } from '../schedule/timeline.js';
import { addDays } from '../time/wall-clock.js';

export interface RotationPublication {
  /** The rotation's directory name under rotations/. */
  rotation: string;
  scheduleFile: string;
  settings: RotationFile;
  added: readonly PlannedShift[];
  relaxed: readonly Relaxation[];
}

export interface CheckSummary {
  ok: boolean;
  headline: string;
  markdown: string;
}

export interface PublishRequest {
  title: string;
  body: string;
  /** The handoff date that ends the last new shift, over every rotation. */
  through: string;
  /** Everyone in a new shift, in order of first appearance. */
  people: string[];
  shifts: number;
}

/** The handoff date on which a rotation's last new shift ends. */
export function publishedThrough(publication: RotationPublication): string {
  const last = publication.added[publication.added.length - 1];
  if (!last) throw new Error(`${publication.rotation}: nothing was added`);
  return addDays(last.start, publication.settings.shift.length_days);
}

export function publishTitle(through: string): string {
  return `Publish on-call shifts through ${through}`;
}

export function publishRequest(
  publications: readonly RotationPublication[],
  check: CheckSummary,
): PublishRequest {
  if (publications.length === 0)
    throw new Error('publishRequest needs at least one rotation with new shifts');
  const through = publications.map(publishedThrough).sort().at(-1) as string;
  const people = [
    ...new Set(
      publications.flatMap((publication) =>
        publication.added.flatMap((shift) => shift.assignments.map((slot) => slot.github)),
      ),
    ),
  ];
  const shifts = publications.reduce((count, publication) => count + publication.added.length, 0);
  const lines = [
    `This pull request publishes ${shifts} new shift${shifts === 1 ? '' : 's'}, through ${through}, so that ` +
      'each rotation keeps its `publish_weeks_ahead` weeks published. It only appends shifts after the last ' +
      'published one: nothing already published changes, so **no approval is needed** for these weeks. The ' +
      'people in them are told here, not asked. Merge it to publish.',
    '',
  ];
  for (const publication of publications) lines.push(...rotationSection(publication));
  lines.push(
    '### Newly scheduled',
    '',
    `${people.map((login) => `@${login}`).join(', ')}: you are on call in the shifts above. If a week does ` +
      'not work for you, trade it or ask for a cover once this is merged; every trade is a pull request ' +
      'that the people whose time it moves approve.',
    '',
    `<details><summary>${check.ok ? '✅' : '❌'} validate-pr: ${escapeHtml(check.headline)}</summary>`,
    '',
    check.markdown.trimEnd(),
    '',
    '</details>',
    '',
    '---',
    'Opened by the weekly publish workflow. Its branch is rewritten on every run: do not push to it. The ' +
      '`validate-pr` status on this pull request is set by the workflow with the same check (see ' +
      'docs/publishing.md in oncall-as-code).',
  );
  return { title: publishTitle(through), body: `${lines.join('\n')}\n`, through, people, shifts };
}

function rotationSection(publication: RotationPublication): string[] {
  const { settings } = publication;
  const zone = settings.timezone;
  const time = (date: string) =>
    handoffAt(settings, date).setLocale('en-US').toFormat('ccc yyyy-MM-dd HH:mm');
  const lines = [
    `### Rotation \`${publication.rotation}\`: ${publication.added.length} new shift${publication.added.length === 1 ? '' : 's'}`,
    '',
    `In \`${publication.scheduleFile}\`. Each shift runs from the handoff on its start date to the next handoff (times in ${zone}).`,
    '',
    `| starts | ends | ${settings.slots.join(' | ')} |`,
    `|---|---|${settings.slots.map(() => '---').join('|')}|`,
  ];
  for (const shift of publication.added) {
    const bySlot = new Map(shift.assignments.map((slot) => [slot.slot, slot.github]));
    const people = settings.slots.map((slot) => {
      const github = bySlot.get(slot);
      return github ? `@${github}` : '—';
    });
    lines.push(
      `| ${time(shift.start)} | ${time(addDays(shift.start, settings.shift.length_days))} | ${people.join(' | ')} |`,
    );
  }
  lines.push('');
  if (publication.relaxed.length === 0) {
    lines.push('Every fairness rule of the rotation held.', '');
  } else {
    lines.push('Fairness rules relaxed where they could not all hold:', '');
    for (const relaxation of publication.relaxed) {
      lines.push(`- \`${relaxation.rule}\` for the shift starting ${relaxation.start}: ${relaxation.why}`);
    }
    lines.push('');
  }
  return lines;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
