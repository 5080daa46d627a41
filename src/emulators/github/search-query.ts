/**
 * The part of GitHub's issue search language the emulator understands: repo:, is:issue|pr|open|closed,
 * state:, type:, label: (comma = any of), -label:, no:label, no:assignee, author:, assignee:,
 * in:title|body|comments, created:/updated:/closed: with >, >=, <, <= or a..b, and free text
 * (words or "quoted phrases"). Anything else is refused loudly rather than silently ignored.
 */

export interface DateFilter {
  field: 'created' | 'updated' | 'closed';
  from?: { at: Date; inclusive: boolean };
  to?: { at: Date; inclusive: boolean };
}

export interface SearchQuery {
  repos: string[];
  type?: 'issue' | 'pr';
  state?: 'open' | 'closed';
  /** Every group must match; a group matches when the item has any of its labels. */
  labels: string[][];
  notLabels: string[];
  noLabel: boolean;
  noAssignee: boolean;
  author?: string;
  assignee?: string;
  in: Set<'title' | 'body' | 'comments'>;
  terms: string[];
  dates: DateFilter[];
}

export class UnsupportedQuery extends Error {}

const TOKEN = /(-?)([a-z_]+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/gi;

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = {
    repos: [],
    labels: [],
    notLabels: [],
    noLabel: false,
    noAssignee: false,
    in: new Set(),
    terms: [],
    dates: [],
  };
  for (const match of q.matchAll(TOKEN)) {
    const [, negated, rawKey, rawValue, phrase, word] = match;
    if (phrase !== undefined) {
      if (phrase.trim()) query.terms.push(phrase.toLowerCase());
      continue;
    }
    if (word !== undefined) {
      if (/^(AND|OR|NOT)$/.test(word)) throw new UnsupportedQuery(`the boolean operator ${word}`);
      query.terms.push(word.toLowerCase());
      continue;
    }
    const key = (rawKey ?? '').toLowerCase();
    const value = unquote(rawValue ?? '');
    const qualifier = `${negated}${key}:`;
    switch (`${negated}${key}`) {
      case 'repo':
        query.repos.push(value.toLowerCase());
        break;
      case 'is':
      case 'type':
      case 'state':
        applyIs(query, value.toLowerCase(), qualifier);
        break;
      case 'label':
        query.labels.push(value.split(',').map((l) => unquote(l).toLowerCase()));
        break;
      case '-label':
        query.notLabels.push(...value.split(',').map((l) => unquote(l).toLowerCase()));
        break;
      case 'no':
        if (value === 'label') query.noLabel = true;
        else if (value === 'assignee') query.noAssignee = true;
        else throw new UnsupportedQuery(`${qualifier}${value}`);
        break;
      case 'author':
        query.author = value.toLowerCase();
        break;
      case 'assignee':
        query.assignee = value.toLowerCase();
        break;
      case 'in':
        for (const field of value.toLowerCase().split(',')) {
          if (field !== 'title' && field !== 'body' && field !== 'comments') {
            throw new UnsupportedQuery(`${qualifier}${field}`);
          }
          query.in.add(field);
        }
        break;
      case 'created':
      case 'updated':
      case 'closed':
        query.dates.push(parseDateFilter(key as DateFilter['field'], value));
        break;
      default:
        throw new UnsupportedQuery(`the qualifier ${qualifier}`);
    }
  }
  return query;
}

function applyIs(query: SearchQuery, value: string, qualifier: string): void {
  if (value === 'issue') query.type = 'issue';
  else if (value === 'pr' || value === 'pull-request') query.type = 'pr';
  else if (value === 'open' || value === 'closed') query.state = value;
  else throw new UnsupportedQuery(`${qualifier}${value}`);
}

function parseDateFilter(field: DateFilter['field'], value: string): DateFilter {
  const parse = (text: string): Date => {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new UnsupportedQuery(`the date "${text}" in ${field}:`);
    return date;
  };
  if (value.includes('..')) {
    const [from = '*', to = '*'] = value.split('..');
    const filter: DateFilter = { field };
    if (from !== '*') filter.from = { at: parse(from), inclusive: true };
    if (to !== '*') filter.to = { at: parse(to), inclusive: true };
    return filter;
  }
  const op = /^(>=|<=|>|<)?(.*)$/.exec(value);
  const at = parse(op?.[2] ?? value);
  switch (op?.[1]) {
    case '>':
      return { field, from: { at, inclusive: false } };
    case '>=':
      return { field, from: { at, inclusive: true } };
    case '<':
      return { field, to: { at, inclusive: false } };
    case '<=':
      return { field, to: { at, inclusive: true } };
    default:
      return {
        field,
        from: { at, inclusive: true },
        to: { at: endOfDay(at, op?.[2] ?? value), inclusive: false },
      };
  }
}

/** `created:2026-12-01` means that whole day (UTC); a full timestamp means that instant. */
function endOfDay(at: Date, text: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? new Date(at.getTime() + 86_400_000)
    : new Date(at.getTime() + 1000);
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
