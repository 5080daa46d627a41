/**
 * The status page's HTML, without a browser: escaping of every text that comes from people or
 * GitHub, what it says when incidents are unknown or nobody is on call, several rotations, times
 * in each rotation's zone across daylight-saving changes, and the size of a year of schedule.
 * (test/site/ opens the page in Chromium.)
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { OpenIncident } from '../../../src/core/status-page/incidents.js';
import { renderStatusPage } from '../../../src/core/status-page/render-page.js';
import { pageInput, roster, statusRotation } from './helpers.js';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** The page's text as read, tags removed and entities decoded, whitespace collapsed. */
function text(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(
      /<\/?(?:html|head|body|title|header|nav|main|footer|section|article|h[1-6]|p|div|ul|li|dl|dt|dd|table|caption|thead|tbody|tr|th|td|details|summary|br)\b[^>]*>/g,
      ' ',
    )
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const NOW = at('2026-12-09T20:00:00-05:00');
const ops = (overrides = {}) =>
  statusRotation(
    {
      name: 'ops',
      zone: 'America/New_York',
      start: '2026-11-30',
      crews: [
        ['ana', 'ben'],
        ['cy', 'dee'],
        ['ana', 'cy'],
      ],
      ...overrides,
    },
    NOW,
  );

describe('escaping', () => {
  const hostile = `<script>alert("x")</script> & 'quotes'`;
  const people = roster([
    { github: 'ana', name: hostile },
    { github: 'ben', name: 'Ben' },
    { github: 'cy', name: 'Cy' },
    { github: 'dee', name: 'Dee' },
  ]);
  const incident: OpenIncident = {
    number: 7,
    title: '<img src=x onerror=alert(1)>',
    url: 'javascript:alert(1)',
    systems: ['<b>api</b>'],
    status: 'open',
  };
  const page = renderStatusPage(
    pageInput(
      NOW,
      [
        ops({
          crews: [
            ['dee', 'ana'],
            ['ana', 'dee'],
          ],
          overrides: [
            {
              from: '2026-12-09T18:00',
              to: '2026-12-10T09:00',
              replace: 'ana',
              with: 'ben',
              reason: '</td><td>x',
            },
          ],
        }),
      ],
      { roster: people, incidents: { known: true, open: [incident], truncated: false } },
    ),
  );

  it('writes names, reasons, titles and labels as text', () => {
    expect(page).not.toMatch(/<script|<img|<b>|<\/td><td>x/);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('(&lt;/td&gt;&lt;td&gt;x)');
    expect(text(page)).toContain(`${hostile} @ana`);
  });

  it('never links a javascript: URL', () => {
    expect(page).not.toMatch(/href="javascript:/i);
    expect(text(page)).toContain('#7 <img src=x onerror=alert(1)>');
  });

  it('is one document with no script and nothing to fetch', () => {
    const page = renderStatusPage(pageInput(NOW, [ops()]));
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).not.toMatch(/<script|<link |src=|@import|url\(/i);
  });
});

describe('open incidents', () => {
  it('says "unknown at build time" when they could not be read, never "no open incidents"', () => {
    const page = text(
      renderStatusPage(
        pageInput(NOW, [ops()], {
          incidents: { known: false, reason: 'GitHub could not be read (HTTP 502)' },
        }),
      ),
    );
    expect(page).toContain('Open incidents: unknown at build time. GitHub could not be read (HTTP 502).');
    expect(page).not.toMatch(/no open incidents/i);
  });

  it('says there are none only when the list was read and is empty', () => {
    const page = text(renderStatusPage(pageInput(NOW, [ops()])));
    expect(page).toContain('No open incidents at build time (Wed 2026-12-09 20:00 EST).');
  });

  it('lists them with severity, system, status and when they were opened, and says when more are open', () => {
    const incidents: OpenIncident[] = [
      {
        number: 12,
        title: 'API down',
        url: 'https://github.com/acme/oncall/issues/12',
        severity: 1,
        systems: ['api'],
        status: 'escalated',
        openedAt: at('2026-12-10T00:30:00Z'),
      },
    ];
    const page = renderStatusPage(
      pageInput(NOW, [ops()], { incidents: { known: true, open: incidents, truncated: true } }),
    );
    expect(text(page)).toContain(
      '1 open incident at build time (more are open than are listed) Incident Severity System Status Opened (America/New_York) #12 API down sev:1 api escalated Wed 2026-12-09 19:30 EST',
    );
    expect(page).toContain('<a href="https://github.com/acme/oncall/issues/12">#12 API down</a>');
  });
});

describe('who is on call', () => {
  it('names the people now, the cover in effect, the shift and the next one', () => {
    const people = roster([
      { github: 'ana', name: 'Ana Lima', team: 'red' },
      { github: 'ben', name: 'Ben Okoro', team: 'blue', timezone: 'Europe/London' },
      { github: 'cy', name: 'Cy Park' },
      { github: 'dee', name: 'Dee Quinn' },
    ]);
    const rotation = ops({
      overrides: [
        { from: '2026-12-09T18:00', to: '2026-12-10T09:00', replace: 'dee', with: 'ben', reason: 'dentist' },
      ],
    });
    const page = text(renderStatusPage(pageInput(NOW, [rotation], { roster: people })));
    expect(page).toContain(
      'ops primary Cy Park @cy · red secondary Ben Okoro @ben · blue · Europe/London covering Dee Quinn @dee until Thu 2026-12-10 09:00 EST (dentist) Shift from Mon 2026-12-07 11:00 EST to Mon 2026-12-14 11:00 EST, America/New_York Next from Mon 2026-12-14 11:00 EST: primary Ana Lima @ana, secondary Cy Park @cy',
    );
  });

  it.each([
    [
      'before the schedule starts',
      '2026-11-30T10:59:00-05:00',
      'The published schedule starts at Mon 2026-11-30 11:00 EST.',
      true,
    ],
    [
      'after it ends',
      '2026-12-21T11:00:00-05:00',
      'The published schedule ended at Mon 2026-12-21 11:00 EST: publish the next weeks.',
      false,
    ],
  ])('says nobody is on call %s, and why', (_when, iso, why, hasNext) => {
    const page = text(
      renderStatusPage(
        pageInput(at(iso), [
          statusRotation(
            {
              name: 'ops',
              zone: 'America/New_York',
              start: '2026-11-30',
              crews: [
                ['ana', 'ben'],
                ['cy', 'dee'],
                ['ana', 'cy'],
              ],
            },
            at(iso),
          ),
        ]),
      ),
    );
    expect(page).toContain(`Nobody is on call now. ${why}`);
    expect(page.includes('Next from Mon 2026-11-30 11:00 EST: primary @ana, secondary @ben')).toBe(hasNext);
  });

  it('says so when nothing is published at all', () => {
    const page = text(renderStatusPage(pageInput(NOW, [ops({ crews: [] })])));
    expect(page).toContain('Nobody is on call now. Nothing is published in the schedule yet.');
    expect(page).toContain('No shift is published from now on in rotations/ops/schedule.yaml.');
  });

  it('warns when nothing is published after the current shift', () => {
    const page = text(
      renderStatusPage(
        pageInput(NOW, [
          ops({
            crews: [
              ['ana', 'ben'],
              ['cy', 'dee'],
            ],
          }),
        ]),
      ),
    );
    expect(page).toContain(
      'No shift is published after this one: publish the next weeks (rotations/ops/schedule.yaml).',
    );
  });
});

describe('several rotations', () => {
  const support = statusRotation(
    {
      name: 'support',
      zone: 'Europe/Berlin',
      time: '09:00',
      start: '2026-12-07',
      crews: [['gus'], ['hal']],
      slots: ['primary'],
    },
    NOW,
  );
  const page = renderStatusPage(
    pageInput(NOW, [ops(), support], { siteUrl: 'https://acme.github.io/oncall' }),
  );

  it('gives each its card, section, schedule and feed, in order', () => {
    const read = text(page);
    expect(read.indexOf('ops primary @cy')).toBeLessThan(read.indexOf('support primary @gus'));
    expect(page.match(/<article /g)).toHaveLength(2);
    expect(page).toContain('<li><a href="#rotation-ops">Rotation ops</a></li>');
    expect(page).toContain('<li><a href="#rotation-support">Rotation support</a></li>');
    expect(read).toContain(
      'Published shifts of support from now on (2), times in Europe/Berlin Starts Ends Primary',
    );
    expect(page).toContain(
      '<a href="webcal://acme.github.io/oncall/calendars/support.ics">Add support to your calendar app</a>',
    );
    expect(page).toContain('<a href="calendars/ops.ics">ops: every shift and cover</a>');
  });

  it('shows each rotation in its own zone, named', () => {
    expect(text(page)).toContain('Mon 2026-12-07 09:00 GMT+1');
    expect(page).toContain('<time datetime="2026-12-07T09:00:00+01:00">');
  });
});

describe('times across daylight-saving changes', () => {
  it.each([
    // The handoff stays 11:00 wall clock; the offset and the abbreviation change.
    [
      'America/New_York',
      '2027-03-08',
      '2027-03-10T12:00:00-05:00',
      '2027-03-15T11:00:00-04:00',
      'Mon 2027-03-15 11:00 EDT',
    ],
    [
      'America/New_York',
      '2027-11-01',
      '2027-11-03T12:00:00-04:00',
      '2027-11-08T11:00:00-05:00',
      'Mon 2027-11-08 11:00 EST',
    ],
    [
      'Europe/London',
      '2027-03-22',
      '2027-03-24T12:00:00Z',
      '2027-03-29T11:00:00+01:00',
      'Mon 2027-03-29 11:00 GMT+1',
    ],
    [
      'Australia/Sydney',
      '2027-03-29',
      '2027-03-31T12:00:00+11:00',
      '2027-04-05T11:00:00+10:00',
      'Mon 2027-04-05 11:00 GMT+10',
    ],
  ])('%s: the shift from %s ends at %s', (zone, start, now, endIso, endText) => {
    const instant = at(now);
    const page = renderStatusPage(
      pageInput(instant, [
        statusRotation(
          {
            name: 'ops',
            zone,
            start,
            crews: [
              ['ana', 'ben'],
              ['cy', 'dee'],
            ],
          },
          instant,
        ),
      ]),
    );
    // The fixture itself: the shift does span the change.
    const startsAt = DateTime.fromISO(`${start}T11:00`, { zone });
    expect(startsAt.offset).not.toBe(at(endIso).offset);
    expect(page).toContain(`Shift from <time datetime="${startsAt.toISO({ suppressMilliseconds: true })}">`);
    expect(page).toContain(`<time datetime="${endIso}">${endText}</time>`);
  });
});

describe('size', () => {
  it('keeps a year of published schedule for 30 people small', () => {
    const logins = Array.from({ length: 30 }, (_, index) => `person-${index}`);
    const people = roster(logins.map((github, index) => ({ github, name: `Person Number ${index}` })));
    const crews = Array.from(
      { length: 56 },
      (_, index) => [logins[index % 30], logins[(index + 7) % 30]] as string[],
    );
    const rotation = statusRotation(
      { name: 'ops', zone: 'America/New_York', start: '2026-11-30', crews },
      NOW,
    );
    rotation.fairness = {
      from: '2025-12-08',
      to: '2027-12-20',
      people: logins.map((github, index) => ({
        github,
        name: `Person Number ${index}`,
        team: 'red',
        shifts: 4,
        load: 4.2,
        holidayShifts: 1,
        firstShift: '2026-01-05',
        prorated: 4.123,
      })),
      spread: { shifts: 1, load: 1, holidayShifts: 1, prorated: 0.5 },
    };
    const page = renderStatusPage(
      pageInput(NOW, [rotation], { roster: people, siteUrl: 'https://acme.github.io/oncall' }),
    );
    expect(rotation.status.ahead).toHaveLength(55);
    expect(Buffer.byteLength(page)).toBeLessThan(80_000);
  });
});
