/**
 * An on-call repository for the status page tests, built at Wed 2027-03-10 20:00 New York time:
 * - `ops` (America/New_York, a pair, Monday 11:00 handoffs): the current shift runs across the
 *   daylight-saving change of 2027-03-14 (it ends at 11:00 EDT), and a cover is in effect now;
 * - `support` (Europe/Berlin, one slot): published only from next Monday, so nobody is on call now;
 * - hostile text where users write it: a person's name, a cover's reason, incident titles.
 */

export const BUILT_AT = '2027-03-10T20:00:00-05:00';

export const HOSTILE_NAME = '<script>alert("pwned")</script> Eve';
export const HOSTILE_REASON = '<img src=x onerror=alert(1)> dentist';
export const HOSTILE_TITLE = 'Checkout down for <em>everyone</em> <script>alert(2)</script>';

export function statusPageRepoFiles(): Record<string, string> {
  return {
    'rotations/people.yaml': `people:
  - { github: ana, name: Ana Lima, team: red, timezone: America/New_York }
  - { github: ben, name: Ben Okoro, team: blue, timezone: Europe/London }
  - { github: cy, name: Cy Park, team: green, timezone: America/Los_Angeles }
  - { github: dee, name: Dee Quinn, team: red, timezone: America/New_York }
  - github: eve
    name: '${HOSTILE_NAME}'
    team: blue
    timezone: America/New_York
  - { github: fay, name: Fay Wong, team: green, timezone: America/Chicago }
  - { github: gus, name: Gus Berg, team: berlin, timezone: Europe/Berlin }
  - { github: hal, name: Hal Meyer, team: berlin, timezone: Europe/Berlin }
`,
    'rotations/ops/rotation.yaml': `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-02-22
publish_weeks_ahead: 5
`,
    'rotations/ops/schedule.yaml': `rotation: ops
shifts:
  - { start: 2027-02-22, primary: ana, secondary: ben }
  - { start: 2027-03-01, primary: cy, secondary: dee }
  - { start: 2027-03-08, primary: fay, secondary: ben }
  - { start: 2027-03-15, primary: ana, secondary: cy }
  - { start: 2027-03-22, primary: dee, secondary: fay }
  - { start: 2027-03-29, primary: ben, secondary: eve }
  - { start: 2027-04-05, primary: cy, secondary: ana }
  - { start: 2027-04-12, primary: fay, secondary: dee }
overrides:
  - { from: "2027-03-10T18:00", to: "2027-03-11T09:00", replace: ben, with: eve, reason: '${HOSTILE_REASON}' }
`,
    'rotations/support/rotation.yaml': `name: support
members: { teams: [berlin] }
slots: [primary]
timezone: Europe/Berlin
shift: { length_days: 7, handoff: { weekday: monday, time: "09:00" } }
start: 2027-03-15
publish_weeks_ahead: 4
`,
    'rotations/support/schedule.yaml': `rotation: support
shifts:
  - { start: 2027-03-15, primary: gus }
  - { start: 2027-03-22, primary: hal }
  - { start: 2027-03-29, primary: gus }
  - { start: 2027-04-05, primary: hal }
`,
  };
}

/** Open issues as GitHub's "list repository issues" returns them (the fields the page reads). */
export function openIncidentIssues(): unknown[] {
  const labels = (...names: string[]) => names.map((name) => ({ name }));
  return [
    {
      number: 102,
      title: 'Search is slow',
      html_url: 'https://github.com/acme/oncall/issues/102',
      state: 'open',
      labels: labels('incident', 'sev:2', 'system:search', 'status:paged'),
      created_at: '2027-03-10T23:40:00Z',
    },
    {
      number: 101,
      title: HOSTILE_TITLE,
      html_url: 'https://github.com/acme/oncall/issues/101',
      state: 'open',
      labels: labels('incident', 'sev:1', 'system:checkout', 'status:acknowledged'),
      created_at: '2027-03-11T00:05:00Z',
    },
    {
      number: 103,
      title: 'Odd numbers on the dashboard',
      html_url: 'javascript:alert(3)',
      state: 'open',
      labels: labels('incident'),
      created_at: '2027-03-11T00:30:00Z',
    },
    {
      number: 104,
      title: 'A pull request labelled incident',
      html_url: 'https://github.com/acme/oncall/pull/104',
      state: 'open',
      labels: labels('incident'),
      pull_request: { url: 'https://api.github.com/repos/acme/oncall/pulls/104' },
      created_at: '2027-03-09T10:00:00Z',
    },
  ];
}
