/** The page's HTML template: text is escaped unless it is markup of ours; links never run code. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeHref, trusted } from '../../../src/core/status-page/html.js';

describe('html', () => {
  it('escapes every interpolated text, in elements and attributes', () => {
    const name = `<a href="x" onclick='y'>&</a>`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;</p>',
    );
  });

  it('keeps its own markup, lists, numbers, and drops nothing-values', () => {
    const items = ['<1>', '2'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${0}${false}${null}${undefined}${trusted('<br>')}`.text).toBe(
      '<ul><li>&lt;1&gt;</li><li>2</li></ul>0<br>',
    );
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://github.com/acme/oncall/issues/1', true],
    ['webcal://acme.github.io/oncall/calendars/ops.ics', true],
    ['calendars/people/alice.ics', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['//evil.example/x', false],
    ['https://x/"onmouseover="alert(1)', false],
  ])('%s: %s', (url, kept) => {
    expect(safeHref(url) === url).toBe(kept);
  });
});
