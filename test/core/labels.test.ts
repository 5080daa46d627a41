import { describe, expect, it } from 'vitest';
import { desiredLabels, FIXED_LABELS, MAX_DESCRIPTION, planLabelSync } from '../../src/core/labels.js';
import { playbooks } from '../helpers/triage-fixture.js';

describe('desiredLabels', () => {
  const labels = desiredLabels({ playbooks, teams: ['red', 'blue', 'green'] });
  const names = labels.map((label) => label.name);

  it('holds every label the brief names, with system:ID and team:ID', () => {
    expect(names).toEqual([
      'incident',
      'bug',
      'request',
      'sev:1',
      'sev:2',
      'sev:3',
      'status:paged',
      'status:deferred',
      'status:acknowledged',
      'status:escalated',
      'status:resolved',
      'status:routed',
      'handoff',
      'system:force',
      'system:gravity',
      'team:blue',
      'team:green',
      'team:red',
    ]);
  });

  it('gives each a six-digit colour and a description GitHub accepts', () => {
    for (const label of labels) {
      expect(label.color, label.name).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length, label.name).toBeGreaterThan(0);
      expect(label.description.length, label.name).toBeLessThanOrEqual(MAX_DESCRIPTION);
      expect(label.name.length, label.name).toBeLessThanOrEqual(50);
    }
    expect(labels.find((label) => label.name === 'system:gravity')?.description).toBe(
      'Gravity (core API): playbook playbooks/gravity.md',
    );
  });

  it("adds a playbook's team even when nobody on the roster is in it", () => {
    expect(desiredLabels({ playbooks, teams: [] }).map((label) => label.name)).toContain('team:blue');
  });

  it('clips a long description to 100 characters', () => {
    const long = [
      {
        file: 'playbooks/x.md',
        frontMatter: { system: 'x', title: 'T'.repeat(150), team: 't', point_people: [] },
      },
    ];
    const label = desiredLabels({ playbooks: long, teams: [] }).find((item) => item.name === 'system:x');
    expect(label?.description).toHaveLength(MAX_DESCRIPTION);
  });
});

describe('planLabelSync', () => {
  const wanted = FIXED_LABELS.slice(0, 3);

  it('creates the missing, updates the drifted, leaves the rest; names compare without case', () => {
    const plan = planLabelSync(wanted, [
      { name: 'Incident', color: 'B60205', description: FIXED_LABELS[0]?.description ?? '' },
      { name: 'bug', color: 'ee0701', description: null },
      { name: 'question', color: 'cc317c', description: 'not ours' },
    ]);
    expect(plan.unchanged).toEqual(['Incident']);
    expect(plan.update).toEqual([
      {
        name: 'bug',
        color: 'd73a4a',
        description: FIXED_LABELS[1]?.description,
        before: { color: 'ee0701', description: null },
      },
    ]);
    expect(plan.create.map((label) => label.name)).toEqual(['request']);
  });
});
