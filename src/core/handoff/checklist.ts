/**
 * The handoff checklist (Artsy's, from the process write-up) and the task lists of an issue body:
 * which boxes are ticked, whether all are, and carrying ticks over when the bot rewrites a body.
 * Fenced code blocks are skipped: a box shown in an example is not a task.
 */

export const HANDOFF_CHECKLIST = [
  'Roll over resolved items',
  'Review active incidents',
  'Assign remaining actions',
  'Update playbooks',
] as const;

export interface TaskItem {
  text: string;
  done: boolean;
  /** 0-based line in the body. */
  line: number;
}

const TASK = /^(\s*(?:[-*+]|\d+[.)])\s+\[)([ xX])(\]\s+)(.*)$/;
const FENCE = /^\s*(```|~~~)/;

export function taskItems(markdown: string): TaskItem[] {
  const items: TaskItem[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((line, index) => {
    const opened = FENCE.exec(line)?.[1];
    if (opened) {
      if (fence === undefined) fence = opened;
      else if (fence === opened) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const match = TASK.exec(line);
    if (match) items.push({ text: (match[4] ?? '').trim(), done: match[2] !== ' ', line: index });
  });
  return items;
}

/** Every box in the body ticked, and there is at least one box. */
export function checklistDone(markdown: string): boolean {
  const items = taskItems(markdown);
  return items.length > 0 && items.every((item) => item.done);
}

/** "2 of 4 boxes ticked" */
export function checklistProgress(markdown: string): { done: number; total: number } {
  const items = taskItems(markdown);
  return { done: items.filter((item) => item.done).length, total: items.length };
}

/**
 * The new body with every box ticked whose text was ticked in the old body, so that rewriting a
 * handoff issue (a repeated or late run) never unticks what people ticked.
 */
export function keepTicks(body: string, previous: string): string {
  const ticked = new Set(
    taskItems(previous)
      .filter((item) => item.done)
      .map((item) => item.text),
  );
  if (ticked.size === 0) return body;
  const lines = body.split('\n');
  for (const item of taskItems(body)) {
    if (item.done || !ticked.has(item.text)) continue;
    lines[item.line] = (lines[item.line] as string).replace(TASK, (_all, head, _box, tail, text) => {
      return `${head}x${tail}${text}`;
    });
  }
  return lines.join('\n');
}
