/** Reading open incidents from GitHub's issue objects: which count, their order, and bad input named. */
import { describe, expect, it } from 'vitest';
import { IncidentListError, openIncidents } from '../../../src/core/status-page/incidents.js';

const issue = (number: number, labels: string[], extra: Record<string, unknown> = {}) => ({
  number,
  title: `issue ${number}`,
  html_url: `https://github.com/acme/oncall/issues/${number}`,
  state: 'open',
  labels: labels.map((name) => ({ name })),
  created_at: `2027-03-0${number % 9}T10:00:00Z`,
  ...extra,
});

describe('openIncidents', () => {
  it('keeps open issues labelled incident, leaving out pull requests, closed issues and others', () => {
    const list = openIncidents([
      issue(1, ['incident']),
      issue(2, ['incident'], { pull_request: { url: 'x' } }),
      issue(3, ['incident'], { state: 'closed' }),
      issue(4, ['bug']),
      issue(5, ['Incident', 'SEV:2']),
    ]);
    expect(list.map((incident) => [incident.number, incident.severity])).toEqual([
      [5, 2],
      [1, undefined],
    ]);
  });

  it('orders by severity, then the longest open first', () => {
    const list = openIncidents([
      issue(1, ['incident', 'sev:3']),
      issue(2, ['incident', 'sev:1']),
      issue(4, ['incident', 'sev:2']),
      issue(3, ['incident', 'sev:2']),
      issue(8, ['incident']),
    ]);
    expect(list.map((incident) => incident.number)).toEqual([2, 3, 4, 1, 8]);
  });

  it('reads systems, the status and when it was opened', () => {
    const [incident] = openIncidents([
      issue(6, ['incident', 'system:api', 'system:db', 'status:paged', 'status:escalated']),
    ]);
    expect(incident?.systems).toEqual(['api', 'db']);
    expect(incident?.status).toBe('escalated');
    expect(incident?.openedAt?.toISO()).toBe('2027-03-06T10:00:00.000Z');
    expect(openIncidents([issue(7, ['incident'])])[0]?.status).toBe('open');
  });

  it('keeps only an http(s) URL and accepts labels as strings', () => {
    const [incident] = openIncidents([
      { number: 9, title: 't', html_url: 'javascript:alert(1)', labels: ['incident'] },
    ]);
    expect(incident).toEqual({ number: 9, title: 't', systems: [], status: 'open' });
  });

  it('flattens the pages of `gh api --paginate --slurp`', () => {
    expect(openIncidents([[issue(1, ['incident'])], [issue(2, ['incident'])]]).map((i) => i.number)).toEqual([
      1, 2,
    ]);
    expect(openIncidents([])).toEqual([]);
  });

  it.each([
    [{ issues: [] }, 'expected a JSON array of GitHub issues'],
    [[42], 'entry 0: expected an issue object'],
    [[{ title: 'x' }], 'entry 0: "number" must be a positive integer'],
    [[issue(1, ['incident']), { number: 2, title: null }], 'entry 1 (#2): "title" must be text'],
    [[{ number: 3, title: 'x', labels: 'incident' }], 'entry 0: "labels" must be a list'],
  ])('names what is wrong: %j', (input, message) => {
    expect(() => openIncidents(input)).toThrow(IncidentListError);
    expect(() => openIncidents(input)).toThrow(message);
  });
});
