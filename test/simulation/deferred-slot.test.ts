/**
 * A deferred sev:2 page names a slot, end to end through the committed incident and tick bundles:
 * a cover merged after the triage moves the secondary's page to whoever holds the slot when it is
 * due, and the record says so. Times are New York wall-clock times (see harness.ts for the roster).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSimulation } from './harness.js';

/** Pages only: the tick also sends shift reminders (messages without a page key). */
const pagesIn = (messages: string[]) => messages.filter((message) => !message.endsWith('(no key)'));

describe('deferred pages name slots', () => {
  const sim = useSimulation();

  it('a cover published after a Sunday-night sev:2: the secondary page goes to the next secondary at the handoff', async () => {
    const s = sim();
    s.at('2027-01-10T22:00'); // Sunday: ana (New York) and ben (London) until Monday 11:00
    const { number, run } = await s.openIncident({ down: 'No', system: 'gravity' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(s.record(number).deferred).toEqual([
      { slot: 'primary', github: 'ana', at: '2027-01-11T09:00:00-05:00' },
      { slot: 'secondary', github: 'ben', at: '2027-01-11T09:00:00+00:00' },
    ]);

    // Ben is ill: cy (Los Angeles) covers him until the handoff. Cy's work hours start at 09:00 in
    // Los Angeles, 12:00 here, after the handoff: the page goes to fay, the next secondary, at 11:00.
    const file = path.join(s.root, 'rotations/ops/schedule.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}overrides:\n  - { from: "2027-01-10T23:00", to: "2027-01-11T11:00", replace: ben, with: cy, reason: ben is ill }\n`,
    );
    s.at('2027-01-11T00:00');
    let tick = await s.tick();
    expect(tick.code, tick.stdout + tick.stderr).toBe(0);
    expect(pagesIn(s.slackSince())).toEqual([]);
    expect(s.record(number).deferred).toEqual([
      { slot: 'primary', github: 'ana', at: '2027-01-11T09:00:00-05:00' },
      { slot: 'secondary', github: 'fay', at: '2027-01-11T10:00:00-06:00' },
    ]);
    expect(s.record(number).timeline.at(-1)?.text).toBe(
      "the schedule changed: secondary's deferred page now goes to @fay at 2027-01-11T10:00:00-06:00",
    );

    // 04:00 is 09:00 in London: ben is covered, so nobody is paged.
    s.at('2027-01-11T04:00');
    tick = await s.tick();
    expect(pagesIn(s.slackSince())).toEqual([]);
    s.at('2027-01-11T09:00');
    tick = await s.tick();
    expect(pagesIn(s.slackSince())).toEqual(['#incidents 1:deferred:ana', '@ana 1:deferred:ana']);
    s.at('2027-01-11T11:00');
    tick = await s.tick();
    expect(tick.code, tick.stdout + tick.stderr).toBe(0);
    expect(pagesIn(s.slackSince())).toEqual(['#incidents 1:deferred:fay', '@fay 1:deferred:fay']);
    expect(s.record(number).pages.find((page) => page.key === '1:deferred:fay')).toMatchObject({
      step: 'secondary',
      to: ['fay'],
    });
    // Six action runs in node processes: more than the default timeout on a busy machine.
  }, 90_000);
});
