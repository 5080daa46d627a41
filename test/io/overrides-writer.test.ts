/**
 * Appending many overrides at once: the same text appendOverride would write one by one, every
 * existing byte kept, whatever the list looks like (none yet, flow entries, block entries, a
 * flow list).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendOverrides } from '../../src/io/overrides-writer.js';
import { appendOverride, type OverrideToWrite } from '../../src/io/schedule-writer.js';

const OVERRIDES: OverrideToWrite[] = Array.from({ length: 5 }, (_, day) => ({
  from: `2027-03-0${day + 1}T09:00`,
  to: `2027-03-0${day + 1}T11:00`,
  replace: 'ana',
  with: 'cy',
  reason: 'imported from export.ics',
}));

const SHIFTS =
  '# kept\nrotation: ops\nshifts:\n  - { start: 2027-03-01, primary: ana, secondary: ben }  # kept too\n';

describe('appendOverrides', () => {
  it.each([
    ['no overrides yet', SHIFTS],
    [
      'flow entries',
      `${SHIFTS}overrides:\n  - { from: "2027-02-01T09:00", to: "2027-02-01T10:00", replace: ben, with: dee }\n# end\n`,
    ],
    [
      'block entries',
      `${SHIFTS}overrides:\n  - from: "2027-02-01T09:00"\n    to: "2027-02-01T10:00"\n    replace: ben\n    with: dee\n`,
    ],
    [
      'a flow list',
      `${SHIFTS}overrides: [{ from: "2027-02-01T09:00", to: "2027-02-01T10:00", replace: ben, with: dee }]\n`,
    ],
    [
      'CRLF line ends',
      `${SHIFTS}overrides:\n  - { from: "2027-02-01T09:00", to: "2027-02-01T10:00", replace: ben, with: dee }\n`.replace(
        /\n/g,
        '\r\n',
      ),
    ],
  ])('%s: the same as one by one', (_name, before) => {
    const oneByOne = OVERRIDES.reduce((text, override) => appendOverride(text, override), before);
    const after = appendOverrides(before, OVERRIDES);
    expect(after).toBe(oneByOne);
    expect(parse(after).overrides.slice(-5)).toEqual(OVERRIDES);
  });

  it('nothing to add: the text as it was', () => {
    expect(appendOverrides(SHIFTS, [])).toBe(SHIFTS);
  });
});
