/**
 * The tick's reminders: a Slack DM to each person of the next shift before it starts (see
 * core/reminders/due.ts for when). Never twice: before posting, the DM is searched for the
 * reminder's key since it became due; a reminder found there counts as sent. A failure for one
 * person does not stop the others; it is retried on the next tick.
 */
import type { Repository } from '../../core/model/repository.js';
import { buildRoster } from '../../core/model/roster.js';
import { dueReminders } from '../../core/reminders/due.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import type { ActionRuntime } from '../shared/runtime.js';

/** The input `reminder-days-before`: empty is the Friday before, `off` sends none, else whole days. */
export function parseReminderDays(text: string): number | 'off' | undefined {
  const value = text.trim().toLowerCase();
  if (value === '') return undefined;
  if (value === 'off') return 'off';
  if (!/^\d{1,2}$/.test(value)) {
    throw new Error(`the input reminder-days-before must be a whole number of days or "off", not "${text}"`);
  }
  return Number.parseInt(value, 10);
}

export async function sendReminders(
  runtime: ActionRuntime,
  repository: Repository,
  daysBefore: number | 'off' | undefined,
): Promise<{ lines: string[]; failures: string[] }> {
  if (daysBefore === 'off') return { lines: [], failures: [] };
  const roster = buildRoster(repository.people.people);
  const due = dueReminders({
    rotations: repository.rotations.map((source) => ({
      name: source.rotation.name,
      rotation: source.rotation,
      shifts: timeline(source.rotation, source.schedule),
      overrides: timedOverrides(source.rotation, source.schedule),
    })),
    roster,
    now: runtime.now,
    ...(daysBefore !== undefined && { daysBefore }),
  });
  if (due.length === 0) return { lines: [], failures: [] };
  const slack = runtime.slack;
  if (!slack) return { lines: ['reminders: no Slack token, so none are sent'], failures: [] };
  const lines: string[] = [];
  const failures: string[] = [];
  for (const reminder of due) {
    try {
      const person = reminder.person;
      const id =
        person?.slack ?? (person?.email ? (await slack.lookupUserByEmail(person.email))?.id : undefined);
      if (!id) {
        lines.push(
          `reminders: @${reminder.github} has no Slack member id and no Slack account for their email`,
        );
        continue;
      }
      const dm = await slack.openDm(id);
      // A minute's slack for clocks that disagree between the runner and Slack.
      if (await slack.hasMessageSince(dm, reminder.sendAt.toMillis() - 60_000, reminder.key)) continue;
      await slack.postMessage({ channel: dm, text: reminder.text });
      lines.push(`reminders: told @${reminder.github} about ${reminder.rotation} ${reminder.start}`);
    } catch (err) {
      failures.push(`reminder for @${reminder.github} (${reminder.key}): ${(err as Error).message}`);
    }
  }
  return { lines, failures };
}
