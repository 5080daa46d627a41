/**
 * Who to tell when a push changed a schedule: each person whose future time on call moved, with
 * the times they no longer have (old) and the times they now have (new). Publishing new weeks is
 * left out (the publish pull request mentions those people). Pure: both sides of the schedule and
 * the clock come in as data.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import { diffSchedules, type ScheduleSide } from '../trade/schedule-diff.js';

export interface MovedPeriod {
  from: DateTime;
  to: DateTime;
  /** e.g. "primary, shift of 2027-02-15" or "cover of ana". */
  what: string;
}

export interface ChangeNotice {
  github: string;
  rotation: string;
  removed: MovedPeriod[];
  added: MovedPeriod[];
}

export function changeNotices(input: {
  rotation: string;
  base: ScheduleSide;
  head: ScheduleSide;
  now: DateTime;
}): ChangeNotice[] {
  const notices = new Map<string, ChangeNotice>();
  const entry = (github: string) => {
    const key = loginKey(github);
    let found = notices.get(key);
    if (!found) {
      found = { github, rotation: input.rotation, removed: [], added: [] };
      notices.set(key, found);
    }
    return found;
  };
  for (const change of diffSchedules(input.base, input.head)) {
    if (change.kind === 'published') continue;
    if (change.period.to <= input.now) continue;
    const period = { from: change.period.from, to: change.period.to };
    switch (change.kind) {
      case 'slot':
        entry(change.from).removed.push({ ...period, what: `${change.slot}, shift of ${change.start}` });
        entry(change.to).added.push({ ...period, what: `${change.slot}, shift of ${change.start}` });
        break;
      case 'cover-added':
        entry(change.replace).removed.push({ ...period, what: `covered by ${change.with}` });
        entry(change.with).added.push({ ...period, what: `covering ${change.replace}` });
        break;
      case 'cover-removed':
        entry(change.replace).added.push({ ...period, what: `no longer covered by ${change.with}` });
        entry(change.with).removed.push({ ...period, what: `no longer covering ${change.replace}` });
        break;
      case 'inserted':
        for (const person of change.people) {
          entry(person).added.push({ ...period, what: `shift of ${change.start}` });
        }
        break;
      case 'unpublished':
        for (const person of change.people) {
          entry(person).removed.push({ ...period, what: `shift of ${change.start}` });
        }
        break;
    }
  }
  return [...notices.values()].filter((notice) => notice.removed.length + notice.added.length > 0);
}

export function noticeKey(sha: string, github: string): string {
  return `schedule-change:${sha.slice(0, 12)}:${loginKey(github)}`;
}

export function noticeText(notice: ChangeNotice, zone: string, sha: string, url?: string): string {
  const at = (instant: DateTime) => instant.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');
  const line = (period: MovedPeriod) => `• ${at(period.from)} to ${at(period.to)} (${period.what})`;
  return [
    `Your on-call time in ${notice.rotation} changed (${zone}):`,
    ...(notice.removed.length > 0 ? ['No longer on call:', ...notice.removed.map(line)] : []),
    ...(notice.added.length > 0 ? ['Now on call:', ...notice.added.map(line)] : []),
    `${url ? `Change: ${url} ` : ''}(${noticeKey(sha, notice.github)})`,
  ].join('\n');
}
