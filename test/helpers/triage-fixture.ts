/**
 * A small on-call repository for triage tests, as plain data (for the core) and as files (for the
 * CLI): six people in four timezones, a weekly pair rotation from 2027-01-04 with US holidays and
 * escalation, and two playbooks. Issue bodies are written the way GitHub writes issue forms.
 */
import type { PlaybookSource, Repository, RotationSource } from '../../src/core/model/repository.js';
import type { PeopleFile, RotationFile, ScheduleFile } from '../../src/core/model/schemas.js';

export const people: PeopleFile = {
  people: [
    { github: 'ana', name: 'Ana', team: 'red', timezone: 'America/New_York' },
    { github: 'ben', name: 'Ben', team: 'blue', timezone: 'Europe/London' },
    { github: 'cy', name: 'Cy', team: 'green', timezone: 'America/Los_Angeles' },
    { github: 'dee', name: 'Dee', team: 'red', timezone: 'America/New_York' },
    { github: 'eli', name: 'Eli', team: 'blue', timezone: 'Asia/Tokyo' },
    { github: 'fay', name: 'Fay', team: 'green', timezone: 'America/Chicago' },
  ],
};

export const rotation: RotationFile = {
  name: 'ops',
  members: { teams: ['red', 'blue', 'green'] },
  slots: ['primary', 'secondary'],
  timezone: 'America/New_York',
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2027-01-04',
  publish_weeks_ahead: 5,
  work_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  holidays: 'US',
  escalation: { ack_minutes: 15, steps: ['primary', 'secondary', 'point_people', 'team:eng-leads'] },
};

const pairs: [string, string, string][] = [
  ['2027-01-04', 'ana', 'ben'],
  ['2027-01-11', 'cy', 'dee'],
  ['2027-01-18', 'eli', 'fay'],
  ['2027-01-25', 'ben', 'cy'],
  ['2027-02-01', 'dee', 'eli'],
  ['2027-02-08', 'fay', 'ana'],
  ['2027-02-15', 'ana', 'cy'],
  ['2027-02-22', 'ben', 'dee'],
  ['2027-03-01', 'cy', 'fay'],
  ['2027-03-08', 'ana', 'ben'],
];

export const schedule: ScheduleFile = {
  rotation: 'ops',
  shifts: pairs.map(([start, primary, secondary]) => ({ start, primary, secondary })),
  overrides: [
    { from: '2027-02-03T18:00', to: '2027-02-04T09:00', replace: 'dee', with: 'fay', reason: 'school play' },
  ],
};

export const playbooks: PlaybookSource[] = [
  {
    file: 'playbooks/force.md',
    frontMatter: { system: 'force', title: 'Force (website)', team: 'red', point_people: ['ana'] },
    sections: [],
  },
  {
    file: 'playbooks/gravity.md',
    frontMatter: {
      system: 'gravity',
      title: 'Gravity (core API)',
      team: 'blue',
      point_people: ['cy', 'dee'],
    },
    sections: [],
  },
];

export const rotationSource: RotationSource = {
  dir: 'ops',
  rotationFile: 'rotations/ops/rotation.yaml',
  scheduleFile: 'rotations/ops/schedule.yaml',
  rotation,
  schedule,
};

export const repository: Repository = {
  peopleFile: 'rotations/people.yaml',
  people,
  rotations: [rotationSource],
  playbooks,
};

/** US public holidays of 2027 that the cases touch (date-holidays gives the same for `US`). */
export const usHolidays2027 = new Set(['2027-01-01', '2027-01-18', '2027-02-15']);

/** The same repository as files: JSON is YAML, so the data is written as it is. */
export function triageRepoFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'rotations/people.yaml': JSON.stringify(people, null, 2),
    'rotations/ops/rotation.yaml': JSON.stringify(rotation, null, 2),
    'rotations/ops/schedule.yaml': JSON.stringify(schedule, null, 2),
  };
  for (const playbook of playbooks) {
    files[playbook.file] = [
      '---',
      JSON.stringify(playbook.frontMatter),
      '---',
      `# ${playbook.frontMatter.title}`,
      '## Symptoms',
      '## Diagnose',
      '## Mitigate',
      '## Escalate',
      '',
    ].join('\n');
  }
  return files;
}

/** An issue form body as GitHub writes it: `### Heading`, a blank line, the answer or `_No response_`. */
export function formBody(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .map(([heading, value]) => `### ${heading}\n\n${value ?? '_No response_'}`)
    .join('\n\n');
}

export function incidentBody(down: 'Yes' | 'No' | undefined, system: string | undefined): string {
  return formBody({
    'What is broken?': 'Checkout returns 500 for every order since 02:40.',
    'Who is affected?': 'All customers',
    'Is it down for users?': down,
    'Which system?': system,
  });
}

export function bugBody(system: string | undefined): string {
  return formBody({
    'What is wrong?': 'The footer link to the privacy page is broken.',
    'How can we reproduce it?': 'Open any page, click "Privacy".',
    'Which system?': system,
  });
}

export function requestBody(system: string | undefined): string {
  return formBody({
    'What do you need?': 'Read access to the gravity logs for the support team.',
    'Why, and by when?': 'Support wants to answer tickets faster; by the end of the month.',
    'Which system?': system,
  });
}
