/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';

interface ProductRow {
  itemNumber: string;
  name: string;
  onAgreement: boolean;
  pricePerSalesUnit: number;
  pricePerPiece: number;
}

/** What the API answers the same user: the order and the prices the page must show. */
async function productsFor(app: TestApp, username: string, query: string): Promise<{ items: ProductRow[]; total: number }> {
  const answer = await app.request('GET', `/api/v1/products?${query}`, { token: await app.login(username) });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** 123450 øre → "1.234,50 kr." (written out here, apart from the portal's own formatting). */
const kroner = (ore: number) => `${Math.floor(ore / 100).toLocaleString('da-DK')},${String(ore % 100).padStart(2, '0')} kr.`;

/** The result rows as a person reads them: star, name, item number, …, price and its kind, price per piece. */
const shownRows = (page: Page) =>
  page.locator('table.product-table').first().locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      starred: row.querySelector('[aria-label="På kommunens aftale"]') !== null,
      name: row.querySelector('th')?.textContent ?? '',
      cells: [...row.querySelectorAll('td')].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    })),
  );

async function searchFromHeader(page: Page, text: string): Promise<void> {
  await page.getByRole('search').getByLabel('Søg produkter (varenummer eller fritekst)').fill(text);
  await page.getByRole('search').getByRole('button', { name: 'Søg' }).click();
  await page.waitForURL(/\/produkter\?q=/);
  await page.getByRole('heading', { level: 2, name: 'Søgeresultat' }).waitFor();
}

async function logInAs(page: Page, username: string): Promise<void> {
  await page.goto('/log-ind');
  await logIn(page, username);
  await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
}

