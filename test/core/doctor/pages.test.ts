/** The pages check: on with GitHub Actions as its source passes; off or built from a branch fails. */
import { describe, expect, it } from 'vitest';
import { checkPages } from '../../../src/core/doctor/pages.js';

const FIX = 'Settings → Pages → Build and deployment → Source: GitHub Actions';

describe('checkPages', () => {
  it('published by a workflow: passes, with the site address', () => {
    const check = checkPages({
      pages: { ok: true, value: { buildType: 'workflow', url: 'https://acme.github.io/oncall/' } },
      workflowPresent: true,
      blocker: undefined,
    });
    expect(check).toMatchObject({ name: 'pages', ok: true, status: 'ok' });
    expect(check.detail).toContain('https://acme.github.io/oncall/');
  });

  it('built from a branch: fails, since the workflow cannot deploy', () => {
    const check = checkPages({
      pages: { ok: true, value: { buildType: 'legacy', url: 'https://acme.github.io/oncall/' } },
      workflowPresent: true,
      blocker: undefined,
    });
    expect(check).toMatchObject({ ok: false, status: 'failed', fix: FIX });
  });

  it('off (GitHub answers 404): fails with where to turn it on', () => {
    const check = checkPages({
      pages: { ok: false, status: 404, message: 'Not Found' },
      workflowPresent: true,
      blocker: undefined,
    });
    expect(check).toMatchObject({ ok: false, status: 'failed', fix: FIX });
    expect(check.detail).toContain('GitHub Pages is off');
  });

  it('unreadable with this token: skipped, with how to check by hand', () => {
    const check = checkPages({
      pages: { ok: false, status: 403, message: 'Resource not accessible by integration' },
      workflowPresent: true,
      blocker: undefined,
    });
    expect(check).toMatchObject({ ok: true, status: 'skipped', fix: `check by hand: ${FIX}` });
  });

  it('no pages workflow: nothing to publish, skipped', () => {
    const check = checkPages({ pages: undefined, workflowPresent: false, blocker: undefined });
    expect(check).toMatchObject({ ok: true, status: 'skipped' });
  });
});
