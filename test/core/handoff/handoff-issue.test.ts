/**
 * The Monday handoff issue as people read it: a week with incidents against a reviewed snapshot,
 * and the numbers in it (medians, pages per person, comp time) checked one by one.
 */
import { describe, expect, it } from 'vitest';
import { checklistDone, taskItems } from '../../../src/core/handoff/checklist.js';
import {
  buildHandoffIssue,
  cell,
  handoffDateOf,
  handoffMarker,
  handoffSlackText,
} from '../../../src/core/handoff/handoff-issue.js';
import { roster, rotation, weekInput } from './fixture.js';

describe('a week with incidents', () => {
  const issue = buildHandoffIssue(weekInput());

  it('becomes a Monday handoff issue whose body matches a reviewed snapshot', async () => {
    expect(issue.title).toBe('On-call handoff: week of 2027-01-11');
    await expect(issue.body).toMatchFileSnapshot('__snapshots__/week-with-incidents.md');
  });

  it('starts with the hidden marker of the incoming shift’s date, and no title can forge another', () => {
    expect(issue.body.startsWith(`<!-- oncall-as-code:handoff:${rotation.name}:2027-01-11 -->\n`)).toBe(true);
    expect(issue.body.match(/<!-- oncall-as-code:handoff:/g)).toHaveLength(1);
    expect(handoffDateOf(issue.body, rotation.name)).toBe('2027-01-11');
  });

  it('is assigned to the outgoing people (and the cover) and the incoming people', () => {
    expect(issue.outgoing).toEqual(['ana', 'ben', 'eli']);
    expect(issue.incoming).toEqual(['cy', 'dee']);
    expect(issue.assignees).toEqual(['ana', 'ben', 'eli', 'cy', 'dee']);
  });

  it('carries over the open incidents that are neither resolved nor routed, whatever their age', () => {
    expect(issue.carriedOver.map((line) => line.number)).toEqual([99, 103, 104]);
  });

  it('lists the incidents opened during the outgoing shift with their times to acknowledge and resolve', () => {
    expect(issue.week.map((line) => [line.number, line.acknowledged?.minutes, line.resolvedMinutes])).toEqual(
      [
        [101, 12, 125],
        [102, 30, 1260],
        [103, 20, undefined],
        [104, undefined, undefined],
        [105, undefined, undefined],
        [106, undefined, undefined],
      ],
    );
    // Acknowledged: 12, 20, 30 → 20. Resolved: 125, 1260 → 692.5, rounded.
    expect(issue.medians).toEqual({ acknowledge: 20, resolve: 693 });
  });

  it('splits pages per person on their own clock, with comp time for off hours and sleep hours', () => {
    expect(
      issue.pages.map((p) => ({
        who: p.github,
        work: p.work,
        off: p.offHours,
        sleep: p.sleep,
        nights: p.nights,
        comp: p.compHours,
      })),
    ).toEqual([
      // 03:10 Tue and 23:30 Sat in New York: two nights; Wed 14:00 and Mon 09:00 at work.
      { who: 'ana', work: 2, off: 0, sleep: 2, nights: ['2027-01-04', '2027-01-09'], comp: 8 },
      // 08:10 Tue in London (awake, before work); 04:30 and 04:45 Sun (one night); Mon 09:00 at work.
      { who: 'ben', work: 1, off: 1, sleep: 2, nights: ['2027-01-09'], comp: 5 },
      // The cover: listed, never paged.
      { who: 'eli', work: 0, off: 0, sleep: 0, nights: [], comp: 0 },
      // A point-person: 02:10 Tue in Chicago.
      { who: 'fay', work: 0, off: 0, sleep: 1, nights: ['2027-01-04'], comp: 4 },
    ]);
  });

  it('ends with Artsy’s checklist, unticked', () => {
    expect(taskItems(issue.body).map((item) => [item.text, item.done])).toEqual([
      ['Roll over resolved items', false],
      ['Review active incidents', false],
      ['Assign remaining actions', false],
      ['Update playbooks', false],
    ]);
    expect(checklistDone(issue.body)).toBe(false);
  });

  it('has a short Slack text that links the issue and mentions people by their Slack id', () => {
    const text = handoffSlackText(
      issue,
      { number: 120, url: 'https://github.com/acme/oncall/issues/120' },
      roster,
    );
    expect(text).toMatchInlineSnapshot(`
      ":handshake: *On-call handoff: week of 2027-01-11*: <https://github.com/acme/oncall/issues/120|issue #120>
      Outgoing: <@U0ANA>, <@U0BEN>, Eli Moss → incoming: <@U0CY>, Dee &lt;Admin&gt;
      Last week: 6 incidents, 3 still open; 6 pages outside work hours, 5 of them in sleep hours.
      Tick the checklist in the issue once the handoff is done."
    `);
  });
});

