/**
 * GET /repos/{owner}/{repo} (with the caller's `permissions`), GET /user, and a person's permission
 * on a repository (GET /repos/{owner}/{repo}/collaborators/{username}/permission).
 */
import type { RepoRole } from '../state/records.js';
import { actorOf, type HandlerTable, ok, repoOf } from './context.js';

/** What each role may do, as the `permissions` of a repository shows it. */
const PERMISSIONS: Record<RepoRole, Record<'admin' | 'maintain' | 'push' | 'triage' | 'pull', boolean>> = {
  read: { admin: false, maintain: false, push: false, triage: false, pull: true },
  triage: { admin: false, maintain: false, push: false, triage: true, pull: true },
  write: { admin: false, maintain: false, push: true, triage: true, pull: true },
  maintain: { admin: false, maintain: true, push: true, triage: true, pull: true },
  admin: { admin: true, maintain: true, push: true, triage: true, pull: true },
};

export const repoAndUserHandlers: HandlerTable = {
  'repos/get': (ctx) => {
    const repo = repoOf(ctx);
    const { permissions: _default, ...rest } = ctx.render.repo(repo);
    // Without a token GitHub says nothing about permissions.
    return ok(ctx.actor ? { ...rest, permissions: PERMISSIONS[ctx.store.role(repo, ctx.actor)] } : rest);
  },
  'users/get-authenticated': (ctx) => ok(ctx.render.authenticatedUser(actorOf(ctx))),
  'repos/get-collaborator-permission-level': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const user = ctx.store.user(ctx.pathParams.username ?? '');
    // A seeded role, else the owner is admin, a member or collaborator writes, anyone else has none.
    const association = ctx.store.association(repo, user);
    const seeded = repo.settings.roles.get(user.login.toLowerCase());
    const role: RepoRole | 'none' =
      seeded ??
      (association === 'OWNER'
        ? 'admin'
        : ['MEMBER', 'COLLABORATOR'].includes(association)
          ? 'write'
          : 'none');
    return ok(ctx.render.collaboratorPermission(user, role));
  },
};
