/**
 * Changes to the rotations themselves, matched by identity (`name`), never by folder: a rotation
 * added or removed, and every policy field of rotation.yaml that changed (rules and `enforce`,
 * slots, shift timing, start, timezone, work hours, holidays, escalation, notify, members, admins,
 * Slack targets). Each is decided by an admin of the base rotation.
 */
import type { RotationSource } from '../model/repository.js';
import { changedFields } from './field-diff.js';

export type RotationChange =
  | { kind: 'rotation-added'; rotation: string; file: string }
  | { kind: 'rotation-removed'; rotation: string; file: string }
  | { kind: 'rotation-policy'; rotation: string; file: string; fields: string[] };

export function rotationChanges(
  base: readonly RotationSource[],
  head: readonly RotationSource[],
): RotationChange[] {
  const before = new Map(base.map((source) => [source.rotation.name, source]));
  const after = new Map(head.map((source) => [source.rotation.name, source]));
  const changes: RotationChange[] = [];
  for (const [name, source] of after) {
    const was = before.get(name);
    if (!was) {
      changes.push({ kind: 'rotation-added', rotation: name, file: source.rotationFile });
      continue;
    }
    const fields = changedFields(was.rotation, source.rotation);
    if (fields.length > 0) {
      changes.push({ kind: 'rotation-policy', rotation: name, file: source.rotationFile, fields });
    }
  }
  for (const [name, source] of before) {
    if (!after.has(name))
      changes.push({ kind: 'rotation-removed', rotation: name, file: source.rotationFile });
  }
  return changes;
}
