import { describe, expect, it } from 'vitest';
import { mergeAllPageProgress, mergePageProgress } from '../../../src/core/incident/page-progress.js';
import type { PageEntry } from '../../../src/core/incident/record.js';

const page = (fields: Partial<PageEntry> = {}): PageEntry => ({
  key: '1:step-0',
  to: ['ana', 'ben'],
  reason: 'sev:1',
  at: '2027-01-06T08:00:00.000Z',
  ...fields,
});

describe('mergePageProgress: what went out only grows', () => {
  it.each([
    ['nothing known elsewhere', page(), undefined, page()],
    [
      'another run reached targets: a union',
      page({ delivered: ['github', 'ana'] }),
      page({ delivered: ['github', 'ben', 'C0INCIDENTS'] }),
      page({ delivered: ['github', 'ana', 'ben', 'C0INCIDENTS'] }),
    ],
    [
      'sent by the other run: sent here too, at its time',
      page(),
      page({ delivered: ['github', 'ana', 'ben'], sentAt: '2027-01-06T08:00:05.000Z' }),
      page({ delivered: ['github', 'ana', 'ben'], sentAt: '2027-01-06T08:00:05.000Z' }),
    ],
    [
      'sent by both: the earlier time',
      page({ sentAt: '2027-01-06T08:00:09.000Z' }),
      page({ sentAt: '2027-01-06T08:00:05.000Z' }),
      page({ sentAt: '2027-01-06T08:00:05.000Z' }),
    ],
    [
      'another key is not this page',
      page(),
      page({ key: '1:step-1', sentAt: '2027-01-06T08:15:00.000Z' }),
      page(),
    ],
  ])('%s', (_name, ours, theirs, expected) => {
    expect(mergePageProgress(ours, theirs)).toEqual(expected);
  });

  it('a version written later without the progress does not undo it (every page, by key)', () => {
    const written = [
      page({ sentAt: '2027-01-06T08:00:05.000Z', delivered: ['github'] }),
      page({ key: '1:step-3' }),
    ];
    const stale = [page({ key: '1:step-3', delivered: ['C0INCIDENTS'] }), page()];
    expect(mergeAllPageProgress(stale, written)).toEqual([
      page({ key: '1:step-3', delivered: ['C0INCIDENTS'] }),
      page({ sentAt: '2027-01-06T08:00:05.000Z', delivered: ['github'] }),
    ]);
  });
});
