/** page/per_page slicing and the Link header GitHub sends with every paginated list. */

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** Slices `all` for the request's `page` and `per_page` and links the other pages from `url`. */
export function paginate<T>(all: readonly T[], url: URL, query: Record<string, string>): Page<T> {
  const perPage = clamp(toInt(query.per_page) ?? DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
  const page = Math.max(1, toInt(query.page) ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string): string => {
    const target = new URL(url.href);
    target.searchParams.set('per_page', String(perPage));
    target.searchParams.set('page', String(n));
    return `<${target.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { items, headers: links.length ? { link: links.join(', ') } : {} };
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
