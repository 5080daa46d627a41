/**
 * Everyone who can be paged resolves to an active Slack member: by their roster `slack` id
 * (users.info), else by their `email` (users.lookupByEmail), as the tick and the pager find them.
 * Someone who does not resolve is left out of the on-call user group and gets no DM page.
 */
import { type Blocker, blocked, type DoctorCheck, FILES_BLOCKER, failed, passed } from './check.js';
import { reason, type SlackFacts } from './facts.js';
import type { SlackLookup } from './needs.js';

const NAME = 'slack-people';

export function checkSlackPeople(
  lookups: readonly SlackLookup[] | undefined,
  facts: SlackFacts,
  blocker: Blocker | undefined,
): DoctorCheck {
  if (blocker) return blocked(NAME, blocker);
  if (!lookups) return blocked(NAME, FILES_BLOCKER);
  if (lookups.length === 0) {
    return passed(NAME, 'nobody in the roster has a Slack id or an email to look up: nothing to check');
  }
  const problems: string[] = [];
  let refused = false;
  for (const lookup of lookups) {
    const found = facts.people?.[lookup.github];
    const what = lookup.by === 'id' ? lookup.value : `email ${lookup.value}`;
    if (!found) problems.push(`${lookup.github}: ${what} was not looked up`);
    else if (!found.ok) {
      refused ||= found.code === 'missing_scope';
      problems.push(`${lookup.github}: ${what} could not be looked up (${reason(found)})`);
    } else if (found.value === null) {
      problems.push(
        lookup.by === 'id'
          ? `${lookup.github}: no Slack member ${lookup.value}`
          : `${lookup.github}: no Slack account with the email ${lookup.value}`,
      );
    } else if (found.value.deleted) {
      problems.push(`${lookup.github}: ${found.value.id} is deactivated`);
    } else if (found.value.isBot) {
      problems.push(`${lookup.github}: ${found.value.id} is a bot, not a person`);
    }
  }
  if (problems.length === 0) {
    const byId = lookups.filter((lookup) => lookup.by === 'id').length;
    return passed(
      NAME,
      `all ${lookups.length} people resolve to active Slack members (${byId} by id, ${lookups.length - byId} by email)`,
    );
  }
  return failed(
    NAME,
    `${problems.length} of ${lookups.length} people do not resolve, so they are not paged in Slack nor put in the user group: ${problems.join('; ')}`,
    refused
      ? 'add the missing scope (see slack-scopes), then run doctor again'
      : "in rotations/people.yaml, set each one's `slack:` to their member id (Slack: their profile → ⋮ → Copy member ID) " +
          'or an `email:` their Slack account has; set `left:` for people who left',
  );
}
