/**
 * The change check: a pull request judged as the difference between two whole repositories, its
 * base and its head. It returns every change as people see it and the consent each one needs, and
 * judges that consent with the BASE roster, admins and away lists only, so that nothing the change
 * adds can grant it. Rotations are matched by `name`, people by login, playbooks by `system`.
 *
 * Who must agree to what:
 * - time on call moved in any way: each person whose future time changes, or an admin of the base
 *   rotation for someone away (or gone) in the base roster;
 * - a person's roster entry: that person, or an admin; a new person: an admin or themself;
 * - rotation policy, a new or removed rotation: an admin of the base rotation (a repository admin
 *   where the base names none);
 * - a playbook's `point_people` and `team`: the people added, or an admin;
 * - the machinery (.github/, actions/, dist/, package*.json, CODEOWNERS): a code owner from the
 *   BASE's CODEOWNERS (a repository admin where it names none), never the author.
 */
import type { DateTime } from 'luxon';
import type { Finding } from '../diagnostics/finding.js';
import type { Repository } from '../model/repository.js';
import { buildRoster } from '../model/roster.js';
import { validateRepository } from '../rules/validate-repository.js';
import { cannotConsent } from '../trade/consent.js';
import { type Agreement, type Approval, agreedBy } from './agreement.js';
import { anyAdmin, personAdmins, rotationAdmins, type StandIn } from './authority.js';
import { machineryConsent } from './machinery-consent.js';
import { playbookChanges } from './playbook-changes.js';
import { rosterChanges } from './roster-changes.js';
import { rotationChanges } from './rotation-changes.js';
import { compareRotation, type RotationDetail } from './rotation-detail.js';

export interface ChangeInput {
  base: Repository;
  head: Repository;
  /** Every file path that differs between base and head, on-call files included. */
  changedFiles: readonly string[];
  author?: string;
  /** Logins of every commit's author and committer. */
  committers: readonly string[];
  approvals: readonly Approval[];
  /** Which of the people who approved are admins of the repository (asked of GitHub). */
  repositoryAdmins?: readonly string[];
  /** The BASE's CODEOWNERS text, if it has one. */
  codeOwners?: string;
  /** `org/team` (lower case) → the members GitHub reported, for the teams CODEOWNERS names. */
  teams?: Readonly<Record<string, readonly string[]>>;
  now: DateTime;
}

export type ChangeKind =
  | 'schedule'
  | 'time'
  | 'published'
  | 'person-added'
  | 'person-removed'
  | 'person-changed'
  | 'rotation-added'
  | 'rotation-removed'
  | 'rotation-policy'
  | 'playbook'
  | 'machinery'
  | 'file';

export interface Change {
  kind: ChangeKind;
  text: string;
  rotation?: string;
  github?: string;
  file?: string;
}

export interface ConsentNeed {
  /** A login, or a role ("an admin of ops (alice)", "a code owner (@acme/oncall)"). */
  who: string;
  /** Who may agree in their place, when someone may ("an admin of ops (fay)"). */
  standIn?: string;
  for: string;
  given: boolean;
  /** Who gave it and how: "ana (review)", "alice (admin, command)". */
  by?: string;
}

export interface ChangeCheck {
  ok: boolean;
  changes: Change[];
  consent: ConsentNeed[];
  errors: Finding[];
  warnings: Finding[];
  rotations: RotationDetail[];
}

