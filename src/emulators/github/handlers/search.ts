/** GET /search/issues over every repository in the emulator, with the query subset of search-query.ts. */
import { Unsupported } from '../errors.js';
import { paginate } from '../pagination.js';
import { parseSearchQuery, type SearchQuery, UnsupportedQuery } from '../search-query.js';
import type { IssueRecord, RepoRecord } from '../state/records.js';
import type { GitHubStore } from '../state/store.js';
import { type HandlerTable, ok, sortBy } from './context.js';

const SORTS = new Set(['created', 'updated', 'comments']);

export const searchHandlers: HandlerTable = {
  'search/issues-and-pull-requests': (ctx) => {
    let query: SearchQuery;
    try {
      query = parseSearchQuery(ctx.query.q ?? '');
    } catch (err) {
      if (err instanceof UnsupportedQuery) throw new Unsupported(`search: ${err.message}`);
      throw err;
    }
    const sort = ctx.query.sort;
    if (sort !== undefined && !SORTS.has(sort)) throw new Unsupported(`search sort "${sort}"`);
    const hits: Array<{ repo: RepoRecord; issue: IssueRecord }> = [];
    for (const repo of ctx.store.allRepos()) {
      const fullName = `${repo.owner.login}/${repo.name}`.toLowerCase();
      if (query.repos.length && !query.repos.includes(fullName)) continue;
      for (const issue of repo.issues.values()) {
        if (matches(ctx.store, repo, issue, query)) hits.push({ repo, issue });
      }
    }
    const key = ({ issue }: { issue: IssueRecord }): number =>
      sort === 'updated'
        ? issue.updatedAt.getTime()
        : sort === 'comments'
          ? issue.comments
          : issue.createdAt.getTime();
    const ordered = sortBy(hits, key, ctx.query.order ?? 'desc', ({ issue }) => issue.id);
    const { items, headers } = paginate(ordered, ctx.url, ctx.query);
    return ok(
      {
        total_count: ordered.length,
        incomplete_results: ctx.searchIncomplete,
        items: items.map(({ repo, issue }) => ctx.render.searchItem(repo, issue)),
        search_type: 'lexical',
      },
      headers,
    );
  },
};

function matches(store: GitHubStore, repo: RepoRecord, issue: IssueRecord, q: SearchQuery): boolean {
  if (q.type === 'issue' && issue.pull) return false;
  if (q.type === 'pr' && !issue.pull) return false;
  if (q.state && issue.state !== q.state) return false;
  const labels = store.labelsOf(repo, issue).map((l) => l.name.toLowerCase());
  if (!q.labels.every((group) => group.some((l) => labels.includes(l)))) return false;
  if (q.notLabels.some((l) => labels.includes(l))) return false;
  if (q.noLabel && labels.length) return false;
  if (q.noAssignee && issue.assignees.length) return false;
  if (q.author && issue.user.login.toLowerCase() !== q.author) return false;
  if (q.assignee && !issue.assignees.some((u) => u.login.toLowerCase() === q.assignee)) return false;
  for (const filter of q.dates) {
    const value =
      filter.field === 'created'
        ? issue.createdAt
        : filter.field === 'updated'
          ? issue.updatedAt
          : issue.closedAt;
    if (!value) return false;
    const t = value.getTime();
    if (
      filter.from &&
      (filter.from.inclusive ? t < filter.from.at.getTime() : t <= filter.from.at.getTime())
    ) {
      return false;
    }
    if (filter.to && (filter.to.inclusive ? t > filter.to.at.getTime() : t >= filter.to.at.getTime()))
      return false;
  }
  if (!q.terms.length) return true;
  const fields = q.in.size ? q.in : new Set(['title', 'body', 'comments']);
  const haystack = [
    fields.has('title') ? issue.title : '',
    fields.has('body') ? (issue.body ?? '') : '',
    ...(fields.has('comments') ? store.commentsOn(repo, issue).map((c) => c.body) : []),
  ]
    .join('\n')
    .toLowerCase();
  return q.terms.every((term) => haystack.includes(term));
}
