/**
 * GitHub Pages, where the `pages` workflow publishes the status page and the calendar feeds: it must
 * be on, with GitHub Actions as its source (a site built from a branch refuses the workflow's
 * deploy). Without the workflow in the repository there is nothing to publish: skipped.
 */
import { type Blocker, blocked, type DoctorCheck, failed, passed, skipped } from './check.js';
import { type Gathered, reason } from './facts.js';

export interface PagesFact {
  /** `workflow` (GitHub Actions) or `legacy` (a branch). */
  buildType: string;
  url: string;
}

const SETTING = 'Settings → Pages → Build and deployment → Source: GitHub Actions';

export function checkPages(input: {
  pages: Gathered<PagesFact> | undefined;
  /** The checkout, or the default branch on GitHub, has .github/workflows/pages.yml. */
  workflowPresent: boolean;
  blocker: Blocker | undefined;
}): DoctorCheck {
  const name = 'pages';
  if (input.blocker) return blocked(name, input.blocker);
  if (!input.workflowPresent) {
    return skipped(
      name,
      'no pages workflow in the repository: the status page and calendar feeds are not published',
      'keep .github/workflows/pages.yml from the template to publish them (docs/status-page.md)',
    );
  }
  const pages = input.pages;
  if (pages?.ok && pages.value.buildType === 'workflow') {
    return passed(name, `GitHub Pages is published by a workflow at ${pages.value.url}`);
  }
  if (pages?.ok) {
    return failed(
      name,
      'GitHub Pages builds from a branch, so the pages workflow cannot deploy the status page and calendars',
      SETTING,
    );
  }
  if (pages?.status === 404) {
    return failed(name, 'GitHub Pages is off: the status page and calendar feeds are not published', SETTING);
  }
  return skipped(
    name,
    `the Pages settings cannot be read with this token${pages ? ` (${reason(pages)})` : ''}`,
    `check by hand: ${SETTING}`,
  );
}
