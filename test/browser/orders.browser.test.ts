/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { addMonths } from '../../src/grants/windows.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { DEMO_PASSWORD, type TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';

/** dd.mm.åååå, as the portal writes an API date. */
const danish = (date: string) => date.split('-').reverse().join('.');

interface DemoOrder {
  orderId: string;
  orderNumber: string;
  orderDate: string;
  status: string;
}

/** A demo citizen's id, looked up as the municipality's caseworker would find them. */
async function citizenId(app: TestApp, token: string, name: string): Promise<string> {
  const found = await app.request('GET', `/api/v1/citizens?name=${encodeURIComponent(name)}`, { token });
  expect(found.body.items).toHaveLength(1);
  return found.body.items[0].citizenId;
}

/** Every order of the citizen, oldest first: what the page is checked against. */
async function ordersOf(app: TestApp, token: string, id: string, position?: string): Promise<DemoOrder[]> {
  const query = `from=2000-01-01&sort=orderDate${position ? `&consistentWith=${position}` : ''}`;
  const history = await app.request('GET', `/api/v1/citizens/${id}/orders?${query}`, { token });
  expect(history.status).toBe(200);
  return history.body.items;
}

/** The order numbers in the table, top to bottom. */
const shownOrderNumbers = (page: Page) => page.locator('table.order-table > tbody > tr:not(.order-details-row) > th').allInnerTexts();

/** The history's "Søg" (the header has a search button of its own). */
const searchButton = (page: Page) => page.getByRole('form', { name: 'Søg i ordrehistorikken' }).getByRole('button', { name: 'Søg' });

/** An order's own row (not the row of its open details). */
const orderRow = (page: Page, orderNumber: string) => page.locator('table.order-table > tbody > tr:not(.order-details-row)').filter({ hasText: orderNumber });

const detailsButton = (page: Page, orderNumber: string) => page.getByRole('button', { name: `Se detaljer / luk, ordre ${orderNumber}` });

async function openHistory(page: Page, username: string, id: string, query = ''): Promise<void> {
  await page.goto('/log-ind');
  await logIn(page, username);
  await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
  await page.goto(`/borgere/${id}/ordrer${query}`);
  await page.getByRole('heading', { level: 1, name: 'Ordrehistorik' }).waitFor();
}

