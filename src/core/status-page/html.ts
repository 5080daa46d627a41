/**
 * HTML from templates in which every interpolated value is text, escaped, unless it is already
 * `Html` made by this module. Escaping is the default, so a name like `<script>` in people.yaml or
 * an incident title cannot become markup: forgetting to escape is not possible, only choosing not
 * to (`trusted`, for the page's own constants such as its style sheet).
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a template may hold: text (escaped), numbers, markup, nothing (false, null, undefined), lists. */
export type Content = Html | string | number | false | null | undefined | readonly Content[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

function render(value: Content): string {
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Content[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

/** Markup written by this program, never by a user: the page's style sheet. */
export function trusted(text: string): Html {
  return new Html(text);
}

/**
 * A link target only when it cannot run code: https, http or webcal, or a path on the same site.
 * An incident's URL comes from outside (GitHub, or a file); `javascript:` must never become a link.
 */
export function safeHref(url: string): string | undefined {
  if (/^(https?|webcal):\/\/[^\s"'<>]+$/i.test(url)) return url;
  if (/^[A-Za-z0-9._~/-][^\s:"'<>]*$/.test(url) && !url.startsWith('//')) return url;
  return undefined;
}
