/// <reference lib="dom" />
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { eventually } from '../support/eventually.js';

interface Period {
  pricePerSalesUnit: number;
  validFrom: string;
  validTo: string | null;
  validToday: boolean;
}
interface AgreementItem {
  itemNumber: string;
  name: string;
  periods: Period[];
}

/** A municipality's whole agreement as the API answers it: what the page is checked against. */
async function agreementOf(app: TestApp, municipalityId: string): Promise<AgreementItem[]> {
  const token = await app.login('admin');
  const items: AgreementItem[] = [];
  for (let page = 1; ; page++) {
    const answer = await app.request('GET', `/api/v1/municipalities/${municipalityId}/agreement?pageSize=200&page=${page}`, { token });
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    if (items.length >= answer.body.total) return items;
  }
}

/** The agreement once the projection shows what `done` looks for (the API's reads follow the log a moment behind). */
const agreementWhen = (app: TestApp, municipalityId: string, done: (items: AgreementItem[]) => boolean) =>
  eventually(async () => {
    const items = await agreementOf(app, municipalityId);
    return done(items) ? items : undefined;
  });

/** A product of the catalogue that is not on the municipality's agreement. */
async function productOffAgreement(app: TestApp, municipalityId: string): Promise<{ itemNumber: string; name: string }> {
  const on = new Set((await agreementOf(app, municipalityId)).map((item) => item.itemNumber));
  const products = await app.request('GET', '/api/v1/products?pageSize=200', { token: await app.login('admin') });
  const product = (products.body.items as { itemNumber: string; name: string }[]).find((candidate) => !on.has(candidate.itemNumber));
  if (!product) throw new Error('every product of the first page is on the agreement');
  return product;
}

async function newMunicipality(app: TestApp, id: string, name: string): Promise<void> {
  const created = await app.request('POST', '/api/v1/municipalities', {
    token: await app.login('admin'),
    body: { id, name, postalCodes: ['5000'], grantAreas: ['Stomi'] },
  });
  expect(created.status).toBe(201);
}

async function openAgreement(page: Page, municipalityId: string): Promise<void> {
  await page.goto('/log-ind');
  await logIn(page, 'admin');
  await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
  await page.goto(`/administration/kommuner/${municipalityId}/aftale`);
  await page.getByRole('heading', { level: 1, name: /^Aftalesortiment/ }).waitFor();
  await page.locator('#agreement-items-heading').waitFor();
}

/** The rows of the agreement's table: item number, name, price, from, to, valid today. */
const tableRows = (page: Page) =>
  page.locator('#agreement-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].slice(0, 6).map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim())),
  );

const danish = (iso: string) => iso.split('-').reverse().join('.');

