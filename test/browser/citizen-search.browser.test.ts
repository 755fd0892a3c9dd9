/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn, screenshot } from '../support/browser.js';
import { addGrantLine, registerCitizen, setCitizenStatus, type TestCitizen } from '../support/citizens.js';
import { hyphenated } from '../citizens/cpr-fixtures.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

/** The result table's rows as the person reads them: one text per column. */
const rows = (page: Page) =>
  page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));

const column = async (page: Page, header: string) => {
  const headers = await page.locator('main table thead th').allInnerTexts();
  const index = headers.findIndex((text) => text.trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(' | ')}`);
  return (await rows(page)).map((cells) => cells[index]);
};

const resultCount = (page: Page) => page.locator('main .rows-message').innerText();

async function openSearch(page: Page, username: string): Promise<void> {
  await page.goto('/borgere');
  await logIn(page, username);
  await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
  await resultShown(page);
}

async function search(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByRole('main').getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
  const before = page.url();
  await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
  if (page.url() === before) await page.waitForURL((url) => url.toString() !== before);
  await resultShown(page);
}

/** Waits until the result on the page is the one of the search in the address (not the previous one, kept while loading). */
async function resultShown(page: Page): Promise<void> {
  await page.waitForFunction((search) => {
    const result = document.querySelector('main [data-search]');
    return result?.getAttribute('data-search') === search && result.getAttribute('aria-busy') !== 'true' && result.querySelector('.rows-message, .alert') !== null;
  }, new URL(page.url()).searchParams.toString());
}

describeInBrowser(
  'The portal: finding citizens, "Brugere" (PORTAL.md "Mine sider → Brugere", user guide p. 2–3)',
  {},
  (suite) => {
    let cprSearched: TestCitizen;

    beforeAll(async () => {
      const caseworker = await suite.app.login('sagsbehandler.kbh');
      // Twelve citizens with "trup" in the name, eleven of them with a stoma line; one more whose grant ended.
      const numbers = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
      await Promise.all(
        numbers.map(async (n) => {
          const odd = Number(n) % 2 === 1;
          const citizen = await registerCitizen(suite.app, caseworker, `${n}0457`, { firstName: `Nr${n}`, lastName: 'Testrup', city: odd ? 'København Ø' : 'Hellerup', postalCode: odd ? '2100' : '2450' });
          if (n !== '12') await addGrantLine(suite.app, caseworker, citizen.citizenId, '206002', 'Stomi');
        }),
      );
      const ended = await registerCitizen(suite.app, caseworker, '130457', { firstName: 'Ophørt', lastName: 'Testrup' });
      await setCitizenStatus(suite.app, caseworker, ended.citizenId, 'GRANT_ENDED');
      cprSearched = await registerCitizen(suite.app, caseworker, '240372', { firstName: 'Cecilie', lastName: 'Cprsøgning' });
    }, 180_000);

    it('the search shows every active citizen at once; a part of a name finds them, twelve over two pages of ten', async () => {
      const { page } = suite;
      await openSearch(page, 'sagsbehandler.kbh');
      expect(await page.getByRole('button', { name: 'Opret ny borger …' }).isVisible()).toBe(true);
      expect(await page.getByLabel('Borgerstatus').inputValue()).toBe('ACTIVE');
      expect(await column(page, 'Navn')).toEqual(expect.arrayContaining(['Inger Kristensen', 'Poul Erik Jensen', 'Grethe Olsen']));
      // Another municipality's citizen is never in København's list.
      expect(await column(page, 'Navn')).not.toContain('Niels Madsen');

      // Poul Erik Jensen's window is used up: his next order date is later than today, in red with the bell.
      const poul = page.locator('main table tbody tr', { hasText: 'Poul Erik Jensen' });
      await expect(poul.locator('.next-order-date-blocked').count()).resolves.toBe(1);
      expect(await poul.locator('.next-order-date-blocked').innerText()).toMatch(/^Spærret for bestilling indtil\s+\d{2}\.\d{2}\.\d{4}$/);
      expect(await poul.locator('.next-order-date-blocked').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(181, 29, 9)');
      await checkA11y(page, 'Brugere');
      await search(page, { Adresse: 'brogade' });
      // Sorted by name: last name first, as a list of people is read.
      expect(await column(page, 'Navn')).toEqual(['Poul Erik Jensen', 'Inger Kristensen', 'Grethe Olsen']);
      await screenshot(page, 'brugere');
      await search(page, { Adresse: '' });

      await search(page, { Navn: 'TRUP' });
      expect(new URL(page.url()).searchParams.get('name')).toBe('TRUP');
      await page.getByLabel('Antal pr. side').selectOption('10');
      await page.getByText('Viser 1–10.').waitFor();
      expect(await resultCount(page)).toBe('12 borgere fundet. Viser 1–10.');
      const firstPage = await column(page, 'Navn');
      expect(firstPage).toEqual(['Nr01 Testrup', 'Nr02 Testrup', 'Nr03 Testrup', 'Nr04 Testrup', 'Nr05 Testrup', 'Nr06 Testrup', 'Nr07 Testrup', 'Nr08 Testrup', 'Nr09 Testrup', 'Nr10 Testrup']);
      expect(await column(page, 'CPR-nummer')).toContain('010457-XXXX');
      const pager = page.getByRole('navigation', { name: 'Sider i søgeresultatet' });
      expect(await pager.getByRole('button', { name: 'Side 1' }).getAttribute('aria-current')).toBe('page');
      await pager.getByRole('button', { name: 'Side 2' }).click();
      await page.getByText('Viser 11–12.').waitFor();
      expect(await column(page, 'Navn')).toEqual(['Nr11 Testrup', 'Nr12 Testrup']);
      await checkA11y(page, 'Brugere, page 2');

      // Sorted by city, then the other way round; the header says how the list is sorted.
      await pager.getByRole('button', { name: 'Side 1' }).click();
      await page.getByText('Viser 1–10.').waitFor();
      await page.getByRole('button', { name: 'By' }).click();
      await page.waitForURL(/sort=city/);
      await page.waitForFunction(() => document.querySelector('main table tbody tr td:nth-child(5)')?.textContent === 'Hellerup');
      expect(await page.locator('main th[aria-sort="ascending"]').innerText()).toBe('By');
      expect(await column(page, 'By')).toEqual([...Array(6).fill('Hellerup'), ...Array(4).fill('København Ø')]);
      await page.getByRole('button', { name: 'By' }).click();
      await page.waitForURL(/sort=-city/);
      await page.waitForFunction(() => document.querySelector('main table tbody tr td:nth-child(5)')?.textContent === 'København Ø');
      expect(await page.locator('main th[aria-sort="descending"]').innerText()).toBe('By');
    });

    it('grant area and status combine with the other criteria; a status other than Aktiv finds those citizens', async () => {
      const { page } = suite;
      await openSearch(page, 'sagsbehandler.kbh');
      await search(page, { 'Aktivt bevillingsområde': 'Stomi', Borgerstatus: 'Aktiv' });
      expect(await resultCount(page)).toBe('12 borgere fundet. Viser 1–12.');
      const names = await column(page, 'Navn');
      expect(names).toContain('Inger Kristensen');
      expect(names).not.toContain('Nr12 Testrup');
      expect(new Set(await column(page, 'Bevillingsområder'))).toEqual(new Set(['Stomi']));

      await search(page, { 'Aktivt bevillingsområde': 'Stomi', 'Postnummer eller by': '2450' });
      expect(await column(page, 'Navn')).toEqual(['Nr02 Testrup', 'Nr04 Testrup', 'Nr06 Testrup', 'Nr08 Testrup', 'Nr10 Testrup']);

      await search(page, { 'Aktivt bevillingsområde': 'Alle mine områder', 'Postnummer eller by': '', Navn: 'testrup', Borgerstatus: 'Bevilling ophørt' });
      expect(await column(page, 'Navn')).toEqual(['Ophørt Testrup']);
      expect(await column(page, 'Status')).toEqual(['Bevilling ophørt']);

      await search(page, { Navn: 'Ingen med dette navn', Borgerstatus: 'Aktiv' });
      await page.getByRole('heading', { name: 'Ingen borgere fundet' }).waitFor();
      await checkA11y(page, 'Brugere, nothing found');
    });

    it('a CPR search by the first 6 digits finds the citizen; the number is in no address, and is there again when coming back', async () => {
      const { page } = suite;
      const visited: string[] = [];
      page.on('framenavigated', (frame) => visited.push(frame.url()));
      await openSearch(page, 'sagsbehandler.kbh');
      const birthPart = cprSearched.cpr.slice(0, 6);
      await search(page, { 'CPR-nummer': birthPart });
      expect(await column(page, 'Navn')).toEqual(['Cecilie Cprsøgning']);
      expect(await column(page, 'CPR-nummer')).toEqual([`${birthPart}-XXXX`]);
      expect(page.url()).not.toContain(birthPart);

      await page.getByRole('link', { name: 'Se bevilling for Cecilie Cprsøgning' }).click();
      await page.waitForURL(`**/borgere/${cprSearched.citizenId}/bevilling`);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      await page.getByText('1 borger fundet.').waitFor();
      expect(await column(page, 'Navn')).toEqual(['Cecilie Cprsøgning']);
      expect(await page.getByRole('main').getByLabel('CPR-nummer').inputValue()).toBe(birthPart);

      // The whole number works too (with its hyphen), and is kept out of the address just the same.
      await search(page, { 'CPR-nummer': hyphenated(cprSearched.cpr) });
      expect(await column(page, 'Navn')).toEqual(['Cecilie Cprsøgning']);
      const history = await page.evaluate(() => JSON.stringify(window.history.state));
      for (const seen of [...visited, page.url(), history]) {
        expect(seen).not.toContain(birthPart);
        expect(seen).not.toContain(cprSearched.cpr.slice(6));
      }
      expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(birthPart);

      // A number that is neither is refused before it is sent, in the error summary, which takes the focus.
      await page.getByRole('main').getByLabel('CPR-nummer').fill('24037');
      await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await summary.innerText()).toContain('Skriv hele CPR-nummeret (10 cifre) eller de første 6 cifre.');
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      await checkA11y(page, 'Brugere, CPR refused');
    });

    it('a nurse is offered only her own grant areas, and sees only those areas in the list', async () => {
      const { page } = suite;
      await openSearch(page, 'sygeplejerske.kbh');
      const options = await page.getByLabel('Aktivt bevillingsområde').locator('option').allInnerTexts();
      expect(options).toEqual(['Alle mine områder', 'Stomi', 'Kateter']);
      expect(await page.getByLabel('Borgerstatus').locator('option').allInnerTexts()).toEqual(['Aktiv', 'Bevilling ophørt', 'Valgt anden leverandør']);
      expect(await page.getByRole('button', { name: 'Opret ny borger …' }).count()).toBe(0);
      await search(page, { Navn: 'Grethe' });
      // Grethe Olsen's lines are Inkontinens and Diabetes: areas the nurse was not given.
      expect(await column(page, 'Bevillingsområder')).toEqual(['Ingen']);
      await checkA11y(page, 'Brugere, nurse');
    });

    it('customer service searches across municipalities and sees each citizen\'s municipality', async () => {
      const { page } = suite;
      await openSearch(page, 'kundeservice');
      const municipalities = await column(page, 'Kommune');
      expect(new Set(municipalities)).toEqual(new Set(['101', '751']));
      expect(await page.getByLabel('Borgerstatus').locator('option').allInnerTexts()).toEqual(['Aktiv', 'Bevilling ophørt', 'Valgt anden leverandør', 'Mors', 'Fraflyttet']);
      await search(page, { Navn: 'Madsen' });
      expect(await rows(page)).toEqual([[expect.stringMatching(/^\d{6}-XXXX$/), 'Niels Madsen', 'Frederiks Allé 20, 1. sal', '8000', 'Aarhus C', '751', 'Diabetes', 'Aktiv', expect.any(String), expect.stringContaining('Se bevilling')]]);
      await checkA11y(page, 'Brugere, customer service');
    });
  },
  { seedCitizens: true },
);
