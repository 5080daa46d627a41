/** GET /repos/{owner}/{repo} and GET /user. */
import { actorOf, type HandlerTable, ok, repoOf } from './context.js';

export const repoAndUserHandlers: HandlerTable = {
  'repos/get': (ctx) => ok(ctx.render.repo(repoOf(ctx))),
  'users/get-authenticated': (ctx) => ok(ctx.render.authenticatedUser(actorOf(ctx))),
};
