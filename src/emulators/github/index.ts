/**
 * The local GitHub emulator: start it, seed it, point Octokit's `baseUrl` at `url`.
 *
 *   const gh = await startGitHubEmulator({ repos: [{ owner: 'acme', name: 'oncall' }] });
 *   gh.seed.issue('acme/oncall', { title: 'Gravity down', author: 'carol', labels: ['sev:1'] });
 *   gh.seed.files('acme/oncall', { dir: 'path/to/checkout' });   // a commit on the default branch
 *   gh.seed.workflowState('acme/oncall', 'tick.yml', 'disabled_inactivity');
 *   const token = gh.tokenFor('alice', { scopes: ['repo'] });     // a classic token: x-oauth-scopes
 *   gh.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues/{n}/comments', kind: 'status', status: 502 });
 *   const octokit = new Octokit({ auth: 'test-token', baseUrl: gh.url });
 *   ...
 *   gh.log          // every request: method, path, query, body, status, operationId, fault, applied
 *   gh.violations   // every departure from GitHub's OpenAPI description
 *   await gh.close();
 */
export {
  DEFAULT_BOT_LOGIN,
  GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from './emulator.js';
export type { Fault, FaultKind, FaultMatch } from './faults.js';
export { ERRATA, RESPONSE_ERRATA } from './openapi/errata.js';
export { OpenApiValidator, sharedValidator } from './openapi/validator.js';
export { formatViolation, type RequestLogEntry, type Violation, type ViolationKind } from './request-log.js';
export type { RepoName, Seeder, SeedIssue, SeedPull } from './seed.js';
export { blobSha, type FileMap, readFileTree } from './state/git.js';
export type {
  AuthorAssociation,
  CommentRecord,
  CommitRecord,
  GitFile,
  GitRecord,
  IssueRecord,
  LabelRecord,
  PullFileRecord,
  PullRecord,
  RepoRecord,
  RepoRole,
  ReviewRecord,
  StatusRecord,
  UserRecord,
  WorkflowRecord,
  WorkflowState,
} from './state/records.js';
export type { GitHubStore, NewCommit, NewLabel, NewRepo, NewStatus } from './state/store.js';
