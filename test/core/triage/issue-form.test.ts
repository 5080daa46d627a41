import { describe, expect, it } from 'vitest';
import { downForUsers, formKind, systemAnswer, systemOptions } from '../../../src/core/triage/forms.js';
import { answer, parseIssueForm } from '../../../src/core/triage/issue-form.js';
import { playbooks } from '../../helpers/triage-fixture.js';

const frontMatters = playbooks.map((playbook) => playbook.frontMatter);

describe('parseIssueForm', () => {
  it('reads each heading and its answer, and _No response_ as no answer', () => {
    const form = parseIssueForm(
      '### What is broken?\n\nCheckout\nreturns 500\n\n### Who is affected?\n\n_No response_\n\n### Is it down for users?\n\nYes\n',
    );
    expect(form.headings).toEqual(['What is broken?', 'Who is affected?', 'Is it down for users?']);
    expect(answer(form, 'What is broken?')).toBe('Checkout\nreturns 500');
    expect(answer(form, 'Who is affected?')).toBeUndefined();
    expect(answer(form, 'is it down for users')).toBe('Yes');
  });

  it('keeps a heading inside a fenced block as part of the answer', () => {
    const form = parseIssueForm(
      '### Logs\n\n```shell\n### not a heading\nerror\n```\n\n### Which system?\n\ngravity',
    );
    expect(answer(form, 'Logs')).toBe('```shell\n### not a heading\nerror\n```');
    expect(answer(form, 'Which system?')).toBe('gravity');
  });

  it('reads Windows line ends, and an empty or missing body as no answers', () => {
    expect(answer(parseIssueForm('### Is it down for users?\r\n\r\nNo\r\n'), 'Is it down for users?')).toBe(
      'No',
    );
    expect(parseIssueForm(null).headings).toEqual([]);
    expect(parseIssueForm('').headings).toEqual([]);
  });
});

describe('the forms as the triage reads them', () => {
  it.each([
    ['### Is it down for users?\n\nYes', 'incident', true],
    ['### Is it down for users?\n\nNo', 'incident', false],
    ['### Is it down for users?\n\n_No response_', 'incident', undefined],
    ['### How can we reproduce it?\n\nclick', 'bug', undefined],
    ['### What do you need?\n\naccess', 'request', undefined],
    ['Free text, no form', undefined, undefined],
  ])('%j is %s, down %s', (body, kind, down) => {
    const form = parseIssueForm(body);
    expect(formKind(form)).toBe(kind);
    expect(downForUsers(form)).toBe(down);
  });

  it('offers one option per playbook, by id, and "not sure" last', () => {
    expect(systemOptions(frontMatters)).toEqual([
      'force — Force (website)',
      'gravity — Gravity (core API)',
      'Not sure / something else',
    ]);
  });

  it.each([
    [
      'gravity — Gravity (core API)',
      { type: 'named', text: 'gravity — Gravity (core API)', system: 'gravity' },
    ],
    ['GRAVITY', { type: 'named', text: 'GRAVITY', system: 'gravity' }],
    ['system:force', { type: 'named', text: 'system:force', system: 'force' }],
    ['Force (website)', { type: 'named', text: 'Force (website)', system: 'force' }],
    ['billing', { type: 'named', text: 'billing' }],
    ['Not sure / something else', { type: 'not-sure' }],
    [undefined, { type: 'none' }],
  ])('the answer %j', (value, expected) => {
    const body = `### Which system?\n\n${value ?? '_No response_'}`;
    expect(systemAnswer(parseIssueForm(body), frontMatters)).toEqual(expected);
  });
});
