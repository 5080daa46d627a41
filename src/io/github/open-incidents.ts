/**
 * The repository's open issues labelled `incident`, as GitHub returns them, for the status page.
 * Reads at most MAX_PAGES pages of 100: a page of a thousand open incidents says enough, and the
 * build stays fast; `truncated` tells the page that more are open.
 */
import type { GitHub } from './client.js';

export const MAX_PAGES = 10;

export async function listOpenIncidentIssues(
  github: GitHub,
  repo: { owner: string; repo: string },
): Promise<{ issues: unknown[]; truncated: boolean }> {
  let pages = 0;
  let truncated = false;
  const issues = await github.paginate(
    github.rest.issues.listForRepo,
    { owner: repo.owner, repo: repo.repo, labels: 'incident', state: 'open', per_page: 100 },
    (response, done) => {
      pages += 1;
      if (pages >= MAX_PAGES) {
        truncated = /\brel="next"/.test(response.headers.link ?? '');
        done();
      }
      return response.data;
    },
  );
  return { issues, truncated };
}
