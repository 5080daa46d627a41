// biome-ignore-all lint/performance/useDomNodeTextContent: innerText is the text as rendered, what a person sees.
/**
 * The status page in a real browser: Debian's chromium, driven by playwright-core (no browser is
 * downloaded; .ci/run installs chromium when it is missing). Its own vitest project: `npm run
 * test:browser`; `npm test` leaves it out, in one line, on a machine without Chromium (chromium.ts). The page is built by the CLI from a
 * repository on disk, with its calendar feeds beside it, and opened from the file, as a person
 * opens the published site: the assertions are about what they see and what a screen reader
 * announces. Full-page screenshots go to test-output/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/repo.js';
import { findChromium, HOW_TO_GET_CHROMIUM } from './chromium.js';
import {
  BUILT_AT,
  HOSTILE_NAME,
  HOSTILE_REASON,
  HOSTILE_TITLE,
  openIncidentIssues,
  statusPageRepoFiles,
} from './fixture.js';
import { CONTRAST_FAILURES, HEADINGS, imageColours } from './in-page.js';

const CHROMIUM = findChromium();
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

let browser: Browser;
let root: string;
/** The page with incidents read from a file, and one built with no way to read them. */
let pageUrl: string;
let unknownUrl: string;

async function cli(args: string[]): Promise<void> {
  const run = await runCli([...args, '--root', root, '--at', BUILT_AT]);
  expect(run.code, run.stderr).toBe(0);
}

