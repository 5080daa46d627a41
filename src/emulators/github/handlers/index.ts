/** Every route the emulator serves, by OpenAPI operationId. */
import { actionsHandlers } from './actions.js';
import { branchRuleHandlers } from './branch-rules.js';
import { commentHandlers } from './comments.js';
import { contentHandlers } from './contents.js';
import type { HandlerTable } from './context.js';
import { gitHandlers } from './git.js';
import { issueHandlers } from './issues.js';
import { labelHandlers } from './labels.js';
import { pagesHandlers } from './pages.js';
import { pullHandlers } from './pulls.js';
import { repoAndUserHandlers } from './repos-users.js';
import { searchHandlers } from './search.js';
import { statusHandlers } from './statuses.js';

export const handlers: HandlerTable = {
  ...repoAndUserHandlers,
  ...issueHandlers,
  ...commentHandlers,
  ...labelHandlers,
  ...searchHandlers,
  ...pullHandlers,
  ...gitHandlers,
  ...contentHandlers,
  ...statusHandlers,
  ...actionsHandlers,
  ...pagesHandlers,
  ...branchRuleHandlers,
};
