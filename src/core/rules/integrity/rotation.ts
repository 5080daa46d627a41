/** rotation.yaml against itself and the roster: name, zone, start weekday, known people and steps. */
import { error, type Finding, warning } from '../../diagnostics/finding.js';
import type { RotationSource } from '../../model/repository.js';
import { findPerson, type Roster, rotationMembers } from '../../model/roster.js';
import { weekdays } from '../../model/schemas.js';
import { isoWeekday, isValidZone } from '../../time/wall-clock.js';

export function checkRotation(source: RotationSource, roster: Roster): Finding[] {
  const { rotation, rotationFile: file, dir } = source;
  const findings: Finding[] = [];
  if (rotation.name !== dir) {
    findings.push(
      error('rotation-name', `name "${rotation.name}" must match its folder rotations/${dir}/`, {
        file,
        path: ['name'],
      }),
    );
  }
  if (!isValidZone(rotation.timezone)) {
    findings.push(
      error('unknown-timezone', `"${rotation.timezone}" is not an IANA timezone (like America/New_York)`, {
        file,
        path: ['timezone'],
      }),
    );
  }
  const handoffDay = rotation.shift.handoff.weekday;
  if (isoWeekday(rotation.start) !== weekdays.indexOf(handoffDay) + 1) {
    findings.push(
      error('shift-weekday', `start ${rotation.start} is not a ${handoffDay}, the handoff weekday`, {
        file,
        path: ['start'],
      }),
    );
  }
  for (const list of ['include', 'exclude'] as const) {
    (rotation.members[list] ?? []).forEach((login, index) => {
      if (!findPerson(roster, login)) {
        findings.push(
          error('unknown-person', `${login} is not in the roster`, { file, path: ['members', list, index] }),
        );
      }
    });
  }
  (rotation.members.teams ?? []).forEach((team, index) => {
    if (!roster.teams.has(team)) {
      findings.push(
        warning('unknown-team', `no one in the roster is on team "${team}"`, {
          file,
          path: ['members', 'teams', index],
        }),
      );
    }
  });
  if (rotationMembers(roster, rotation).length < rotation.slots.length) {
    findings.push(
      error(
        'too-few-members',
        `the rotation has ${rotationMembers(roster, rotation).length} member(s) for ${rotation.slots.length} slot(s)`,
        { file, path: ['members'] },
      ),
    );
  }
  (rotation.admins ?? []).forEach((login, index) => {
    if (!findPerson(roster, login)) {
      findings.push(
        error('unknown-person', `${login} is not in the roster`, { file, path: ['admins', index] }),
      );
    }
  });
  (rotation.escalation?.steps ?? []).forEach((step, index) => {
    const named = step.includes(':') || step === 'point_people' || rotation.slots.includes(step);
    if (!named) {
      findings.push(
        error(
          'unknown-step',
          `escalation step "${step}" is not a slot (${rotation.slots.join(', ')}), point_people, team:ID or user:LOGIN`,
          { file, path: ['escalation', 'steps', index] },
        ),
      );
    } else if (step.startsWith('user:') && !findPerson(roster, step.slice(5))) {
      findings.push(
        error('unknown-person', `${step.slice(5)} is not in the roster`, {
          file,
          path: ['escalation', 'steps', index],
        }),
      );
    }
  });
  if (rotation.work_hours && rotation.work_hours.end <= rotation.work_hours.start) {
    findings.push(
      error(
        'date-order',
        `work hours end (${rotation.work_hours.end}) is not after start (${rotation.work_hours.start})`,
        {
          file,
          path: ['work_hours', 'end'],
        },
      ),
    );
  }
  return findings;
}
