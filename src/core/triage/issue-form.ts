/**
 * The body GitHub writes for an issue opened through an issue form: each field is a `### Label`
 * heading followed by the answer, and `_No response_` for a field left empty. A heading inside a
 * fenced block (a textarea rendered as code) is part of the answer, not a new field.
 */

export interface IssueForm {
  /** Answers by normalized heading; an empty answer is absent. */
  answers: ReadonlyMap<string, string>;
  /** Every heading of the body in order, as written. */
  headings: readonly string[];
}

const NO_RESPONSE = '_No response_';

export function parseIssueForm(body: string | null | undefined): IssueForm {
  const answers = new Map<string, string>();
  const headings: string[] = [];
  if (!body) return { answers, headings };
  let current: string | undefined;
  let lines: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current === undefined) return;
    const value = lines.join('\n').trim();
    if (value !== '' && value !== NO_RESPONSE) answers.set(normalizeHeading(current), value);
  };
  for (const line of body.split(/\r?\n/)) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark) {
      if (fence === undefined) fence = fenceMark;
      else if (fenceMark.startsWith(fence)) fence = undefined;
    }
    const heading = fence === undefined && !fenceMark ? /^###\s+(.+?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading !== undefined) {
      flush();
      current = heading;
      headings.push(heading);
      lines = [];
    } else if (current !== undefined) {
      lines.push(line);
    }
  }
  flush();
  return { answers, headings };
}

/** Headings compare without case, punctuation or repeated spaces: "Is it down for users?" = "is it down for users". */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function answer(form: IssueForm, heading: string): string | undefined {
  return form.answers.get(normalizeHeading(heading));
}

export function hasHeading(form: IssueForm, heading: string): boolean {
  const wanted = normalizeHeading(heading);
  return form.headings.some((item) => normalizeHeading(item) === wanted);
}