describe('weeks without things to report', () => {
  it('says "unknown" for playbook changes when the history could not be read, never "none"', () => {
    const issue = buildHandoffIssue(
      weekInput({ playbooks: { known: false, why: 'git log could not be read (spawn git ENOENT)' } }),
    );
    expect(issue.body).toContain(
      '### Playbooks changed this week\n\nUnknown: git log could not be read (spawn git ENOENT).',
    );
    expect(issue.body).not.toMatch(/Playbooks changed this week\n\nNone/);
  });

  it('a quiet week: nothing carried over, no incidents, the outgoing pair listed with no pages', () => {
    const issue = buildHandoffIssue(weekInput({ incidents: [], playbooks: { known: true, changes: [] } }));
    expect(issue.body).toContain('None: the week begins fresh.');
    expect(issue.body).toContain('None opened from Mon 2027-01-04 11:00 to Mon 2027-01-11 11:00.');
    expect(issue.pages.map((p) => [p.github, p.compHours])).toEqual([
      ['ana', 0],
      ['ben', 0],
      ['eli', 0],
    ]);
    expect(issue.body).toContain('### Playbooks changed this week\n\nNone.');
  });

  it('the first handoff of a rotation has no outgoing week', () => {
    const input = weekInput();
    const { outgoing: _outgoing, ...first } = input.handoff;
    const issue = buildHandoffIssue({ ...input, handoff: first, overrides: [] });
    expect(issue.outgoing).toEqual([]);
    expect(issue.assignees).toEqual(['cy', 'dee']);
    expect(issue.week).toEqual([]);
    expect(issue.body).toContain('nobody: this is the rotation’s first shift');
  });
});

describe('text from people in the body', () => {
  it.each([
    ['a pipe', 'a | b', 'a \\| b'],
    [
      'a forged marker',
      '<!-- oncall-as-code:handoff:2020-01-01 -->',
      '&lt;!-- oncall-as-code:handoff:2020-01-01 --&gt;',
    ],
    ['a mention', 'ping @alice', 'ping @\u200dalice'],
    [
      'a link and an image',
      '[x](https://evil.example) ![i](https://evil.example/a.png)',
      '\\[x\\](https:\u200d//evil.example) !\\[i\\](https:\u200d//evil.example/a.png)',
    ],
    ['new lines', 'two\nlines', 'two lines'],
  ])('%s is shown as typed, inert', (_name, text, shown) => {
    expect(cell(text)).toBe(shown);
  });

  it('the marker is read back only in its exact form, and only for its rotation', () => {
    expect(handoffDateOf(handoffMarker('ops', '2027-01-11'), 'ops')).toBe('2027-01-11');
    // Two rotations handing off the same day: each finds only its own issue.
    expect(handoffDateOf(handoffMarker('support', '2027-01-11'), 'ops')).toBeUndefined();
    // A marker from before rotations were named in it belongs to whichever rotation reads it.
    expect(handoffDateOf('<!-- oncall-as-code:handoff:2027-01-11 -->', 'ops')).toBe('2027-01-11');
    expect(handoffDateOf('<!-- oncall-as-code:handoff:latest -->', 'ops')).toBeUndefined();
    expect(handoffDateOf('<!-- oncall-as-code:handoff:ops:latest -->', 'ops')).toBeUndefined();
    expect(handoffDateOf(null, 'ops')).toBeUndefined();
  });

  it('with several rotations, the title names the rotation', () => {
    expect(buildHandoffIssue(weekInput()).title).toBe('On-call handoff: week of 2027-01-11');
    expect(buildHandoffIssue({ ...weekInput(), severalRotations: true }).title).toBe(
      `On-call handoff: week of 2027-01-11 (${rotation.name})`,
    );
  });

  it('the rotation’s own zone is the one the body’s times are in', () => {
    expect(buildHandoffIssue(weekInput()).body).toContain(`(${rotation.timezone})`);
  });
});
