/**
 * People's text is data: whatever a reporter, a member or an attacker types, what the bot echoes
 * is never a live mention, link, image, issue reference or HTML, and never opens or closes a hidden
 * block. Tried on a table of known tricks and on arbitrary strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertInComment, inertMarkdown, inertSlack } from '../../../src/core/text/inert.js';

const ZWJ = '\u200d';

/** What would be live in GitHub markdown: the checks every inert text must pass. */
function liveInMarkdown(text: string): string[] {
  const found: string[] = [];
  if (/[<>]/.test(text)) found.push('an HTML tag or autolink bracket');
  if (/(?<!\\)[[\]]/.test(text)) found.push('an unescaped bracket (link or image)');
  if (/(?<!\\)`/.test(text)) found.push('an unescaped backtick (code span)');
  if (/(?<!\\)\|/.test(text)) found.push('an unescaped pipe (table cell)');
  if (/@(?!\u200d)\S/.test(text)) found.push('a mention');
  if (/#\d/.test(text)) found.push('an issue reference');
  if (/:\/\//.test(text)) found.push('an autolinked address');
  if (/\bwww\./i.test(text)) found.push('an autolinked www address');
  if (/[\r\n]/.test(text)) found.push('a new line');
  return found;
}

describe('inertMarkdown', () => {
  it.each([
    ['a team mention', 'ping @acme/everyone now', `ping @${ZWJ}acme/everyone now`],
    ['a link', '[log in](https://evil.example)', `\\[log in\\](https:${ZWJ}//evil.example)`],
    ['an image', '![x](https://evil.example/x.png)', `!\\[x\\](https:${ZWJ}//evil.example/x.png)`],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a comment closer', 'fixed --> done', 'fixed --&gt; done'],
    [
      'a forged state block',
      '<!-- oncall-state {"version":1} -->',
      '&lt;!-- oncall-state {"version":1} --&gt;',
    ],
    ['an autolink', '<https://evil.example>', `&lt;https:${ZWJ}//evil.example&gt;`],
    ['a bare www address', 'see www.evil.example', `see www${ZWJ}.evil.example`],
    ['an issue reference', 'dup of #12', `dup of #${ZWJ}12`],
    ['a code span', 'run `rm -rf /`', 'run \\`rm -rf /\\`'],
    ['a table break', 'a | b', 'a \\| b'],
    ['an entity', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['new lines', 'one\n\n### Heading\r\ntwo', 'one ### Heading two'],
    ['a backslash before a bracket', '\\[x](https://e.example)', `\\\\\\[x\\](https:${ZWJ}//e.example)`],
    ['an email address', 'mail bob@example.com', `mail bob@${ZWJ}example.com`],
  ])('%s is shown as typed, inert', (_name, text, shown) => {
    expect(inertMarkdown(text)).toBe(shown);
    expect(liveInMarkdown(inertMarkdown(text))).toEqual([]);
  });

  it('cuts a long text, without splitting a character', () => {
    const text = '😀'.repeat(400);
    const shown = inertMarkdown(text, 10);
    expect([...shown]).toHaveLength(10);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('leaves nothing live in any text at all', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'@#[]()!<>`|\\/:w.-_*~&;\n abc1'.split('')), maxLength: 80 }),
        (text) => {
          expect(liveInMarkdown(inertMarkdown(text))).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('inertSlack', () => {
  it.each([
    ['a broadcast', '<!channel> <!here>', '&lt;!channel&gt; &lt;!here&gt;'],
    ['a user and a group', '<@U01> <!subteam^S01>', `&lt;@${ZWJ}U01&gt; &lt;!subteam^S01&gt;`],
    ['a labelled link', '<https://evil.example|login>', `&lt;https:${ZWJ}//evil.example|login&gt;`],
    ['a bare address', 'https://evil.example', `https:${ZWJ}//evil.example`],
  ])('%s is shown as typed, inert', (_name, text, shown) => {
    expect(inertSlack(text)).toBe(shown);
  });

  it('never leaves a Slack control sequence or a bare address in any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>!@|&h t p s : / w .'.split('')), maxLength: 60 }),
        (text) => {
          const shown = inertSlack(text);
          expect(shown).not.toMatch(/[<>]|:\/\/|@(?!\u200d)\S/);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('inertInComment', () => {
  it('neither opens nor closes an HTML comment, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '!', '-', '>', 'a'), maxLength: 40 }), (text) => {
        const shown = inertInComment(text);
        expect(shown).not.toContain('<!--');
        expect(shown).not.toMatch(/--!?>/);
      }),
      { numRuns: 2000 },
    );
  });
});