describeInBrowser('The portal: "Aftalesortiment", a municipality\'s agreement for administrators (PORTAL.md "Pages (other roles)")', {}, (suite) => {
  it('from "Kommuner" to the agreement: its items as the API has them; an item added with price and period is listed, and the API agrees', async () => {
    const { page, app } = suite;
    await page.goto('/log-ind');
    await logIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Kommuner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommuner' }).waitFor();
    await page.getByLabel('Kommunenummer').fill('101');
    await page.getByRole('button', { name: 'Find kommune' }).click();
    await page.getByRole('link', { name: 'Se og ret kommunens aftalesortiment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aftalesortiment – København (101)' }).waitFor();
    await page.locator('#agreement-table').waitFor();
    await checkA11y(page);

    // The first page: the API's first 25 items, every period a row, by item number.
    const all = await agreementOf(app, '101');
    const first = all.slice(0, 25).flatMap((item) => item.periods.map((period) => [item.itemNumber, item.name, danish(period.validFrom), period.validTo ? danish(period.validTo) : 'Indtil videre', period.validToday ? 'Ja' : 'Nej']));
    const rows = await tableRows(page);
    expect(rows.map(([itemNumber, name, , from, to, today]) => [itemNumber, name, from, to, today])).toEqual(first);
    expect(rows[0]![2]).toMatch(/^[\d.]+,\d\d kr\. pr\. /);
    await expect(page.getByRole('status').filter({ hasText: 'Viser' }).innerText()).resolves.toBe(`Viser 1–25 af ${all.length} varer.`);
    await screenshot(page, 'aftale');

    // An item not on the agreement: added from today, open-ended at first, then given an end.
    const product = await productOffAgreement(app, '101');
    await page.getByLabel('Varenr.').fill(product.itemNumber);
    await page.getByLabel('Aftalepris').fill('123,50');
    await page.getByLabel('Gyldig fra').fill('01.01.2026');
    await page.getByLabel('Gyldig til').fill('31.12.2099');
    await page.getByRole('button', { name: 'Tilføj til aftalen' }).click();
    await expect(page.locator('#agreement-notice').innerText()).resolves.toContain(`${product.itemNumber} er tilføjet på aftalen: 123,50 kr. fra 01.01.2026 til 31.12.2099.`);
    await checkA11y(page, 'Aftalesortiment, after adding an item');

    await page.getByLabel('Søg i aftalen').fill(product.itemNumber);
    await page.locator('section[aria-labelledby="agreement-items-heading"]').getByRole('button', { name: 'Søg', exact: true }).click();
    // The added item may already be on the unfiltered first page: wait for the search's own answer.
    await page.getByRole('status').filter({ hasText: `Viser 1–1 af 1 vare der passer på "${product.itemNumber}".` }).waitFor();
    const row = page.locator(`tr[data-item-number="${product.itemNumber}"]`);
    await expect(tableRows(page)).resolves.toEqual([[product.itemNumber, product.name, expect.stringMatching(/^123,50 kr\. pr\. /), '01.01.2026', '31.12.2099', 'Ja']]);
    const after = await agreementWhen(app, '101', (items) => items.some((item) => item.itemNumber === product.itemNumber));
    expect(after.find((item) => item.itemNumber === product.itemNumber)?.periods).toEqual([{ pricePerSalesUnit: 12_350, validFrom: '2026-01-01', validTo: '2099-12-31', validToday: true }]);
    expect(after.length).toBe(all.length + 1);

    // Changed: a new price, the same period.
    await row.getByRole('button', { name: /^Ret/ }).click();
    await page.getByRole('heading', { level: 2, name: `Ret ${product.itemNumber} fra 01.01.2026` }).waitFor();
    await page.getByLabel('Aftalepris').fill('99');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(page.locator('#agreement-notice').innerText()).resolves.toContain(`${product.itemNumber} er ændret på aftalen: 99,00 kr.`);
    const changed = await agreementWhen(app, '101', (items) => items.find((item) => item.itemNumber === product.itemNumber)?.periods[0]?.pricePerSalesUnit !== 12_350);
    expect(changed.find((item) => item.itemNumber === product.itemNumber)?.periods).toEqual([{ pricePerSalesUnit: 9_900, validFrom: '2026-01-01', validTo: '2099-12-31', validToday: true }]);
  });

  it('refusals are shown at their field: an item number not in the catalogue, and a period that ends before it starts', async () => {
    const { page, app } = suite;
    await openAgreement(page, '101');
    await page.getByLabel('Varenr.').fill('NOPE-1');
    await page.getByLabel('Aftalepris').fill('10');
    await page.getByLabel('Gyldig fra').fill('01.01.2026');
    await page.getByRole('button', { name: 'Tilføj til aftalen' }).click();
    const itemGroup = page.locator('.form-group', { has: page.locator('#agreement-itemNumber') });
    await expect(itemGroup.locator('.form-error-message').innerText()).resolves.toContain('Der er ingen vare med dette varenummer i sortimentet.');
    const summary = page.locator('[data-module="error-summary"]');
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual(['Der er ingen vare med dette varenummer i sortimentet.']);
    await checkA11y(page, 'Aftalesortiment, an unknown item number');

    const product = await productOffAgreement(app, '101');
    await page.getByLabel('Varenr.').fill(product.itemNumber);
    await page.getByLabel('Gyldig fra').fill('01.06.2026');
    await page.getByLabel('Gyldig til').fill('31.05.2026');
    await page.getByRole('button', { name: 'Tilføj til aftalen' }).click();
    const toGroup = page.locator('.form-group', { has: page.locator('#agreement-validTo') });
    await expect(toGroup.locator('.form-error-message').innerText()).resolves.toContain('Gyldig til skal være samme dag som eller efter gyldig fra.');
    await expect(itemGroup.locator('.form-error-message').count()).resolves.toBe(0);
    await checkA11y(page, 'Aftalesortiment, a period ending before it starts');
    // Nothing was put on the agreement.
    expect((await agreementOf(app, '101')).some((item) => item.itemNumber === product.itemNumber)).toBe(false);
  });

  it('by keyboard alone: from "Administration" to "Aftaler", an item added to a new municipality\'s empty agreement, then removed', async () => {
    const { page, app } = suite;
    await newMunicipality(app, '461', 'Odense');
    const product = await productOffAgreement(app, '461');
    await page.goto('/log-ind');
    await logIn(page, 'admin');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    await page.goto('/administration');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Aftaler' }), 40);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aftaler' }).waitFor();
    await checkA11y(page);
    await tabTo(page, page.getByLabel('Kommunenummer'));
    await page.keyboard.type('461');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aftalesortiment – Odense (461)' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Der er ingen varer på aftalen.' }).count()).resolves.toBe(1);
    await checkA11y(page, 'Aftalesortiment, empty');

    await tabTo(page, page.getByLabel('Varenr.'), 40);
    await page.keyboard.type(product.itemNumber);
    await tabTo(page, page.getByLabel('Aftalepris'));
    await page.keyboard.type('45');
    await tabTo(page, page.getByLabel('Gyldig fra'));
    await page.keyboard.type('01.01.2025');
    await tabTo(page, page.getByRole('button', { name: 'Tilføj til aftalen' }));
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-item-number="${product.itemNumber}"]`).waitFor();
    await expect(tableRows(page)).resolves.toEqual([[product.itemNumber, product.name, expect.stringMatching(/^45,00 kr\./), '01.01.2025', 'Indtil videre', 'Ja']]);
    expect(await agreementWhen(app, '461', (items) => items.length > 0)).toEqual([
      expect.objectContaining({ itemNumber: product.itemNumber, periods: [{ pricePerSalesUnit: 4_500, validFrom: '2025-01-01', validTo: null, validToday: true }] }),
    ]);

    await tabTo(page, page.getByRole('button', { name: `Fjern ${product.itemNumber} fra 01.01.2025` }), 40);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Fjern varen fra aftalen?' });
    await dialog.waitFor();
    await checkA11y(page, 'Fjern varen fra aftalen?');
    await tabTo(page, dialog.getByRole('button', { name: 'Fjern fra aftalen' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Der er ingen varer på aftalen.' }).waitFor();
    expect(await agreementWhen(app, '461', (items) => items.length === 0)).toEqual([]);
  });
});