describeInBrowser(
  'The portal: "Vis ordrehistorik" (PORTAL.md, user guide p. 7)',
  {},
  (suite) => {
    const today = copenhagenDate(new Date());

    it('a caseworker sees the last month by default, finds older orders with an earlier start, narrows, sorts and opens an order in place', async () => {
      const { page, app } = suite;
      const token = await app.login('sagsbehandler.kbh');
      const inger = await citizenId(app, token, 'Inger Kristensen');
      const [first, credited, , open] = await ordersOf(app, token, inger);
      await openHistory(page, 'sagsbehandler.kbh', inger);

      await page.getByText('Inger Kristensen, CPR-nr. 111141-XXXX').waitFor();
      expect(await page.getByRole('link', { name: 'Tilbage til borgers bevilling' }).getAttribute('href')).toBe(`/borgere/${inger}/bevilling`);
      // The default period (the last month) shows as dates, and only the order of ten days ago falls in it.
      expect(await page.getByLabel('Fra', { exact: true }).inputValue()).toBe(danish(addMonths(today, -1)));
      expect(await page.getByLabel('Til', { exact: true }).inputValue()).toBe(danish(today));
      await page.getByText(`Viser 1–1 af 1 ordre fra ${danish(addMonths(today, -1))} til ${danish(today)}.`).waitFor();
      expect(await shownOrderNumbers(page)).toEqual([open!.orderNumber]);
      expect((await orderRow(page, open!.orderNumber).innerText()).replace(/\s+/g, ' ')).toContain('Modtaget af leverandøren Sara Sagsbehandler Sagsbehandler, kanal: kommune 2 –');
      await checkA11y(page, 'Ordrehistorik');

      // The calendar, for an earlier start: a pop-up checked like a page.
      await page.getByRole('button', { name: 'Åbn kalender' }).first().click();
      const previousMonth = page.getByRole('button', { name: 'Navigér én måned tilbage' });
      await previousMonth.waitFor();
      await checkA11y(page, 'Ordrehistorik: the calendar');
      await previousMonth.click();
      await page.keyboard.press('Escape');
      await page.getByLabel('Fra', { exact: true }).fill('01.01.2026');
      await searchButton(page).click();
      await page.getByText(`Viser 1–4 af 4 ordrer fra 01.01.2026 til ${danish(today)}.`).waitFor();
      expect(await shownOrderNumbers(page)).toEqual((await ordersOf(app, token, inger)).map((order) => order.orderNumber).reverse());
      expect(new URL(page.url()).search).toBe(`?from=2026-01-01&to=${today}`);

      // "Begræns søgning": the orders holding the skin ring.
      await page.getByLabel('Begræns søgning').fill('hudring');
      await searchButton(page).click();
      await page.getByText('Viser 1–3 af 3 ordrer').waitFor();
      expect(await shownOrderNumbers(page)).toEqual([open!.orderNumber, credited!.orderNumber, first!.orderNumber]);

      await page.getByLabel('Begræns søgning').fill('');
      await searchButton(page).click();
      await page.getByText('Viser 1–4 af 4 ordrer').waitFor();
      await page.getByLabel('Sortér efter').selectOption({ label: 'Ordredato, ældste først' });
      // Same count as before: the table shows the last answer until the sorted one arrives.
      const oldestFirst = (await ordersOf(app, token, inger)).map((order) => order.orderNumber);
      await eventually(async () => (JSON.stringify(await shownOrderNumbers(page)) === JSON.stringify(oldestFirst) ? true : undefined));
      expect(new URL(page.url()).searchParams.get('sort')).toBe('orderDate');

      // "Se detaljer / luk": the credited order's lines with their delivery, the invoice and the credit note.
      const toggle = detailsButton(page, credited!.orderNumber);
      await toggle.click();
      const details = page.locator('.order-details');
      await details.getByRole('table', { name: `Varelinjer i ordre ${credited!.orderNumber}` }).waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const lines = await details.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [...tr.children].map((cell) => (cell as HTMLElement).innerText.trim())));
      expect(lines).toEqual([
        ['201005', 'Skagen Colo lukket pose 30 mm transparent', '7', 'Afsendt, 1 krediteret', `1 på kreditnota K-${credited!.orderNumber}`],
        ['206002', 'Skagen hudring 2,0 mm Ø 98 mm', '2', 'Afsendt', '–'],
      ]);
      const facts = (await details.locator('dl').innerText()).replace(/\s+/g, ' ');
      expect(facts).toContain('Bestilt af Sara Sagsbehandler (Sagsbehandler, kanal: kommune)');
      expect(facts).toContain('Leveringsadresse Amagerbrogade 112, 3. th., 2300 København S');
      expect(facts).toContain(`Fakturanr. F-${credited!.orderNumber}`);
      expect(facts).toContain(`Kreditnotanr. K-${credited!.orderNumber}`);
      // Shipped in full: nothing left to cancel.
      await expect(details.getByRole('button', { name: /Annullér ordre/ }).count()).resolves.toBe(0);
      await checkA11y(page, 'Ordrehistorik with an order open');
      await screenshot(page, 'ordrehistorik');

      await toggle.click();
      await expect(details.count()).resolves.toBe(0);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      // Never the full CPR number (an order number, YYMMDD-NNNNNN, is not one).
      expect(await page.content()).not.toMatch(/(?<![\d-])\d{6}-?\d{4}(?![\d-])/);
    });

    it('an order shipped while the page was open cannot be cancelled: the refusal is explained, and the order shows as shipped', async () => {
      const { page, app } = suite;
      const token = await app.login('sagsbehandler.kbh');
      const inger = await citizenId(app, token, 'Inger Kristensen');
      // The order the workflow starts from: one more box, placed through the API.
      const grant = await app.request('GET', `/api/v1/citizens/${inger}/grant`, { token });
      const line = grant.body.areas.flatMap((area: { lines: any[] }) => area.lines).find((candidate: { itemNumber: string }) => candidate.itemNumber === '201005');
      const placed = await app.request('POST', `/api/v1/citizens/${inger}/orders`, { token, body: { lines: [{ lineId: line.lineId, salesUnits: 1 }] } });
      expect(placed.status).toBe(201);
      await ordersOf(app, token, inger, placed.body.position);
      await openHistory(page, 'sagsbehandler.kbh', inger);

      await detailsButton(page, placed.body.orderNumber).click();
      await page.getByRole('button', { name: `Annullér ordre ${placed.body.orderNumber}` }).click();
      const dialog = page.getByRole('dialog', { name: `Annullér ordre ${placed.body.orderNumber}` });
      await dialog.waitFor();
      await checkA11y(page, 'Annullér ordre');
      // Without a reason nothing is sent; the summary takes the focus.
      await dialog.getByRole('button', { name: 'Annullér ordre' }).click();
      const summary = dialog.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.getByText('Skriv, hvorfor ordren annulleres.').waitFor();
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);

      // Meanwhile the supplier ships it.
      const erp = await app.login('erp');
      const shipped = await app.request('POST', `/api/v1/orders/${placed.body.orderId}/fulfilment`, { token: erp, body: { type: 'shipped', lines: [{ itemNumber: '201005', salesUnits: 1 }], at: new Date().toISOString() } });
      expect(shipped.status).toBe(200);
      await dialog.getByLabel('Årsag').fill('Borgeren har fået varen fra depotet.');
      await dialog.getByRole('button', { name: 'Annullér ordre' }).click();
      await dialog.getByText('Ordren er allerede afsendt og kan ikke annulleres.').waitFor();
      expect(await dialog.getByRole('alert').filter({ hasText: 'Der er et problem' }).evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await page.content()).not.toContain('ORDER_ALREADY_SHIPPED');
      await checkA11y(page, 'Annullér ordre refused');
      await screenshot(page, 'annuller-ordre-afvist');

      await dialog.getByRole('button', { name: 'Fortryd' }).click();
      const details = page.locator('.order-details');
      await details.getByRole('cell', { name: 'Afsendt', exact: true }).waitFor();
      await expect(details.getByRole('button', { name: /Annullér ordre/ }).count()).resolves.toBe(0);
      await orderRow(page, placed.body.orderNumber).getByText('Afsendt', { exact: true }).waitFor();
    });

    it('an orderer cancels an open order with the keyboard alone: reason, confirmation, and the order shows as cancelled', async () => {
      const { page, app } = suite;
      const token = await app.login('bestiller.kbh');
      const inger = await citizenId(app, token, 'Inger Kristensen');
      const open = (await ordersOf(app, token, inger)).find((order) => order.status === 'accepted')!;
      await page.goto('/log-ind');
      await page.getByLabel('Brugernavn').focus();
      await page.keyboard.type('bestiller.kbh');
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
      await page.goto(`/borgere/${inger}/ordrer`);

      await tabTo(page, detailsButton(page, open.orderNumber), 60);
      await page.keyboard.press('Enter');
      const cancel = page.getByRole('button', { name: `Annullér ordre ${open.orderNumber}` });
      await tabTo(page, cancel, 30);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Annullér ordre ${open.orderNumber}` });
      await dialog.waitFor();
      await tabTo(page, dialog.getByLabel('Årsag'), 10);
      await page.keyboard.type('Borgeren er indlagt.');
      await tabTo(page, dialog.getByRole('button', { name: 'Annullér ordre' }), 10);
      await page.keyboard.press('Enter');

      const notice = page.getByText('Ordren er annulleret.');
      await notice.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Ordren er annulleret.');
      const details = page.locator('.order-details');
      expect((await details.locator('tbody').innerText()).match(/Annulleret/g)).toHaveLength(2);
      expect((await details.locator('dl').innerText()).replace(/\s+/g, ' ')).toContain('Årsag til annullering Borgeren er indlagt.');
      await orderRow(page, open.orderNumber).getByText('Annulleret', { exact: true }).waitFor();
      await checkA11y(page, 'Ordrehistorik after cancelling');
    });

    it('an auditor reads a history with a back-order and a cancelled order, and is offered no cancelling', async () => {
      const { page, app } = suite;
      const token = await app.login('revisor');
      const poul = (await app.request('GET', `/api/v1/citizens?name=${encodeURIComponent('Poul Erik')}`, { token: await app.login('sagsbehandler.kbh') })).body.items[0].citizenId;
      const orders = await ordersOf(app, token, poul);
      const cancelled = orders.find((order) => order.status === 'cancelled')!;
      await openHistory(page, 'revisor', poul, '?from=2026-01-01');
      await page.getByText('Viser 1–4 af 4 ordrer').waitFor();

      await detailsButton(page, cancelled.orderNumber).click();
      const details = page.locator('.order-details');
      await details.getByText('Borgeren er indlagt; der bestilles igen efter udskrivelsen.').waitFor();
      await details.getByRole('cell', { name: 'Annulleret', exact: true }).waitFor();
      await detailsButton(page, orders[0]!.orderNumber).click();
      await page.getByText('Haster: borgeren har kun katetre til få dage.').waitFor();
      await expect(page.getByRole('button', { name: /Annullér ordre/ }).count()).resolves.toBe(0);
      await checkA11y(page, 'Ordrehistorik as auditor');
    });

    it("Aarhus's caseworker cannot open a København citizen's history: not found, in Danish, and nothing of the citizen", async () => {
      const { page, app } = suite;
      const inger = await citizenId(app, await app.login('sagsbehandler.kbh'), 'Inger Kristensen');
      await openHistory(page, 'sagsbehandler.aar', inger);
      await page.getByRole('alert').getByText('Borgeren findes ikke, eller du har ikke adgang til borgerens oplysninger.').waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('Inger');
      expect(text).not.toContain('NOT_FOUND');
      await expect(page.locator('table').count()).resolves.toBe(0);
      await checkA11y(page, 'Ordrehistorik, not found');
    });
  },
  { seedCitizens: true },
);
