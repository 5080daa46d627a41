/**
 * The tick's Slack part: the on-call user groups and the #incidents topics set to who is on call
 * now, only when that changed. Gather (who is on call, Slack ids by email, what Slack holds now) →
 * decide (core/slack-sync) → apply. Every rotation of the repository counts, whatever the action's
 * `rotation` input: a user group shared by several rotations holds everyone on call in any of them.
 */
import type { Repository } from '../../core/model/repository.js';
import { buildRoster } from '../../core/model/roster.js';
import { planSlackSync, slackOnCall, syncRotation } from '../../core/slack-sync/plan.js';
import { applySlackSync, lookUpSlackIds, readSlackState } from '../../io/slack/sync.js';
import type { ActionRuntime } from '../shared/runtime.js';

export interface SlackSyncOutcome {
  lines: string[];
  /** Failed reads or calls: nothing is marked done, so the next tick plans them again. */
  failures: string[];
}

export async function syncSlack(runtime: ActionRuntime, repository: Repository): Promise<SlackSyncOutcome> {
  const onCall = slackOnCall(
    repository.rotations.map(syncRotation),
    buildRoster(repository.people.people),
    runtime.now,
  );
  if (onCall.rotations.length === 0) return { lines: [], failures: [] };
  const slack = runtime.slack;
  if (!slack) {
    return {
      lines: ['Slack: no token, so the on-call user group and topic are not kept in step'],
      failures: [],
    };
  }
  const lines: string[] = [];
  try {
    const found = await lookUpSlackIds(slack, onCall.lookups);
    const groups = [...new Set(onCall.rotations.flatMap((rotation) => rotation.slack.usergroup ?? []))];
    const channels = [...new Set(onCall.rotations.flatMap((rotation) => rotation.slack.channel ?? []))];
    const plan = planSlackSync(onCall, found, await readSlackState(slack, groups, channels));
    for (const person of plan.unresolved) {
      lines.push(
        `Slack: @${person.github} (${person.rotation} ${person.slot}) is not in the user group: ${person.why}`,
      );
    }
    for (const problem of plan.problems) lines.push(`Slack: ${problem}`);
    if (plan.calls.length === 0) {
      lines.push('Slack: user groups and topics already in step');
      return { lines, failures: [] };
    }
    const applied = await applySlackSync(slack, plan.calls);
    lines.push(...applied.done);
    return { lines, failures: applied.failures };
  } catch (err) {
    return { lines, failures: [`Slack: not brought in step: ${(err as Error).message}`] };
  }
}
