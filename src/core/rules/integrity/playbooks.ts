/** Playbooks: one per system, named after it, with known point-people and the required sections. */
import { error, type Finding, warning } from '../../diagnostics/finding.js';
import type { PlaybookSource } from '../../model/repository.js';
import { findPerson, type Roster } from '../../model/roster.js';

export const REQUIRED_SECTIONS = ['Symptoms', 'Diagnose', 'Mitigate', 'Escalate'] as const;

export function checkPlaybooks(playbooks: readonly PlaybookSource[], roster: Roster): Finding[] {
  const findings: Finding[] = [];
  const systems = new Map<string, string>();
  for (const { file, frontMatter, sections } of playbooks) {
    const base = file.split('/').pop()?.replace(/\.md$/, '');
    if (base !== frontMatter.system) {
      findings.push(
        error('playbook-name', `system "${frontMatter.system}" must match the file name ${base}.md`, {
          file,
          path: ['system'],
        }),
      );
    }
    const other = systems.get(frontMatter.system);
    if (other) {
      findings.push(
        error('duplicate-system', `system "${frontMatter.system}" already has a playbook: ${other}`, {
          file,
          path: ['system'],
        }),
      );
    } else systems.set(frontMatter.system, file);
    frontMatter.point_people.forEach((login, index) => {
      if (!findPerson(roster, login)) {
        findings.push(
          error('unknown-person', `${login} is not in the roster`, { file, path: ['point_people', index] }),
        );
      }
    });
    if (!roster.teams.has(frontMatter.team)) {
      findings.push(
        warning('unknown-team', `no one in the roster is on team "${frontMatter.team}"`, {
          file,
          path: ['team'],
        }),
      );
    }
    const titles = new Set(sections.map((section) => section.title.toLowerCase()));
    const missing = REQUIRED_SECTIONS.filter((title) => !titles.has(title.toLowerCase()));
    if (missing.length > 0) {
      const lastLine = sections[sections.length - 1]?.line;
      findings.push(
        error('playbook-section', `missing section(s): ${missing.map((title) => `## ${title}`).join(', ')}`, {
          file,
          ...(lastLine ? { line: lastLine, column: 1 } : { path: [] }),
        }),
      );
    }
  }
  return findings;
}
