/**
 * The local Slack emulator: start it, seed it, point the WebClient's `slackApiUrl` at `apiUrl`.
 *
 *   const slack = await startSlackEmulator();
 *   slack.seed.user({ id: 'U01ALICE', name: 'alice', email: 'alice@example.com' });
 *   slack.seed.channel({ id: 'C0INCIDENTS', name: 'incidents' });
 *   slack.seed.userGroup({ id: 'S0ONCALL', handle: 'oncall', users: ['U01ALICE'] });
 *   slack.inject({ method: 'chat.postMessage', kind: 'rate-limit', retryAfter: 1 });
 *   slack.setScopes(['chat:write', 'im:write']);   // a narrower app: other calls get missing_scope
 *   const web = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
 *   ...
 *   slack.log          // every call: method, args, status, ok, error, fault, applied
 *   slack.messages()   // what was posted: channel, ts, text, blocks, threadTs
 *   slack.violations   // every call Slack would refuse as misuse
 *   await slack.close();
 */
export { SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from './emulator.js';
export type { SlackFault, SlackFaultKind, SlackFaultMatch } from './faults.js';
export {
  formatSlackViolation,
  type SlackRequestLogEntry,
  type SlackViolation,
  type SlackViolationKind,
} from './request-log.js';
export { DEFAULT_BOT_SCOPES } from './scopes.js';
export type { SlackSeeder } from './seed.js';
export type {
  NewChannel,
  NewUser,
  NewUserGroup,
  SlackConversationRecord,
  SlackMessageRecord,
  SlackStore,
  SlackUserGroupRecord,
  SlackUserRecord,
} from './state.js';
