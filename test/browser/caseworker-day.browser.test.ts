/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it, jest } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';

// One person's whole workflow, page after page, in a real browser: well over the default minute on a busy machine.
jest.setTimeout(240_000);

const STOMA = 'Skagen Ileo tømbar pose 30 mm maxi';
const CATHETER = 'Lyngby Cath Kvinde CH 12';

const dk = (date: string) => date.split('-').reverse().join('.');
const lineRow = (page: Page, productName: string) => page.locator('table.grant-lines > tbody > tr').filter({ hasText: productName });
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

interface Line {
  lineId: string;
  itemNumber: string;
  productName: string;
  grantArea: string;
  allowance: { quantity: number | null; per: string | null; periodMonths: number; grantedMax: number; salesUnitsPerOrder: number | null } | null;
  remaining: number | null;
  window: { end: string } | null;
  nextOrderDate: string | null;
}

/**
 * The caseworker's day of the user guide (p. 2–7), through the portal alone: log in, find no one, create the
 * citizen, grant two products (one with the calculator, one with a typed max), order within the caps, be refused
 * above them with the units left and the next order date, see the bell, and find the orders in the history and
 * the citizen in the search. The service is the oracle: what the pages show is checked against its API.
 */
describeInBrowser("The portal: a caseworker's day, from a new citizen to the order history (PORTAL.md, user guide p. 2–7)", {}, (suite) => {
  it('creates a citizen, grants two products, orders within the caps, is refused above them, and finds the orders', async () => {
    const { page, app } = suite;
    const caseworker = await app.login('sagsbehandler.kbh');
    // `position`: read the grant as it stands after that command (a plain GET may answer before the read model has it).
    const grantOf = async (citizenId: string, position?: string): Promise<Line[]> => {
      const consistent = position ? `?consistentWith=${encodeURIComponent(position)}` : '';
      const grant = await app.request('GET', `/api/v1/citizens/${citizenId}/grant${consistent}`, { token: caseworker });
      expect(grant.status).toBe(200);
      return grant.body.areas.flatMap((area: { lines: Line[] }) => area.lines);
    };

    // Log in, and go to "Brugere" from the main menu.
    await page.goto('/');
    await logIn(page, 'sagsbehandler.kbh');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Brugere', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    await checkA11y(page, 'Brugere');

    // "Opret ny borger …": the CPR number first, then the person; "Gem data" goes on to the new grant.
    await page.getByRole('button', { name: 'Opret ny borger …' }).click();
    const create = dialog(page, 'Opret ny borger');
    await create.waitFor();
    const cpr = fictitiousCpr('030344', '1', { checksum: 'valid', gender: 'female' });
    const person = { 'CPR-nummer': hyphenated(cpr), Fornavn: 'Karen', Efternavn: 'Dagmarsdatter', Adresse: 'Dagvej 3', Postnummer: '2300', By: 'København S' };
    for (const [label, value] of Object.entries(person)) await create.getByRole('textbox', { name: label, exact: true }).fill(value);
    await checkA11y(page, 'Opret ny borger');
    await create.getByRole('button', { name: 'Gem data' }).click();
    await page.waitForURL(/\/borgere\/[0-9a-f-]{36}\/bevilling$/);
    const citizenId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
    await page.locator('main').getByText('Karen Dagmarsdatter').first().waitFor();
    expect(await textOf(page.locator('main'))).not.toContain(cpr.slice(6));
    await checkA11y(page, 'Borgers bevilling, a new citizen');

    // "Tilføj ny vare" with the calculator: 1 bag a day over 3 months; the per-order cap is then the max.
    await page.getByRole('link', { name: 'Tilføj ny vare' }).click();
    const add = dialog(page, 'Tilføj ny vare');
    await add.getByLabel('Søg produkter').fill('ileo 30 mm maxi');
    await add.getByRole('button', { name: 'Søg', exact: true }).click();
    await add.getByRole('button', { name: STOMA, exact: true }).click();
    await add.getByRole('heading', { name: STOMA }).waitFor();
    expect(await add.getByLabel('Bevillingsområde').inputValue()).toBe('Stomi');
    await add.getByRole('button', { name: 'Udregn bevilget max.' }).click();
    const calculator = dialog(page, 'Udregn bevilget max.');
    await calculator.getByLabel('Antal stk.').waitFor();
    await calculator.getByLabel('3 måneder').check();
    await calculator.getByLabel('Periodetype').selectOption({ label: 'dag' });
    await calculator.getByLabel('Antal stk.').fill('1');
    await calculator.getByRole('button', { name: 'Udregn', exact: true }).click();
    await calculator.getByText('91,25 stk.').waitFor();
    // 3 months: the per-order cap is the max, fixed (checked against the service's calculator below).
    const stomaMax = Number(await calculator.getByLabel('Salgsenheder pr. ordre', { exact: true }).inputValue());
    expect(stomaMax).toBeGreaterThan(1);
    await checkA11y(page, 'Udregn bevilget max.');
    await calculator.getByRole('button', { name: 'Opdatér antal' }).click();
    await calculator.waitFor({ state: 'hidden' });
    expect(await add.getByLabel('Bevilget max.', { exact: true }).inputValue()).toBe(String(stomaMax));
    await add.getByRole('button', { name: 'Tilføj bevillingsvare' }).click();
    await add.waitFor({ state: 'hidden' });
    await lineRow(page, STOMA).waitFor();

    // A second product with a typed max: 4 catheter packs a year, at most 2 an order.
    await page.getByRole('link', { name: 'Tilføj ny vare' }).click();
    await add.getByLabel('Søg produkter').fill(CATHETER);
    await add.getByRole('button', { name: 'Søg', exact: true }).click();
    await add.getByRole('button', { name: CATHETER, exact: true }).click();
    await add.getByRole('heading', { name: CATHETER }).waitFor();
    await add.getByLabel('Med bevilget max.').check();
    await add.getByLabel('Bevilget max.', { exact: true }).fill('4');
    await add.getByLabel('Salgsenheder pr. ordre (valgfrit)').fill('2');
    await checkA11y(page, 'Tilføj ny vare, a typed max');
    await add.getByRole('button', { name: 'Tilføj bevillingsvare' }).click();
    await add.waitFor({ state: 'hidden' });
    await lineRow(page, CATHETER).waitFor();

    const granted = await eventually(async () => {
      const lines = await grantOf(citizenId);
      return lines.length === 2 ? lines : undefined;
    });
    const stoma = granted.find((line) => line.productName === STOMA)!;
    const catheter = granted.find((line) => line.productName === CATHETER)!;
    expect(stoma).toMatchObject({ grantArea: 'Stomi', allowance: { quantity: 1, per: 'day', periodMonths: 3, grantedMax: stomaMax, salesUnitsPerOrder: stomaMax } });
    const calculated = await app.request('POST', '/api/v1/allowance-calculations', { token: caseworker, body: { itemNumber: stoma.itemNumber, quantity: 1, per: 'day', periodMonths: 3 } });
    expect(calculated.body).toEqual({ piecesPerPeriod: 91.25, grantedMax: stomaMax, salesUnitsPerOrder: stomaMax });
    expect(catheter).toMatchObject({ grantArea: 'Kateter', allowance: { quantity: null, per: null, periodMonths: 12, grantedMax: 4, salesUnitsPerOrder: 2 } });
    await checkA11y(page, 'Borgers bevilling, two lines');

    // An order within the caps: "Antal" is prefilled with the per-order cap.
    const orderNumbers: string[] = [];
    const confirmation = page.locator('.order-confirmation');
    const order = async (productName: string, units: number) => {
      await page.getByLabel(`Antal salgsenheder af ${productName}`).fill(String(units));
      await page.getByLabel(`Bestil ${productName}`).check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      await dialog(page, 'Indkøbskurv').getByRole('button', { name: 'Bestil varer' }).click();
    };
    const confirmed = async () => {
      await confirmation.waitFor();
      const number = /ordrenummer (\d{6}-\d{6})$/.exec(await confirmation.getByRole('heading').innerText())?.[1];
      expect(number).toBeDefined();
      expect(orderNumbers).not.toContain(number);
      orderNumbers.push(number!);
    };
    expect(await page.getByLabel(`Antal salgsenheder af ${CATHETER}`).inputValue()).toBe('2');
    await order(CATHETER, 2);
    await confirmed();
    await lineRow(page, CATHETER).getByText('bestilt 2').waitFor();
    await page.getByLabel(`Bestil ${STOMA}`).check();
    await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
    await dialog(page, 'Indkøbskurv').getByRole('button', { name: 'Bestil varer' }).click();
    await confirmation.getByText(`${stomaMax} salgsenheder ${STOMA}`).waitFor();
    orderNumbers.push(/ordrenummer (\d{6}-\d{6})$/.exec(await confirmation.getByRole('heading').innerText())![1]!);

    // Meanwhile a colleague orders one pack; the page still says two remain, and the service refuses two.
    const colleague = await app.login('sygeplejerske.kbh');
    const meanwhile = await app.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: colleague, body: { lines: [{ lineId: catheter.lineId, salesUnits: 1 }] } });
    expect(meanwhile.status).toBe(201);
    const afterColleague = (await grantOf(citizenId, meanwhile.body.position)).find((line) => line.lineId === catheter.lineId)!;
    expect(afterColleague.remaining).toBe(1);
    await order(CATHETER, 2);
    const refusal = dialog(page, 'Indkøbskurv').getByRole('alert').filter({ hasText: 'Bestillingen blev afvist' });
    await refusal.waitFor();
    // While a unit remains, the next order date is today.
    expect(await textOf(refusal)).toContain(`${CATHETER}: Der er 1 salgsenhed tilbage i perioden; næste bestillingsdato er ${dk(afterColleague.nextOrderDate!)}.`);
    await checkA11y(page, 'Indkøbskurv, refused above the cap');
    await page.keyboard.press('Escape');
    await dialog(page, 'Indkøbskurv').waitFor({ state: 'hidden' });

    // The last pack of the year: then the line shows the bell and, in red, the day it may be ordered again.
    await lineRow(page, CATHETER).getByText('bestilt 3').waitFor();
    await order(CATHETER, 1);
    await confirmed();
    const bell = lineRow(page, CATHETER).locator('.next-order-date-blocked');
    await bell.waitFor();
    expect(await textOf(bell)).toBe(`Spærret for bestilling indtil ${dk(afterColleague.window!.end)}`);
    expect(await bell.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(181, 29, 9)');
    expect(await lineRow(page, CATHETER).getByRole('checkbox').isDisabled()).toBe(true);
    await checkA11y(page, 'Borgers bevilling, the bell');

    // "Vis ordrehistorik": the four orders of the day, the colleague's among them.
    await page.getByRole('link', { name: 'Vis ordrehistorik' }).first().click();
    await page.waitForURL(new RegExp(`/borgere/${citizenId}/ordrer`));
    const rows = page.locator('table.order-table > tbody > tr:not(.order-details-row)');
    await rows.first().waitFor();
    const shown = await page.locator('table.order-table > tbody > tr:not(.order-details-row) > th').allInnerTexts();
    expect(shown).toHaveLength(4);
    for (const number of orderNumbers) expect(shown).toContain(number);
    await checkA11y(page, 'Vis ordrehistorik');

    // And the citizen is found on "Brugere" by name, with both areas.
    await page.getByRole('navigation').getByRole('link', { name: 'Brugere', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    await page.getByRole('main').getByLabel('Navn', { exact: true }).fill('Dagmarsdatter');
    await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
    const found = page.locator('main table tbody tr', { hasText: 'Karen Dagmarsdatter' });
    await found.waitFor();
    expect(await textOf(found)).toContain('Kateter, Stomi');
    expect(await textOf(found)).toContain(`${cpr.slice(0, 6)}-XXXX`);
  });
});
