/**
 * The workflows the product ships are on the default branch and active. GitHub disables the
 * scheduled workflows of a public repository after 60 days without activity (state
 * `disabled_inactivity`): the tick then stops, and with it escalations, deferred pages and the
 * Slack sync. That is the failure this check exists for.
 */
import { type Blocker, blocked, type DoctorCheck, failed, passed, skipped } from './check.js';
import { type Gathered, reason, type WorkflowFact } from './facts.js';

export interface ShippedWorkflow {
  file: string;
  /** What it does, as "nothing DOES" reads when it does not run. */
  does: string;
  scheduled: boolean;
  /** A team may leave it out (the status page and calendars need GitHub Pages). */
  optional?: boolean;
}

export const SHIPPED_WORKFLOWS: readonly ShippedWorkflow[] = [
  {
    file: 'incident.yml',
    does: 'triages incidents, pages, runs comment commands or keeps the incident record',
    scheduled: false,
  },
  {
    file: 'tick.yml',
    does: 'escalates, sends deferred pages and reminders, keeps the Slack user group and topic, or beats the heartbeat',
    scheduled: true,
  },
  { file: 'handoff.yml', does: 'opens the Monday handoff issue', scheduled: true },
  {
    file: 'publish.yml',
    does: 'opens the weekly pull request that keeps the schedule published ahead',
    scheduled: true,
  },
  {
    file: 'validate-pr.yml',
    does: 'checks pull requests (schema, integrity, fairness, consent)',
    scheduled: false,
  },
  { file: 'cover.yml', does: 'answers cover requests and /take', scheduled: false },
  { file: 'schedule-changed.yml', does: 'tells people in Slack that their shifts moved', scheduled: false },
  {
    file: 'pages.yml',
    does: 'publishes the status page and the calendar feeds on GitHub Pages',
    scheduled: true,
    optional: true,
  },
];

export const SIXTY_DAY_DOCS = 'docs/operations.md#githubs-scheduled-runs-delays-drops-and-the-60-day-disable';

export function checkWorkflows(input: {
  listed: Gathered<WorkflowFact[]> | undefined;
  /** The files of `.github/workflows/` in --root. */
  local: readonly string[];
  repository: string;
  isPublic: boolean;
  blocker: Blocker | undefined;
}): DoctorCheck[] {
  const { listed, repository } = input;
  if (input.blocker) return [blocked('workflows', input.blocker)];
  if (!listed) return [blocked('workflows', { why: 'the workflows were not read', fix: 'run doctor again' })];
  if (!listed.ok) {
    return [
      failed(
        'workflows',
        `the workflows of ${repository} cannot be read (${reason(listed)})`,
        'the token needs Actions: read (a fine-grained token) or the repo scope (a classic one)',
      ),
    ];
  }
  return SHIPPED_WORKFLOWS.map((shipped) => checkOne(shipped, listed.value, input));
}

function checkOne(
  shipped: ShippedWorkflow,
  listed: readonly WorkflowFact[],
  input: { local: readonly string[]; repository: string; isPublic: boolean },
): DoctorCheck {
  const name = `workflow:${shipped.file.replace(/\.ya?ml$/, '')}`;
  const path = `.github/workflows/${shipped.file}`;
  const found = listed.find((workflow) => workflow.path === path && workflow.state !== 'deleted');
  const enable =
    `enable it: Actions → ${found?.name ?? shipped.file} → Enable workflow, or ` +
    `\`gh workflow enable ${shipped.file} --repo ${input.repository}\``;
  if (!found) {
    if (shipped.optional) {
      return skipped(
        name,
        `${path} is not in the repository, so nothing ${shipped.does} (optional)`,
        `to publish them, add ${path} from oncall-as-code and enable GitHub Pages (Settings → Pages → Source: GitHub Actions)`,
      );
    }
    return input.local.includes(shipped.file)
      ? failed(
          name,
          `${path} is in your checkout but not on the default branch of ${input.repository}, whose workflows are the ones GitHub runs: nothing ${shipped.does}`,
          `merge ${path} into the default branch`,
        )
      : failed(
          name,
          `${path} is missing, so nothing ${shipped.does}`,
          `copy ${path} from oncall-as-code (the template) to the default branch`,
        );
  }
  switch (found.state) {
    case 'active': {
      const sixtyDays =
        shipped.scheduled && input.isPublic
          ? '; scheduled, in a public repository: GitHub disables it after 60 days without activity'
          : '';
      return passed(name, `active${sixtyDays}`);
    }
    case 'disabled_inactivity':
      return failed(
        name,
        `disabled by GitHub after 60 days without activity in the repository, so nothing ${shipped.does}`,
        `${enable}; then run it once by hand (\`gh workflow run ${shipped.file}\`). See ${SIXTY_DAY_DOCS}`,
      );
    case 'disabled_manually':
      return shipped.optional
        ? skipped(name, `disabled by hand, so nothing ${shipped.does}`, enable)
        : failed(name, `disabled by hand, so nothing ${shipped.does}`, enable);
    case 'disabled_fork':
      return failed(
        name,
        `disabled because the repository is a fork, so nothing ${shipped.does}`,
        'open the Actions tab and enable workflows, or create the repository from the template ("Use this template") instead of forking',
      );
    default:
      return failed(name, `in state "${found.state}": it may not run`, enable);
  }
}
