/**
 * The Slack side of keeping Slack in step with the schedule: read what Slack holds (user group
 * members, channel topics), find Slack ids by email, and make the calls the core planned. No
 * policy here: which calls to make is the core's (src/core/slack-sync/plan.ts).
 */
import type { SlackState, SlackSyncCall } from '../../core/slack-sync/plan.js';
import { SlackCallError, type SlackClient } from './client.js';

/**
 * The members of `groups` and the topics of `channels`, as Slack holds them now: one
 * `usergroups.list` (with its users) and one `conversations.info` per channel. A failure throws:
 * without the current state nothing can be compared, so nothing is written.
 */
export async function readSlackState(
  slack: SlackClient,
  groups: readonly string[],
  channels: readonly string[],
): Promise<SlackState> {
  const members = new Map<string, string[]>();
  if (groups.length > 0) {
    const answer = await slack.call('usergroups.list', { include_users: true });
    if (!Array.isArray(answer.usergroups)) {
      throw new SlackCallError(
        'usergroups.list',
        'bad_answer',
        'Slack usergroups.list answered without usergroups',
      );
    }
    for (const group of answer.usergroups as { id?: unknown; users?: unknown }[]) {
      if (typeof group.id !== 'string' || !groups.includes(group.id)) continue;
      members.set(group.id, Array.isArray(group.users) ? group.users.map(String) : []);
    }
  }
  const topics = new Map<string, string>();
  for (const channel of channels) {
    const answer = await slack.call('conversations.info', { channel });
    const topic = (answer.channel as { topic?: { value?: unknown } } | undefined)?.topic?.value;
    if (typeof topic !== 'string') {
      throw new SlackCallError(
        'conversations.info',
        'bad_answer',
        `Slack conversations.info answered without the topic of ${channel}`,
      );
    }
    topics.set(channel, topic);
  }
  return { groups: members, topics };
}

/**
 * Slack ids by email, keyed by lowercase login; a person Slack does not know (or whose account is
 * deactivated) maps to undefined. Any other failure throws.
 */
export async function lookUpSlackIds(
  slack: SlackClient,
  people: readonly { github: string; email: string }[],
): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  for (const { github, email } of people) {
    const user = await slack.lookupUserByEmail(email);
    found.set(github.toLowerCase(), user && !user.deleted ? user.id : undefined);
  }
  return found;
}

export interface AppliedSync {
  /** What was done, one line per call. */
  done: string[];
  /** What failed, one line per call; each is planned again on the next tick. */
  failures: string[];
}

/**
 * Makes the planned calls, each on its own: one failing does not stop the others. A channel's
 * topic waits for its alert: when the alert did not go out the topic is left as it is, so the next
 * tick plans both again (the topic is the record that the alert was sent).
 */
export async function applySlackSync(
  slack: SlackClient,
  calls: readonly SlackSyncCall[],
): Promise<AppliedSync> {
  const done: string[] = [];
  const failures: string[] = [];
  const alertFailed = new Set<string>();
  for (const call of calls) {
    try {
      switch (call.kind) {
        case 'alert':
          try {
            await slack.postMessage({ channel: call.channel, text: call.text });
          } catch (err) {
            alertFailed.add(call.channel);
            throw err;
          }
          done.push(`Slack: alerted ${call.channel}: nobody on call can be reached through the user group`);
          break;
        case 'set-topic':
          if (alertFailed.has(call.channel)) {
            failures.push(`Slack: topic of ${call.channel} not set: its alert did not go out`);
            break;
          }
          await slack.setTopic(call.channel, call.topic);
          done.push(`Slack: topic of ${call.channel} set to "${call.topic}"`);
          break;
        case 'set-group':
          await slack.setUserGroupMembers(call.usergroup, call.users);
          done.push(`Slack: user group ${call.usergroup} set to ${call.users.join(', ')}`);
          break;
      }
    } catch (err) {
      failures.push(`Slack: ${describe(call)} failed: ${(err as Error).message}`);
    }
  }
  return { done, failures };
}

function describe(call: SlackSyncCall): string {
  switch (call.kind) {
    case 'alert':
      return `the alert to ${call.channel}`;
    case 'set-topic':
      return `the topic of ${call.channel}`;
    case 'set-group':
      return `the members of user group ${call.usergroup} (${call.users.join(', ')})`;
  }
}