beforeAll(async () => {
  if (CHROMIUM === null) throw new Error(`no Chromium found: ${HOW_TO_GET_CHROMIUM}`);
  root = mkdtempSync(path.join(tmpdir(), 'oncall-site-'));
  for (const [file, text] of Object.entries(statusPageRepoFiles())) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const incidents = path.join(root, 'incidents.json');
  writeFileSync(incidents, JSON.stringify(openIncidentIssues()));
  const site = path.join(root, '_site');
  const options = ['--repo', 'acme/oncall', '--site-url', 'https://acme.github.io/oncall'];
  await cli(['calendar', '--out', path.join(site, 'calendars')]);
  await cli(['site', '--out', site, ...options, '--incidents', incidents]);
  await cli(['site', '--out', path.join(root, '_unknown'), ...options]);
  pageUrl = pathToFileURL(path.join(site, 'index.html')).href;
  unknownUrl = pathToFileURL(path.join(root, '_unknown', 'index.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(
  url: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  return { page, requests };
}

describe('the status page, as a person sees it', () => {
  let page: Page;
  let requests: string[];
  beforeAll(async () => {
    ({ page, requests } = await open(pageUrl));
  });
  afterAll(async () => {
    await page?.close();
  });

  it('is one file: nothing else is fetched, no script runs', async () => {
    expect(requests).toEqual([pageUrl]);
    expect(await page.locator('script, img, link[rel=stylesheet], iframe').count()).toBe(0);
  });

  it('has a title, one h1, landmarks and headings in order', async () => {
    expect(await page.title()).toBe('On-call status · acme/oncall');
    await expect(page.getByRole('heading', { level: 1 }).allTextContents()).resolves.toEqual([
      'On-call status',
    ]);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'On this page' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'On call now',
      'Open incidents',
      'Rotation ops',
      'Rotation support',
      'Calendars',
    ]);
    const headings = (await page.evaluate<string[]>(HEADINGS)).map((line) => Number(line[1]));
    headings.forEach((level, index) => {
      if (index > 0) expect(level - (headings[index - 1] as number)).toBeLessThanOrEqual(1);
    });
  });

  it('says who is on call now in each rotation, a cover included, and who is next', async () => {
    const now = page.getByRole('region', { name: 'On call now' });
    const ops = now.getByRole('article', { name: 'ops' });
    expect(await ops.locator('dt').allInnerTexts()).toEqual(['PRIMARY', 'SECONDARY']);
    const people = await ops.locator('dd').allInnerTexts();
    expect(people[0]).toContain('Fay Wong');
    expect(people[1]).toContain(HOSTILE_NAME);
    expect(people[1]).toContain(`covering Ben Okoro @ben until Thu 2027-03-11 09:00 EST (${HOSTILE_REASON})`);
    expect(await ops.getByRole('link', { name: 'Fay Wong' }).getAttribute('href')).toBe(
      'https://github.com/fay',
    );
    // The shift began before the daylight-saving change and ends after it: 11:00 both times.
    expect(await ops.locator('.meta').innerText()).toBe(
      'Shift from Mon 2027-03-08 11:00 EST to Mon 2027-03-15 11:00 EDT, America/New_York',
    );
    expect(await ops.locator('.meta time').nth(1).getAttribute('datetime')).toBe('2027-03-15T11:00:00-04:00');
    expect(await ops.locator('.next').innerText()).toBe(
      'Next from Mon 2027-03-15 11:00 EDT: primary Ana Lima @ana, secondary Cy Park @cy',
    );

    const support = now.getByRole('article', { name: 'support' });
    expect(await support.innerText()).toContain(
      'Nobody is on call now. The published schedule starts at Mon 2027-03-15 09:00 GMT+1.',
    );
    expect(await support.locator('.next').innerText()).toBe(
      'Next from Mon 2027-03-15 09:00 GMT+1: primary Gus Berg @gus',
    );
  });

  it('lists the open incidents, most severe first, titles as text and no unsafe link', async () => {
    const table = page.getByRole('table', { name: '3 open incidents at build time' });
    const rows = table.getByRole('row');
    expect(await rows.first().getByRole('columnheader').allInnerTexts()).toEqual([
      'Incident',
      'Severity',
      'System',
      'Status',
      'Opened (UTC)',
    ]);
    expect(await rows.nth(1).innerText()).toBe(
      `#101 ${HOSTILE_TITLE}\tsev:1\tcheckout\tacknowledged\tThu 2027-03-11 00:05 UTC`,
    );
    expect(await rows.nth(2).innerText()).toBe(
      '#102 Search is slow\tsev:2\tsearch\tpaged\tWed 2027-03-10 23:40 UTC',
    );
    expect(await rows.nth(3).innerText()).toBe(
      '#103 Odd numbers on the dashboard\tnot set\t—\topen\tThu 2027-03-11 00:30 UTC',
    );
    expect(await rows.count()).toBe(4); // the pull request labelled incident is not one
    expect(await table.getByRole('link', { name: `#101 ${HOSTILE_TITLE}` }).getAttribute('href')).toBe(
      'https://github.com/acme/oncall/issues/101',
    );
    expect(await rows.nth(3).getByRole('link').count()).toBe(0); // its URL was javascript:
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  });

  it('shows the published schedule from the current shift on, with the cover, across the DST change', async () => {
    const table = page.getByRole('table', {
      name: /^Published shifts of ops from now on \(6\), times in America\/New_York$/,
    });
    const rows = table.getByRole('row');
    expect(await rows.first().getByRole('columnheader').allInnerTexts()).toEqual([
      'Starts',
      'Ends',
      'Primary',
      'Secondary',
    ]);
    expect(await rows.count()).toBe(7);
    const current = rows.nth(1);
    expect(await current.getByRole('rowheader').innerText()).toBe('Mon 2027-03-08 11:00 EST now');
    expect(await current.getByRole('cell').allInnerTexts()).toEqual([
      'Mon 2027-03-15 11:00 EDT',
      'Fay Wong @fay',
      `Ben Okoro @ben\ncovered by ${HOSTILE_NAME} @eve from Wed 2027-03-10 18:00 EST to Thu 2027-03-11 09:00 EST (${HOSTILE_REASON})`,
    ]);
    expect(await rows.nth(2).innerText()).toBe(
      'Mon 2027-03-15 11:00 EDT\tMon 2027-03-22 11:00 EDT\tAna Lima @ana\tCy Park @cy',
    );
    expect(await rows.nth(6).getByRole('rowheader').innerText()).toBe('Mon 2027-04-12 11:00 EDT');

    const support = page.getByRole('table', { name: /^Published shifts of support/ });
    expect(await support.getByRole('row').nth(1).innerText()).toBe(
      'Mon 2027-03-15 09:00 GMT+1\tMon 2027-03-22 09:00 GMT+1\tGus Berg @gus',
    );
  });

  it('shows the fairness table of each rotation', async () => {
    const table = page.getByRole('table', {
      name: 'Fairness in ops: shifts starting 2027-02-22 to 2027-04-12',
    });
    expect(await table.getByRole('row').first().getByRole('columnheader').allInnerTexts()).toEqual([
      'Person',
      'Team',
      'Shifts',
      'Load',
      'Holiday shifts',
      'First shift',
      'Prorated load',
    ]);
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1)).toEqual([
      'Ana Lima @ana\tred\t3\t3\t0\t2027-02-22\t3',
      'Ben Okoro @ben\tblue\t3\t3\t0\t2027-02-22\t3',
      'Cy Park @cy\tgreen\t3\t3\t0\t2027-03-01\t3',
      'Dee Quinn @dee\tred\t3\t3\t0\t2027-03-01\t3',
      'Fay Wong @fay\tgreen\t3\t3\t0\t2027-03-08\t3',
      `${HOSTILE_NAME} @eve\tblue\t1\t1\t0\t2027-03-29\t1`,
    ]);
    expect(await page.getByText('Spread, most minus least: shifts 2, load 2').count()).toBe(1);
    await expect(
      page
        .getByRole('table', { name: /^Fairness in support/ })
        .getByRole('row')
        .count(),
    ).resolves.toBe(3);
  });

  it('links every calendar feed: https on the site, webcal for calendar apps, and the files exist', async () => {
    const calendars = page.getByRole('region', { name: 'Calendars' });
    const feed = calendars.getByRole('link', { name: 'ops: every shift and cover' });
    expect(await feed.getAttribute('href')).toBe('calendars/ops.ics');
    expect(
      await calendars.getByRole('link', { name: 'Add ops to your calendar app' }).getAttribute('href'),
    ).toBe('webcal://acme.github.io/oncall/calendars/ops.ics');
    expect(await calendars.innerText()).toContain('https://acme.github.io/oncall/calendars/support.ics');

    // Everyone's own feed sits behind a disclosure: closed, then opened by a click.
    const eve = calendars.getByRole('link', { name: `${HOSTILE_NAME} @eve` });
    expect(await eve.isVisible()).toBe(false);
    await calendars.getByText("Everyone's calendar (8 people)").click();
    expect(await eve.isVisible()).toBe(true);
    const hrefs = await calendars
      .locator('.people a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(8);
    for (const href of [...hrefs, 'calendars/ops.ics', 'calendars/support.ics']) {
      expect(existsSync(path.join(root, '_site', href as string)), href as string).toBe(true);
    }
    await page.reload();
  });

  it('shows hostile text as text', async () => {
    expect(await page.getByText(HOSTILE_NAME, { exact: false }).first().isVisible()).toBe(true);
    expect(await page.locator('em, script, img').count()).toBe(0);
    expect(await page.evaluate<boolean>('"pwned" in window')).toBe(false);
  });

  it('reads well to a screen reader: the "On call now" section', async () => {
    const snapshot = await page.getByRole('region', { name: 'On call now' }).ariaSnapshot();
    await expect(`${snapshot}\n`).toMatchFileSnapshot('__snapshots__/on-call-now.aria.yml');
  });

  it('keeps every text at WCAG AA contrast, in the light scheme', async () => {
    expect(await page.evaluate<string[]>(CONTRAST_FAILURES)).toEqual([]);
  });

  it('makes a full-page screenshot that is a real picture of the page', async () => {
    const png = await page.screenshot({ fullPage: true, path: path.join(OUTPUT, 'status-page.png') });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(1500);
    expect(height).toBeLessThan(6000);
    const decoded = await page.evaluate<{ width: number; height: number; colours: number }>(
      imageColours(`data:image/png;base64,${png.toString('base64')}`),
    );
    expect(decoded).toMatchObject({ width, height });
    expect(decoded.colours).toBeGreaterThan(50);
  });
});

