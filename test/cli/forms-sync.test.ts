/**
 * The intake forms: the committed ones are in line with playbooks/ (this test fails when they are
 * not: run `oncall forms sync`), they have the headings the triage reads, and the generator edits
 * only the system list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIELD, FORM_MARKERS, SYSTEM_FIELD_ID, SYSTEM_NOT_SURE } from '../../src/core/triage/forms.js';
import { rewriteSystemOptions } from '../../src/io/issue-forms.js';
import { makeRepo, runCli } from '../helpers/repo.js';
import { triageRepoFiles } from '../helpers/triage-fixture.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const FORMS = ['incident', 'bug', 'request'] as const;

function committed(name: string): string {
  return readFileSync(path.join(PROJECT, '.github/ISSUE_TEMPLATE', `${name}.yml`), 'utf8');
}

interface Form {
  labels: string[];
  body: { type: string; id?: string; attributes: { label?: string; options?: string[] } }[];
}

describe('the committed intake forms', () => {
  it('are up to date with playbooks/ (else: npx oncall forms sync)', async () => {
    const run = await runCli(['forms', 'sync', '--check', '--root', PROJECT, '--json']);
    expect(run.json().updated, 'out of date: run `npx oncall forms sync` and commit the forms').toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().unchanged).toEqual(FORMS.map((name) => `.github/ISSUE_TEMPLATE/${name}.yml`).sort());
  });

  it.each(FORMS)('%s.yml carries its label, its marker heading and the system dropdown', (name) => {
    const form = parse(committed(name)) as Form;
    expect(form.labels).toEqual([name]);
    const labels = form.body.map((field) => field.attributes.label);
    expect(labels).toContain(FORM_MARKERS[name]);
    expect(labels).toContain(FIELD.system);
    const system = form.body.find((field) => field.id === SYSTEM_FIELD_ID);
    expect(system?.type).toBe('dropdown');
    expect(system?.attributes.options?.at(-1)).toBe(SYSTEM_NOT_SURE);
  });

  it('the incident form asks "Is it down for users?" with Yes and No', () => {
    const form = parse(committed('incident')) as Form;
    const down = form.body.find((field) => field.attributes.label === FIELD.down);
    expect(down).toMatchObject({ type: 'dropdown', attributes: { options: ['Yes', 'No'] } });
  });

  it('config.yml turns blank issues off and links the on-call docs', () => {
    const config = parse(readFileSync(path.join(PROJECT, '.github/ISSUE_TEMPLATE/config.yml'), 'utf8'));
    expect(config.blank_issues_enabled).toBe(false);
    expect(config.contact_links[0].url).toMatch(/^https:\/\/.+incidents\.md$/);
  });
});

describe('oncall forms sync', () => {
  function repoWithForms() {
    const files = triageRepoFiles();
    for (const name of FORMS) files[`.github/ISSUE_TEMPLATE/${name}.yml`] = committed(name);
    return makeRepo(files);
  }
  const read = (root: string, name: string) =>
    readFileSync(path.join(root, '.github/ISSUE_TEMPLATE', `${name}.yml`), 'utf8');

  it('rewrites only the system options of each form from the playbooks', async () => {
    const root = repoWithForms();
    const check = await runCli(['forms', 'sync', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('out of date');

    const run = await runCli(['forms', 'sync', '--root', root, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({
      options: ['force — Force (website)', 'gravity — Gravity (core API)', SYSTEM_NOT_SURE],
      updated: FORMS.map((name) => `.github/ISSUE_TEMPLATE/${name}.yml`).sort(),
    });
    for (const name of FORMS) {
      const before = parse(committed(name)) as Form;
      const after = parse(read(root, name)) as Form;
      const system = after.body.find((field) => field.id === SYSTEM_FIELD_ID);
      expect(system?.attributes.options).toEqual(run.json().options);
      // Everything else is as it was, comments included.
      for (const field of [before, after])
        delete field.body.find((item) => item.id === SYSTEM_FIELD_ID)?.attributes.options;
      expect(after).toEqual(before);
      const comments = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('#'));
      expect(comments(read(root, name))).toEqual(comments(committed(name)));
    }
    expect((await runCli(['forms', 'sync', '--check', '--root', root])).code).toBe(0);
  });

  it('--dry-run and --check write nothing', async () => {
    const root = repoWithForms();
    expect((await runCli(['forms', 'sync', '--dry-run', '--root', root])).stdout).toContain('would update');
    await runCli(['forms', 'sync', '--check', '--root', root]);
    for (const name of FORMS) expect(read(root, name)).toBe(committed(name));
  });

  it('refuses to write while a playbook has errors (its system would leave the forms)', async () => {
    const root = repoWithForms();
    writeFileSync(path.join(root, 'playbooks/force.md'), '---\nsystem: force\n---\n# no title\n');
    const run = await runCli(['forms', 'sync', '--root', root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a playbook has errors');
    expect(read(root, 'incident')).toBe(committed('incident'));
  });

  it('says so when no form has a system dropdown', async () => {
    const run = await runCli(['forms', 'sync', '--root', makeRepo(triageRepoFiles())]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has a dropdown with id "system"');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['forms'])).code).toBe(2);
    expect((await runCli(['forms', 'build'])).code).toBe(2);
  });
});

describe('rewriteSystemOptions', () => {
  it('turns a flow list into the generated block list, keeping Windows line ends', () => {
    const text =
      'body:\r\n  - type: dropdown\r\n    id: system\r\n    attributes:\r\n      label: Which system?\r\n      options: [a, b]\r\n    validations:\r\n      required: true\r\n';
    const result = rewriteSystemOptions(text, ['x — X', SYSTEM_NOT_SURE]);
    expect(result.ok && result.found).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain('      options: # generated');
    expect(result.text).toContain(
      '\r\n        - "x — X"\r\n        - "Not sure / something else"\r\n    validations:',
    );
    expect(parse(result.text).body[0].attributes.options).toEqual(['x — X', SYSTEM_NOT_SURE]);
  });

  it('leaves a form without a system dropdown alone, and reports broken YAML', () => {
    expect(rewriteSystemOptions('body:\n  - type: textarea\n    id: x\n', ['a'])).toEqual({
      ok: true,
      text: 'body:\n  - type: textarea\n    id: x\n',
      found: false,
    });
    expect(rewriteSystemOptions('body: [', ['a']).ok).toBe(false);
  });
});
