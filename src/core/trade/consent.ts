/**
 * Consent: everyone whose time on call a change moves must agree: they authored the pull request
 * or their latest review on its head commit approves it. An admin's approval stands in for someone
 * who cannot give theirs (away or gone at the time of the check). Publishing new shifts needs no
 * consent; the people in them are only mentioned.
 */

import type { DateTime } from 'luxon';
import { unavailability } from '../model/availability.js';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { ScheduleChange } from './schedule-diff.js';

export interface Consent {
  ok: boolean;
  /** Who must agree and has not. */
  missing: string[];
  /** Who agreed, and how. */
  given: { github: string; by: 'author' | 'approval' | 'admin'; admin?: string }[];
}

/** People whose time on call the changes move (publishing aside), in order of first mention. */
export function affectedPeople(changes: readonly ScheduleChange[]): string[] {
  const people = new Map<string, string>();
  const add = (github: string) => {
    if (!people.has(loginKey(github))) people.set(loginKey(github), github);
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'slot':
        add(change.from);
        add(change.to);
        break;
      case 'cover-added':
      case 'cover-removed':
        add(change.replace);
        add(change.with);
        break;
      case 'inserted':
      case 'unpublished':
        for (const person of change.people) add(person);
        break;
      case 'published':
        break;
    }
  }
  return [...people.values()];
}

export function checkConsent(input: {
  affected: readonly string[];
  author?: string;
  approvals: readonly string[];
  admins: readonly string[];
  roster: Roster;
  now: DateTime;
}): Consent {
  const approved = new Set(input.approvals.map(loginKey));
  const adminApproval = input.admins.find((admin) => approved.has(loginKey(admin)));
  const given: Consent['given'] = [];
  const missing: string[] = [];
  for (const github of input.affected) {
    const key = loginKey(github);
    if (input.author && loginKey(input.author) === key) given.push({ github, by: 'author' });
    else if (approved.has(key)) given.push({ github, by: 'approval' });
    else if (adminApproval && cannotConsent(github, input.roster, input.now)) {
      given.push({ github, by: 'admin', admin: adminApproval });
    } else missing.push(github);
  }
  return { ok: missing.length === 0, missing, given };
}

/** Away now, or no longer with us: the person cannot review the pull request. */
export function cannotConsent(github: string, roster: Roster, now: DateTime): boolean {
  const person = findPerson(roster, github);
  if (!person) return true;
  return unavailability(person).some(
    (period) =>
      period.reason !== 'before-joined' &&
      (!period.from || period.from <= now) &&
      (!period.to || now < period.to),
  );
}
