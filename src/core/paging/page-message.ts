/**
 * What a paged person reads in Slack: the page as Block Kit blocks plus the notification text.
 * Pure: plain data in, plain data out.
 *
 * Everything that came from people (issue titles, system ids, reasons) is escaped for Slack's
 * mrkdwn, so a title with `<!channel>` or `<@U123>` is shown as typed and never notifies anyone.
 * The header is plain text made only of our own words and numbers.
 */

import { inertSlack } from '../text/inert.js';

export type Severity = 1 | 2 | 3;

export interface PageIncident {
  number: number;
  title: string;
  /** The html_url. */
  url: string;
  severity: Severity;
  /** The `system:ID` of the incident, when the reporter named one. */
  system?: string;
}

export interface PageInput {
  incident: PageIncident;
  /** The escalation step paged: "primary", "secondary", "point_people", "team:eng-leads", "user:dana". */
  step: string;
  /** Why this page went out: the policy line, e.g. "sev:1 pages both on-call people at any hour". */
  reason: string;
  /** The comment that acknowledges, e.g. "/ack". */
  ackCommand: string;
  /** The page's dedup key (e.g. "42:step-0"), shown so a repeated page can be recognised. */
  key: string;
}

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}

export type PageBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: MrkdwnText; fields?: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

export interface PageMessage {
  /** The notification and fallback text (mrkdwn, escaped like the blocks). */
  text: string;
  blocks: PageBlock[];
}

const SEVERITY_MEANING: Record<Severity, string> = {
  1: 'downtime: a system is down for users',
  2: 'urgent, not down',
  3: 'minor',
};

/** Longest title shown; GitHub allows 256 characters, a page needs far fewer. */
const MAX_TITLE = 150;
const MAX_REASON = 500;

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so nothing in it can form a
 * mention (`<!channel>`, `<@U…>`, `<!subteam^…>`), a link or a channel reference.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function pageBlocks(input: PageInput): PageMessage {
  const { incident } = input;
  const ref = `#${incident.number}`;
  const title = inertSlack(incident.title, MAX_TITLE);
  const url = linkTarget(incident.url);
  const sev = `sev:${incident.severity}`;
  const ack = `\`${escapeSlack(input.ackCommand)}\``;
  const system = incident.system ? `\`${escapeSlack(oneLine(incident.system))}\`` : 'not named in the report';

  const blocks: PageBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `:rotating_light: Page: ${sev} incident ${ref}`, emoji: true },
    },
    { type: 'section', text: mrkdwn(`*<${url}|${ref}>* ${title}`) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Severity*\n${sev}: ${SEVERITY_MEANING[incident.severity]}`),
        mrkdwn(`*System*\n${system}`),
        mrkdwn(`*Paged as*\n${escapeSlack(stepLabel(input.step))}`),
        mrkdwn(`*Why*\n${inertSlack(input.reason, MAX_REASON)}`),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(
        `*What to do*\nAcknowledge by commenting ${ack} on <${url}|incident ${ref}>. ` +
          'Until someone acknowledges, the page escalates to the next step.',
      ),
    },
    { type: 'context', elements: [mrkdwn(`Dedup key \`${escapeSlack(input.key)}\` · oncall-as-code`)] },
  ];

  const text = `Page: ${sev} incident ${ref}: ${title}. Acknowledge with ${ack} on ${url}`;
  return { text, blocks };
}

/** How a step reads in the page: "primary", "point-people", "team eng-leads", "dana". */
export function stepLabel(step: string): string {
  if (step === 'point_people') return 'point-people';
  if (step.startsWith('team:')) return `team ${step.slice('team:'.length)}`;
  if (step.startsWith('user:')) return step.slice('user:'.length);
  return step;
}

function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text };
}

/** A URL as the target of a mrkdwn link: http(s) only, and nothing that could end the link early. */
function linkTarget(url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url))
    throw new Error(`page: the incident URL must be http(s), got "${url}"`);
  return escapeSlack(url.replace(/\|/g, '%7C'));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