export function checkChange(input: ChangeInput): ChangeCheck {
  const agreement: Agreement = {
    author: input.author,
    committers: input.committers,
    approvals: input.approvals,
  };
  const baseRoster = buildRoster(input.base.people.people);
  const changes: Change[] = [];
  const consent: ConsentNeed[] = [];
  const need = (what: string, person: string | undefined, standIn: StandIn | undefined, may = true) => {
    consent.push(judge(agreement, what, person, may ? standIn : undefined));
  };

  // Time on call, rotation by rotation (identity: name).
  const names = [
    ...new Set([...input.base.rotations, ...input.head.rotations].map((source) => source.rotation.name)),
  ];
  const rotations: RotationDetail[] = [];
  const history: Finding[] = [];
  for (const name of names) {
    const base = input.base.rotations.find((source) => source.rotation.name === name);
    const head = input.head.rotations.find((source) => source.rotation.name === name);
    const detail = compareRotation(base, head, input.base, input.head, input.now);
    rotations.push(detail);
    history.push(...detail.history);
    for (const { text, published } of detail.sentences) {
      changes.push({ kind: published ? 'published' : 'schedule', text, rotation: name });
    }
    if (!base && detail.published.length > 0) {
      changes.push({
        kind: 'published',
        rotation: name,
        text: `${name} published: ${detail.published.join(', ')}`,
      });
    }
    const admins = rotationAdmins(input.base, name, input.repositoryAdmins);
    for (const moved of detail.moved) {
      const text = `${moved.github}'s time on call in ${name}: ${delta(moved.gained, moved.lost)}`;
      changes.push({ kind: 'time', text, rotation: name, github: moved.github });
      need(text, moved.github, admins, cannotConsent(moved.github, baseRoster, input.now));
    }
  }

  for (const change of rosterChanges(input.base.people.people, input.head.people.people)) {
    const admins =
      change.kind === 'person-added'
        ? anyAdmin(input.base, input.repositoryAdmins)
        : personAdmins(input.base, change.github, input.repositoryAdmins);
    const text =
      change.kind === 'person-added'
        ? `${change.github} joins the roster`
        : change.kind === 'person-removed'
          ? `${change.github} leaves the roster`
          : `${change.github}'s roster entry changes: ${change.fields.join(', ')}`;
    changes.push({ kind: change.kind, text, github: change.github, file: input.head.peopleFile });
    need(text, change.github, admins);
  }

  for (const change of rotationChanges(input.base.rotations, input.head.rotations)) {
    const text =
      change.kind === 'rotation-added'
        ? `new rotation ${change.rotation}`
        : change.kind === 'rotation-removed'
          ? `rotation ${change.rotation} is removed`
          : `rotation ${change.rotation}'s policy changes: ${change.fields.join(', ')}`;
    changes.push({ kind: change.kind, text, rotation: change.rotation, file: change.file });
    need(text, undefined, rotationAdmins(input.base, change.rotation, input.repositoryAdmins));
  }

  const admins = anyAdmin(input.base, input.repositoryAdmins);
  for (const change of playbookChanges(input.base.playbooks, input.head.playbooks)) {
    const parts = [
      change.playbook === 'added' ? 'new playbook' : change.playbook === 'removed' ? 'playbook removed' : '',
      change.added.length > 0 ? `point-people added: ${change.added.join(', ')}` : '',
      change.removed.length > 0 ? `point-people removed: ${change.removed.join(', ')}` : '',
      change.team ? `team ${change.team.from ?? '(none)'} → ${change.team.to ?? '(none)'}` : '',
    ].filter(Boolean);
    const text = `playbook ${change.system}: ${parts.join('; ')}`;
    changes.push({ kind: 'playbook', text, file: change.file });
    if (change.team || change.removed.length > 0 || change.playbook === 'removed') {
      need(text, undefined, admins);
    } else {
      // Only people added: each of them, or an admin for all of them.
      const adminAgreed = judge(agreement, text, undefined, admins);
      for (const login of change.added) {
        const own = judge(agreement, `${text} (${login})`, login, undefined);
        consent.push(own.given || !adminAgreed.given ? own : { ...own, given: true, by: adminAgreed.by });
      }
    }
  }

  const machinery = machineryConsent(input, agreement);
  changes.push(...machinery.changes);
  consent.push(...machinery.consent);

  const { errors, warnings } = findings(input, history);
  return {
    ok: errors.length === 0 && consent.every((item) => item.given),
    changes,
    consent,
    errors,
    warnings,
    rotations,
  };
}

/** A consent need: the person's own agreement, or that of one of those who may stand in. */
export function judge(
  agreement: Agreement,
  what: string,
  person: string | undefined,
  standIn: StandIn | undefined,
): ConsentNeed {
  const who = person ?? standIn?.label ?? 'nobody can agree';
  if (person) {
    const how = agreedBy(agreement, person);
    if (how) return { who, for: what, given: true, by: `${person} (${how})` };
  }
  for (const login of standIn?.logins ?? []) {
    const how = agreedBy(agreement, login);
    if (how) return { who, for: what, given: true, by: `${login} (${person ? 'admin, ' : ''}${how})` };
  }
  return { who, ...(person && standIn && { standIn: standIn.label }), for: what, given: false };
}

/** Errors of the head and edits to history; only the warnings the change adds. */
function findings(input: ChangeInput, history: readonly Finding[]) {
  const head = validateRepository(input.head, input.now);
  const key = (finding: Finding) => `${finding.rule}|${finding.message}`;
  const before = new Set(
    validateRepository(input.base, input.now)
      .filter((finding) => finding.severity === 'warning')
      .map(key),
  );
  return {
    errors: [...history, ...head].filter((finding) => finding.severity === 'error'),
    warnings: [
      ...history.filter((finding) => finding.severity === 'warning'),
      ...head.filter((finding) => finding.severity === 'warning' && !before.has(key(finding))),
    ],
  };
}

function delta(gained: number, lost: number): string {
  const parts = [gained > 0 ? `gains ${gained} h` : '', lost > 0 ? `loses ${lost} h` : ''].filter(Boolean);
  return parts.join(', ');
}
