/**
 * The page as a paged person reads it in Slack. Snapshots hold the exact words; the escaping
 * tests make sure nothing a reporter typed can notify anyone.
 */
import { describe, expect, it } from 'vitest';
import { escapeSlack, type PageInput, pageBlocks, stepLabel } from '../../../src/core/paging/page-message.js';

const base: PageInput = {
  incident: {
    number: 42,
    title: 'Gravity API returns 500 for every request',
    url: 'https://github.com/acme/oncall/issues/42',
    severity: 1,
    system: 'gravity',
  },
  step: 'primary',
  reason: 'sev:1 pages both on-call people at any hour, plus the point-people',
  ackCommand: '/ack',
  key: '42:step-0',
};

/** Every text a person can read in the message: the notification text and all block texts. */
function readable(input: PageInput): string[] {
  const { text, blocks } = pageBlocks(input);
  const texts = [text];
  for (const block of blocks) {
    if (block.type === 'header') texts.push(block.text.text);
    if (block.type === 'section') {
      if (block.text) texts.push(block.text.text);
      for (const field of block.fields ?? []) texts.push(field.text);
    }
    if (block.type === 'context') for (const element of block.elements) texts.push(element.text);
  }
  return texts;
}

describe('escapeSlack', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here> <!everyone>', '&lt;!here&gt; &lt;!everyone&gt;'],
    ['<@U123> and <!subteam^S0ONCALL>', '&lt;@U123&gt; and &lt;!subteam^S0ONCALL&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['R&D: a > b < c', 'R&amp;D: a &gt; b &lt; c'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['plain words, *bold*, :fire:', 'plain words, *bold*, :fire:'],
  ])('escapes %j', (input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });
});

describe('pageBlocks', () => {
  it('reads as a sev:1 page for the primary', () => {
    expect(pageBlocks(base)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": ":rotating_light: Page: sev:1 incident #42",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "*<https://github.com/acme/oncall/issues/42|#42>* Gravity API returns 500 for every request",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "fields": [
              {
                "text": "*Severity*
      sev:1: downtime: a system is down for users",
                "type": "mrkdwn",
              },
              {
                "text": "*System*
      \`gravity\`",
                "type": "mrkdwn",
              },
              {
                "text": "*Paged as*
      primary",
                "type": "mrkdwn",
              },
              {
                "text": "*Why*
      sev:1 pages both on-call people at any hour, plus the point-people",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "text": {
              "text": "*What to do*
      Acknowledge by commenting \`/ack\` on <https://github.com/acme/oncall/issues/42|incident #42>. Until someone acknowledges, the page escalates to the next step.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Dedup key \`42:step-0\` · oncall-as-code",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Page: sev:1 incident #42: Gravity API returns 500 for every request. Acknowledge with \`/ack\` on https://github.com/acme/oncall/issues/42",
      }
    `);
  });

  it('reads as a sev:2 escalation to a team, without a system', () => {
    expect(
      readable({
        ...base,
        incident: { ...base.incident, number: 7, severity: 2, system: undefined, title: 'Checkout is slow' },
        step: 'team:eng-leads',
        reason: 'nobody acknowledged within 15 minutes',
        key: '7:step-3',
      }),
    ).toMatchInlineSnapshot(`
      [
        "Page: sev:2 incident #7: Checkout is slow. Acknowledge with \`/ack\` on https://github.com/acme/oncall/issues/42",
        ":rotating_light: Page: sev:2 incident #7",
        "*<https://github.com/acme/oncall/issues/42|#7>* Checkout is slow",
        "*Severity*
      sev:2: urgent, not down",
        "*System*
      not named in the report",
        "*Paged as*
      team eng-leads",
        "*Why*
      nobody acknowledged within 15 minutes",
        "*What to do*
      Acknowledge by commenting \`/ack\` on <https://github.com/acme/oncall/issues/42|incident #7>. Until someone acknowledges, the page escalates to the next step.",
        "Dedup key \`7:step-3\` · oncall-as-code",
      ]
    `);
  });

  it('shows <!channel> and <@U123> in a title as text, never as a mention', () => {
    const input: PageInput = {
      ...base,
      incident: {
        ...base.incident,
        title:
          '<!channel> <!here> <@U01BOB> <!subteam^S0ONCALL> <#C0INCIDENTS> <https://evil.example|login> R&D',
        system: '<!everyone>',
      },
      reason: 'reported by <@U01EVE>',
      ackCommand: '/ack <!channel>',
      key: '42:<!here>',
    };
    const texts = readable(input);
    const all = texts.join('\n');
    // No control sequence from people's text survives: the only "<" left open our own links.
    for (const sequence of [
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U01BOB>',
      '<@U01EVE>',
      '<!subteam^',
      '<#C0',
    ]) {
      expect(all).not.toContain(sequence);
    }
    expect(all.match(/<[^>]*>/g)).toEqual([
      '<https://github.com/acme/oncall/issues/42|#42>',
      '<https://github.com/acme/oncall/issues/42|incident #42>',
    ]);
    expect(texts[2]).toBe(
      '*<https://github.com/acme/oncall/issues/42|#42>* &lt;!channel&gt; &lt;!here&gt; &lt;@\u200dU01BOB&gt; ' +
        '&lt;!subteam^S0ONCALL&gt; &lt;#C0INCIDENTS&gt; &lt;https:\u200d//evil.example|login&gt; R&amp;D',
    );
    expect(texts[0]).toContain('&lt;!channel&gt;');
  });

  it('keeps a long or multi-line title to one line of 150 characters, cutting no emoji in half', () => {
    const title = `Everything\nis   down ${'🔥'.repeat(200)}`;
    const { blocks } = pageBlocks({ ...base, incident: { ...base.incident, title } });
    const section = blocks[1];
    if (section?.type !== 'section' || !section.text) throw new Error('expected the title section');
    const shown = section.text.text.replace('*<https://github.com/acme/oncall/issues/42|#42>* ', '');
    expect(shown.startsWith('Everything is down 🔥')).toBe(true);
    expect(shown.endsWith('🔥…')).toBe(true);
    expect(Array.from(shown)).toHaveLength(150);
  });

  it('escapes the link target and refuses a URL that is not http(s)', () => {
    const { blocks } = pageBlocks({
      ...base,
      incident: { ...base.incident, url: 'https://example.com/a?x=1&y=<2>|z' },
    });
    expect(JSON.stringify(blocks)).toContain('<https://example.com/a?x=1&amp;y=&lt;2&gt;%7Cz|#42>');
    expect(() => pageBlocks({ ...base, incident: { ...base.incident, url: 'javascript:alert(1)' } })).toThrow(
      /must be http\(s\)/,
    );
  });

  it.each([
    ['primary', 'primary'],
    ['secondary', 'secondary'],
    ['point_people', 'point-people'],
    ['team:eng-leads', 'team eng-leads'],
    ['user:dana', 'dana'],
  ])('names the step %s as %s', (step, label) => {
    expect(stepLabel(step)).toBe(label);
  });
});
