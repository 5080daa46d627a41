/**
 * People's text is data. Whatever a person wrote (an issue title, a form answer, a `/resolve` note,
 * a reason) and the bot echoes must never become a live @-mention, link, image, issue reference or
 * HTML where it is shown, and must never open or close the hidden blocks (`<!-- … -->`) the bot
 * keeps its own state and markers in. One helper per place people's text is shown, used at each.
 */

/** U+200D ZERO WIDTH JOINER: invisible, and it breaks a mention or an autolink where it stands. */
const JOINER = '\u200d';

/** Default longest echo: a note or answer is shown, not a page of text. */
export const MAX_ECHO = 300;

/**
 * Text from people inside GitHub markdown (a reply, the incident record, the handoff issue, a pull
 * request comment), shown as they typed it on one line and inert: HTML and comment delimiters
 * become entities, the markdown punctuation that builds links, images, emphasis, code spans and
 * table cells (`[ ] * _ ~ \` | \\`) is escaped, `@`
 * and `#N` are broken by an invisible joiner (nobody is mentioned, no issue is linked), and bare
 * addresses (`https://`, `www.`) are broken so GitHub does not autolink them. Safe in a table cell.
 */
export function inertMarkdown(text: string, max = MAX_ECHO): string {
  return oneLine(text, max)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[^\s])/g, `@${JOINER}`)
    .replace(/#(?=[0-9])/g, `#${JOINER}`)
    .replace(/:(?=\/\/)/g, `:${JOINER}`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`);
}

/**
 * Text from people inside Slack mrkdwn: `&`, `<` and `>` become entities (no `<!channel>`,
 * `<@U…>`, `<!subteam^…>` or `<url|label>`), `@` is broken (no mention with `link_names`), and
 * bare addresses are broken so Slack does not turn them into links.
 */
export function inertSlack(text: string, max = MAX_ECHO): string {
  return oneLine(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[^\s])/g, `@${JOINER}`)
    .replace(/:(?=\/\/)/g, `:${JOINER}`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`);
}

/**
 * Text that goes inside an HTML comment the bot writes (a hidden block): `<!--` and `-->` can
 * neither open nor close one. Use for text that is not shown but must not break the block.
 */
export function inertInComment(text: string): string {
  return text.replace(/<!--/g, `<!${JOINER}--`).replace(/--!?>/g, (end) => `--${JOINER}${end.slice(2)}`);
}

/** Whitespace (newlines included) collapsed to single spaces, trimmed, cut at `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
