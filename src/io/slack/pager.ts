/**
 * Sends the engine's pages through Slack: a direct message to each paged person and one post in
 * the rotation's channel. People are found by their roster `slack` id, else by email. A failure
 * for one person does not stop the others; what failed is reported so the page stays unsent in the
 * record and the next tick tries it again.
 *
 * Slack has no idempotency key, and an answer can be lost after Slack posted (a 5xx, a timeout).
 * So before posting, each conversation is searched for the page's dedup key since the page was
 * decided: a page found there is counted as delivered, never posted again.
 */

import type { Person } from '../../core/model/schemas.js';
import type { PageIncident } from '../../core/paging/page-message.js';
import { pageBlocks } from '../../core/paging/page-message.js';
import type { SlackClient } from './client.js';

export interface PageToSend {
  key: string;
  /** When the page was decided (epoch ms): its dedup key is looked for from then on. */
  decidedAt: number;
  to: readonly string[];
  team?: string;
  reason: string;
  step: string;
}

export interface PageOutcome {
  /** Everything went out: the page can be marked sent. */
  ok: boolean;
  /** Targets (logins, and the channel id) that got the page, this time or before. */
  delivered: string[];
  failures: { target: string; why: string }[];
}

export async function sendPage(
  slack: SlackClient,
  page: PageToSend,
  incident: PageIncident,
  people: (login: string) => Person | undefined,
  channel: string | undefined,
  alreadyDelivered: readonly string[] = [],
): Promise<PageOutcome> {
  const message = pageBlocks({
    incident,
    step: page.step,
    reason: page.reason,
    ackCommand: '/ack',
    key: page.key,
  });
  const failures: PageOutcome['failures'] = [];
  // A minute's slack for clocks that disagree between the runner and Slack.
  const alreadyPosted = (conversation: string) =>
    slack.hasMessageSince(conversation, page.decidedAt - 60_000, page.key);
  // A target that got this page on an earlier run is never sent it again.
  const delivered = [...alreadyDelivered];
  for (const login of page.to) {
    if (delivered.includes(login)) continue;
    try {
      const person = people(login);
      const id =
        person?.slack ?? (person?.email ? (await slack.lookupUserByEmail(person.email))?.id : undefined);
      if (!id) {
        failures.push({
          target: login,
          why: 'no Slack member id in the roster and no Slack account for their email',
        });
        continue;
      }
      const dm = await slack.openDm(id);
      if (!(await alreadyPosted(dm)))
        await slack.postMessage({ channel: dm, text: message.text, blocks: message.blocks });
      delivered.push(login);
    } catch (err) {
      failures.push({ target: login, why: (err as Error).message });
    }
  }
  if (channel && !delivered.includes(channel)) {
    try {
      const who = [...page.to.map((login) => `@${login}`), ...(page.team ? [`team ${page.team}`] : [])].join(
        ', ',
      );
      if (!(await alreadyPosted(channel))) {
        await slack.postMessage({ channel, text: `${message.text} (paged: ${who})`, blocks: message.blocks });
      }
      delivered.push(channel);
    } catch (err) {
      failures.push({ target: channel, why: (err as Error).message });
    }
  }
  return { ok: failures.length === 0, delivered, failures };
}
