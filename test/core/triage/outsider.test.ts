/**
 * A report from outside the team (neither on the roster nor a member or collaborator of the
 * repository's owner) is triaged and answered kindly, but pages and assigns nobody until a roster
 * member confirms it. Everything it names is echoed inert.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TriageIssue } from '../../../src/core/triage/decision.js';
import { triageIssue } from '../../../src/core/triage/triage.js';
import {
  bugBody,
  incidentBody,
  repository,
  rotationSource,
  usHolidays2027,
} from '../../helpers/triage-fixture.js';

/** Saturday 03:00 New York: ana (New York) and ben (London) on call. */
const NIGHT = '2027-01-09T03:00-05:00';

function decide(issue: Partial<TriageIssue>) {
  const result = triageIssue({
    issue: {
      title: 'Checkout is down',
      body: incidentBody('Yes', 'gravity'),
      labels: ['incident'],
      author: 'x',
      ...issue,
    },
    repository,
    rotation: rotationSource,
    holidays: usHolidays2027,
    now: DateTime.fromISO(NIGHT, { setZone: true }),
  });
  if (!result.triaged) throw new Error(result.reason);
  return result.decision;
}

describe("an outsider's report", () => {
  it.each(['NONE', 'CONTRIBUTOR', 'FIRST_TIMER', 'FIRST_TIME_CONTRIBUTOR', 'MANNEQUIN', undefined])(
    'from an author with association %s pages and assigns nobody and waits for a confirmation',
    (association) => {
      const decision = decide({
        author: 'mallory',
        ...(association ? { authorAssociation: association } : {}),
      });
      expect(decision).toMatchObject({
        severity: 1,
        page: { now: [], later: [] },
        assignees: [],
        unconfirmed: true,
        reporter: { login: 'mallory', member: false },
      });
      expect(decision.labels.some((label) => label.startsWith('status:'))).toBe(false);
      // Who the policy would page is still known, for the people who confirm it.
      expect(
        decision.people.filter((person) => person.page === 'now').map((person) => person.github),
      ).toEqual(expect.arrayContaining(['ana', 'ben']));
      expect(decision.reply).toContain('waiting for the on-call team to confirm');
      expect(decision.reply).toContain('`/confirm`');
      expect(decision.reply).not.toMatch(/paged now|are paged/);
    },
  );

  it.each([
    ['a member', { author: 'someone', authorAssociation: 'MEMBER' }],
    ['a collaborator', { author: 'someone', authorAssociation: 'COLLABORATOR' }],
    ['the owner', { author: 'someone', authorAssociation: 'OWNER' }],
    ['a roster person with no association', { author: 'dee', authorAssociation: 'NONE' }],
  ])('from %s pages at once', (_name, author) => {
    const decision = decide(author);
    expect(decision.unconfirmed).toBeUndefined();
    expect(decision.page.now).toEqual(expect.arrayContaining(['ana', 'ben']));
  });

  it('a bug from outside is routed as any bug: nothing to confirm', () => {
    const decision = decide({
      author: 'mallory',
      authorAssociation: 'NONE',
      labels: ['bug'],
      body: bugBody('gravity'),
    });
    expect(decision.routed).toBe(true);
    expect(decision.unconfirmed).toBeUndefined();
  });

  it('echoes the system it names inert', () => {
    const decision = decide({
      author: 'mallory',
      authorAssociation: 'NONE',
      body: incidentBody('Yes', '@acme/everyone [x](https://evil.example) <img src=x>'),
    });
    expect(decision.reply).toContain('@\u200dacme/everyone');
    expect(decision.reply).not.toMatch(/@acme|(?<!\\)\]\(|<img|https:\/\/evil/);
  });
});