describeInBrowser('The portal: product search and product pages (PORTAL.md "product pages", user guide p. 4)', {}, (suite) => {
  it('the header search finds products by text, most relevant first, with the star and the agreement price for København, the list price otherwise', async () => {
    const { page, app } = suite;
    await logInAs(page, 'sagsbehandler.kbh');
    await searchFromHeader(page, 'Skagen pose 30 mm');
    const expected = await productsFor(app, 'sagsbehandler.kbh', 'q=Skagen%20pose%2030%20mm');
    await page.getByText(`Viser 1–${Math.min(25, expected.total)} af ${expected.total} produkter.`).waitFor();
    const rows = await shownRows(page);
    expect(rows.map((row) => row.name)).toEqual(expected.items.map((item) => item.name));
    expect(rows.map((row) => row.starred)).toEqual(expected.items.map((item) => item.onAgreement));
    // Both kinds are among them: Skagen Colo is on København's agreement, Skagen Uro only on Aarhus's.
    const starred = expected.items.findIndex((item) => item.onAgreement);
    const listed = expected.items.findIndex((item) => !item.onAgreement);
    expect([starred, listed].every((index) => index >= 0)).toBe(true);
    expect(rows[starred]!.cells.slice(-2)).toEqual([`${kroner(expected.items[starred]!.pricePerSalesUnit)} aftalepris`, kroner(expected.items[starred]!.pricePerPiece)]);
    expect(rows[listed]!.cells.slice(-2)).toEqual([`${kroner(expected.items[listed]!.pricePerSalesUnit)} listepris`, kroner(expected.items[listed]!.pricePerPiece)]);
    expect(rows[starred]!.cells).toContain('æske á 30 stk.');
    await checkA11y(page, 'Produktsøgning');
    await screenshot(page, 'produktsoegning');
  });

  it('part of an item number finds the products whose number holds it; the agreement assortment narrows to starred products, and the search can be widened again', async () => {
    const { page, app } = suite;
    await logInAs(page, 'sagsbehandler.kbh');
    await searchFromHeader(page, '10100');
    const byNumber = await productsFor(app, 'sagsbehandler.kbh', 'q=10100');
    const rows = await shownRows(page);
    // The cells after the star and the name: item number first.
    expect(rows.map((row) => row.cells[1])).toEqual(byNumber.items.map((item) => item.itemNumber));
    expect(rows.every((row) => row.cells[1]!.includes('10100'))).toBe(true);

    const form = page.getByRole('form', { name: 'Søg produkter' });
    await form.getByLabel('Søg produkter').fill('Skagen');
    await form.getByLabel('Kun aftalesortiment').check();
    await form.getByRole('button', { name: 'Søg' }).click();
    const agreement = await productsFor(app, 'sagsbehandler.kbh', 'q=Skagen&agreementOnly=true');
    await page.getByText(`af ${agreement.total} produkter i aftalesortimentet.`).waitFor();
    expect((await shownRows(page)).every((row) => row.starred && row.cells.some((cell) => cell.endsWith('aftalepris')))).toBe(true);
    await checkA11y(page, 'Produktsøgning, aftalesortiment');

    await page.getByRole('button', { name: 'Udvid søgningen til alle produkter' }).click();
    const all = await productsFor(app, 'sagsbehandler.kbh', 'q=Skagen');
    await page.getByText(`af ${all.total} produkter.`).waitFor();
    expect(all.total).toBeGreaterThan(agreement.total);
    expect(new URL(page.url()).searchParams.get('agreementOnly')).toBeNull();
  });

  it('the product page: prices per sales unit and per piece, packaging, the star, the datasheet, other sizes, similar products and the group page', async () => {
    const { page, app } = suite;
    await logInAs(page, 'sagsbehandler.kbh');
    await searchFromHeader(page, '201005');
    await page.getByRole('link', { name: 'Skagen Colo lukket pose 30 mm transparent' }).click();
    await page.getByRole('heading', { level: 1, name: /Skagen Colo lukket pose 30 mm transparent/ }).waitFor();
    const detail = (await app.request('GET', '/api/v1/products/201005', { token: await app.login('sagsbehandler.kbh') })).body;

    expect(await page.getByRole('heading', { level: 1 }).getByRole('img', { name: 'På kommunens aftale' }).count()).toBe(1);
    const facts = (await page.locator('dl.product-facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Pakning æske á 30 stk.');
    expect(facts).toContain(`Pris pr. salgsenhed ${kroner(detail.pricePerSalesUnit)} (aftalepris)`);
    expect(facts).toContain(`Pris pr. stk. ${kroner(detail.pricePerPiece)}`);
    expect(facts).toContain(`Listepris pr. salgsenhed ${kroner(detail.listPrice)}`);
    expect(await page.getByRole('link', { name: 'Datablad (pdf), åbner i et nyt vindue' }).getAttribute('href')).toBe('https://produktdata.example/datablade/skc.pdf');

    // The guide's links at the top: the other sizes of the series, similar products, the group.
    await page.getByRole('link', { name: `Andre størrelser i serien (${detail.series.length})` }).click();
    const series = page.locator('section', { has: page.getByRole('heading', { name: 'Andre størrelser i serien' }) });
    expect(await series.locator('tbody th').allInnerTexts()).toEqual(detail.series.map((item: ProductRow) => item.name));
    expect(detail.series.length).toBeGreaterThan(0);
    const similar = page.locator('section', { has: page.getByRole('heading', { name: 'Lignende produkter' }) });
    expect(await similar.locator('tbody th').allInnerTexts()).toEqual(detail.similar.map((item: ProductRow) => item.name));
    await page.getByRole('link', { name: `Lignende produkter (${detail.similar.length})` }).waitFor();
    await checkA11y(page, 'Produkt');
    await screenshot(page, 'produkt');

    await page.getByRole('link', { name: 'Produktgruppen Poser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Poser' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Brødkrumme' }).innerText()).toMatch(/Produkter\s*Stomi\s*Poser/);
    const group = await productsFor(app, 'sagsbehandler.kbh', `group=${encodeURIComponent('Stomi > Poser')}`);
    await page.getByText(`Viser 1–25 af ${group.total} produkter.`).waitFor();
    await checkA11y(page, 'Produktgruppe');
  });

  it('the groups to browse: every top group with its subgroups, each opening its products', async () => {
    const { page, app } = suite;
    await logInAs(page, 'sygeplejerske.kbh');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Produkter' }).click();
    await page.getByRole('heading', { level: 2, name: 'Produktgrupper' }).waitFor();
    const groups = (await app.request('GET', '/api/v1/product-groups', { token: await app.login('sygeplejerske.kbh') })).body.items as Array<{ group: string; name: string; parent: string | null; productCount: number }>;
    const tops = await page.locator('#groups-heading ~ .row h3').allInnerTexts();
    expect(tops).toEqual(groups.filter((group) => group.parent === null).map((group) => `${group.name} (${group.productCount})`));
    await checkA11y(page, 'Produkter');

    await page.getByRole('link', { name: 'Stomi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Stomi' }).waitFor();
    const subgroups = page.getByRole('navigation', { name: 'Undergrupper' });
    expect(await subgroups.getByRole('link').allInnerTexts()).toEqual(groups.filter((group) => group.parent === 'Stomi').map((group) => group.name));
    await subgroups.getByRole('link', { name: 'Tilbehør' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tilbehør' }).waitFor();
    const accessories = groups.find((group) => group.group === 'Stomi > Tilbehør')!;
    await page.getByText(`af ${accessories.productCount} produkter.`).waitFor();
  });

  it('customer service has no municipality: list prices and no stars, and the page says why', async () => {
    const { page, app } = suite;
    await logInAs(page, 'kundeservice');
    await searchFromHeader(page, 'Skagen Colo');
    const note = 'Du er ikke tilknyttet en kommune. Derfor ser du listepriser og ingen stjerner for kommunernes aftalesortiment.';
    await page.getByText(note).waitFor();
    const expected = await productsFor(app, 'kundeservice', 'q=Skagen%20Colo');
    const rows = await shownRows(page);
    expect(rows).toHaveLength(expected.items.length);
    expect(rows.some((row) => row.starred)).toBe(false);
    expect(rows.every((row) => row.cells.some((cell) => cell.endsWith('listepris')))).toBe(true);
    expect(await page.getByLabel('Kun aftalesortiment').count()).toBe(0);
    await checkA11y(page, 'Produktsøgning as customer service');

    await page.getByRole('link', { name: expected.items[0]!.name }).click();
    await page.getByRole('heading', { level: 1, name: expected.items[0]!.name }).waitFor();
    await page.getByText(note).waitFor();
    expect((await page.locator('dl.product-facts').innerText()).replace(/\s+/g, ' ')).toContain('(listepris)');
    expect(await page.getByRole('img', { name: 'På kommunens aftale' }).count()).toBe(0);
  });

  it('by keyboard alone: search from the header, open a product and go on to its group', async () => {
    const { page } = suite;
    await logInAs(page, 'sygeplejerske.kbh');
    const isFocused = (locator: ReturnType<Page['locator']>) => locator.evaluate((element) => element === document.activeElement);
    await tabTo(page, page.getByRole('search').getByLabel('Søg produkter (varenummer eller fritekst)'));
    await page.keyboard.type('201005');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Søgeresultat' }).waitFor();
    const product = page.getByRole('link', { name: 'Skagen Colo lukket pose 30 mm transparent' });
    await tabTo(page, product, 60);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Skagen Colo lukket pose 30 mm transparent/ }).waitFor();

    const group = page.getByRole('link', { name: 'Produktgruppen Poser' });
    await tabTo(page, group, 60);
    expect(await isFocused(group)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Poser' }).waitFor();
    await checkA11y(page, 'Produktgruppe, by keyboard');
  });

  it('an item number that does not exist is said so, in Danish', async () => {
    const { page } = suite;
    await logInAs(page, 'bestiller.kbh');
    await page.goto('/produkter/999999');
    await page.getByRole('heading', { level: 1, name: 'Produktet findes ikke' }).waitFor();
    await page.getByText('Der er intet produkt med varenummeret 999999.').waitFor();
    await checkA11y(page, 'Produkt, not found');
  });
});
