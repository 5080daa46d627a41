/** GitHub Pages as the repository's settings show it: off (404), or built by a workflow or a branch. */
import { GitHubError } from '../errors.js';
import { type HandlerTable, ok, repoOf } from './context.js';

export const pagesHandlers: HandlerTable = {
  'repos/get-pages': (ctx) => {
    const repo = repoOf(ctx);
    const pages = repo.settings.pages;
    if (!pages) throw new GitHubError(404, 'Not Found');
    const site = `https://${repo.owner.login.toLowerCase()}.github.io/${repo.name}/`;
    return ok({
      url: ctx.url.href,
      status: 'built',
      cname: null,
      custom_404: false,
      html_url: site,
      build_type: pages.buildType,
      source: { branch: 'main', path: '/' },
      public: true,
      https_enforced: true,
    });
  },
};
