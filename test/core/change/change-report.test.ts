/** What the pull request is told: the change, who must agree and how, errors; one text for comment and summary. */
import { describe, expect, it } from 'vitest';
import { HEAD_SHA, judge, replace, SCHEDULE, swapBenCy } from './change-fixture.js';

describe('the change report', () => {
  it('names the change, each consent and how to give it, mentioning the people asked', async () => {
    const { ok, headline, markdown } = await judge(swapBenCy, { author: 'ben' });
    expect(ok).toBe(false);
    expect(headline).toBe('waiting for approval from @cy');
    expect(markdown).toContain('- ben takes 2027-02-15 from cy; cy takes 2027-02-22 from ben');
    expect(markdown).toContain(
      "| @ben | ben's time on call in ops: gains 168 h, loses 168 h | ✅ ben (author) |",
    );
    expect(markdown).toContain(
      "| @cy (or an admin of ops (fay)) | cy's time on call in ops: gains 168 h, loses 168 h | ⏳ not yet |",
    );
    expect(markdown).toContain(`comment \`/approve-change ${HEAD_SHA}\` on its first line`);
    expect(markdown).toContain('Fairness in ops, before and after');
  });

  it('passes once everyone agreed and says who agreed how; an admin stands in for someone away', async () => {
    const { ok, headline, markdown } = await judge(swapBenCy, { author: 'ben', approvals: ['fay'] });
    expect(ok).toBe(true);
    expect(headline).toBe('On-call change check passed');
    expect(markdown).toContain('✅ fay (admin, review)');
    expect(markdown).not.toContain('must approve');
  });

  it('lists errors with their position', async () => {
    const { ok, headline, markdown } = await judge(
      (files) =>
        replace(
          files,
          SCHEDULE,
          '{ start: 2027-01-04, primary: ana, secondary: ben }',
          '{ start: 2027-01-04, primary: ana, secondary: ana }',
        ),
      { author: 'ana', approvals: ['ben'] },
    );
    expect(ok).toBe(false);
    expect(headline).toMatch(/^\d+ error\(s\)$/);
    expect(markdown).toMatch(/- `rotations\/ops\/schedule\.yaml:3:\d+` [a-z-]+: /);
  });

  it('shortens a long list of people still to agree in the title', async () => {
    const { headline, markdown } = await judge(
      (files) => replace(files, 'rotations/ops/rotation.yaml', 'time: "11:00"', 'time: "10:00"'),
      {
        author: 'nobody',
      },
    );
    expect(headline).toMatch(/^waiting for approval from @\w+; @\w+; @\w+; @\w+ and \d+ more$/);
    expect(markdown).toContain("rotation ops's policy changes: shift");
  });
});
