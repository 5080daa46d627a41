/**
 * The repository's labels on GitHub: read them all, and apply a label plan (create the missing,
 * update the drifted). Every failure is collected and reported; one bad label does not hide the
 * others, and a failed run never looks like a successful one.
 */
import type { ExistingLabel, LabelChange, LabelPlan } from '../../core/labels.js';
import { type GitHub, NO_RETRY } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface LabelSyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: { name: string; action: 'create' | 'update'; message: string }[];
}

export async function listLabels(github: GitHub, repo: RepoRef): Promise<ExistingLabel[]> {
  const labels = await github.paginate(github.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  return labels.map(({ name, color, description }) => ({ name, color, description: description ?? null }));
}

export async function applyLabelPlan(
  github: GitHub,
  repo: RepoRef,
  plan: LabelPlan,
): Promise<LabelSyncResult> {
  const result: LabelSyncResult = { created: [], updated: [], unchanged: [...plan.unchanged], failed: [] };
  const update = async (label: LabelChange) => {
    await github.rest.issues.updateLabel({
      ...repo,
      name: label.name,
      color: label.color,
      description: label.description,
    });
  };
  for (const label of plan.create) {
    try {
      await github.rest.issues.createLabel({
        ...repo,
        name: label.name,
        color: label.color,
        description: label.description,
        ...NO_RETRY,
      });
      result.created.push(label.name);
    } catch (err) {
      // Created meanwhile (another run, or a 5xx after the label was made): update it instead.
      if (status(err) === 422 || (status(err) ?? 0) >= 500) {
        try {
          await update(label);
          result.updated.push(label.name);
          continue;
        } catch (again) {
          result.failed.push({ name: label.name, action: 'create', message: message(again) });
          continue;
        }
      }
      result.failed.push({ name: label.name, action: 'create', message: message(err) });
    }
  }
  for (const label of plan.update) {
    try {
      await update(label);
      result.updated.push(label.name);
    } catch (err) {
      result.failed.push({ name: label.name, action: 'update', message: message(err) });
    }
  }
  return result;
}

function status(err: unknown): number | undefined {
  return (err as { status?: number }).status;
}

function message(err: unknown): string {
  const code = status(err);
  return `${code ? `HTTP ${code}: ` : ''}${(err as Error).message ?? String(err)}`;
}