describe('the status page in the dark and on a phone', () => {
  it('follows the dark scheme, keeping contrast', async () => {
    const { page } = await open(pageUrl, { colorScheme: 'dark' });
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(13, 17, 23)');
    expect(await page.evaluate<string[]>(CONTRAST_FAILURES)).toEqual([]);
    await page.screenshot({ fullPage: true, path: path.join(OUTPUT, 'status-page-dark.png') });
    await page.close();
  });

  it('fits a 390-pixel screen: only the tables scroll, sideways, in focusable regions', async () => {
    const { page } = await open(pageUrl, { width: 390 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const regions = page.locator('.scroll');
    expect(await regions.count()).toBe(5);
    for (const region of await regions.all()) {
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getAttribute('role')).toBe('region');
    }
    await page.screenshot({ fullPage: true, path: path.join(OUTPUT, 'status-page-phone.png') });
    await page.close();
  });
});

describe('when the open incidents could not be read', () => {
  it('says they are unknown, never that there are none', async () => {
    const { page } = await open(unknownUrl);
    const section = page.getByRole('region', { name: 'Open incidents' });
    expect(await section.innerText()).toBe(
      'Open incidents\n\nOpen incidents: unknown at build time. The build had no GitHub token to read them with. The open incidents on GitHub now',
    );
    expect(await section.getByRole('table').count()).toBe(0);
    expect(await page.getByText(/no open incidents/i).count()).toBe(0);
    expect(await section.getByRole('link').getAttribute('href')).toBe(
      'https://github.com/acme/oncall/issues?q=is%3Aissue%20is%3Aopen%20label%3Aincident',
    );
    await page.close();
  });
});
