/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { linkIn, readDroppedMail } from '../support/mail.js';

/** The phone the webshop is made for first (PORTAL.md "Citizen (webshop)"). */
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'Ingers egen lange sætning 7';
const CASEWORKER_PURPOSE = 'Opfølgning på bevilling';

/** Dates as a Danish reader expects them, written out here independently of the portal's formats. */
const dk = (date: string) => date.split('-').reverse().join('.');

interface Line {
  lineId: string;
  itemNumber: string;
  productName: string;
  status: string;
  remaining: number | null;
  nextOrderDate: string | null;
  allowance: { salesUnitsPerOrder: number | null } | null;
}

/** The page body never scrolls sideways on the phone: everything is within its width. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

const card = (page: Page, productName: string): Locator => page.locator('.webshop-line').filter({ has: page.getByRole('heading', { name: productName }) });

describeInBrowser(
  'The portal: the citizen\'s webshop — "Min bevilling", "Mine ordrer", "Mine oplysninger" (PORTAL.md "Citizen (webshop)")',
  {},
  (suite) => {
    const tokens = new Map<string, string>();
    const api = async (method: string, url: string, token?: string) => {
      const answer = await suite.app.request(method, `/api/v1${url}`, { token: token ?? (await caseworker()) });
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const tokenOf = async (username: string) => {
      if (!tokens.has(username)) tokens.set(username, await suite.app.login(username));
      return tokens.get(username)!;
    };
    const caseworker = () => tokenOf('sagsbehandler.kbh');

    let inger: { citizenId: string; username: string } | undefined;
    /**
     * Inger Kristensen (a demo citizen with an e-mail address) gets her webshop password as a citizen does: the
     * caseworker sends the e-mailed link, and she chooses a password through it. Her webshop username is in her record.
     */
    async function ingerWithLogin() {
      if (inger) return inger;
      const found = await api('GET', `/citizens?name=${encodeURIComponent('Inger Kristensen')}`);
      const citizenId: string = found.items[0].citizenId;
      const record = await api('GET', `/citizens/${citizenId}?purpose=${encodeURIComponent(CASEWORKER_PURPOSE)}`);
      await api('POST', `/citizens/${citizenId}/webshop-password-reset`);
      const mail = await eventually(async () => (await readDroppedMail(suite.app.mailDir)).find((message) => message.to.includes(record.email)));
      const token = new URL(linkIn(mail.text)!).hash.slice('#token='.length);
      suite.app.secret(token);
      suite.app.secret(PASSWORD);
      const set = await suite.app.request('POST', '/api/v1/auth/password-resets', { body: { token, newPassword: PASSWORD } });
      expect(set.status).toBe(204);
      inger = { citizenId, username: record.webshopUsername };
      return inger;
    }

    const linesOf = async (citizenId: string): Promise<Line[]> => (await api('GET', `/citizens/${citizenId}/grant`)).areas.flatMap((area: { lines: Line[] }) => area.lines);

    async function logInAsCitizen(page: Page): Promise<{ citizenId: string; username: string }> {
      const citizen = await ingerWithLogin();
      await page.setViewportSize(PHONE);
      await page.goto('/log-ind');
      await page.getByLabel('Brugernavn').waitFor();
      await expectNoSidewaysScroll(page);
      await logIn(page, citizen.username, PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
      return citizen;
    }

    it('a citizen logs in with the webshop username on a phone: "Mine sider" leads to their own pages only, and "Min bevilling" shows the grant as the API does', async () => {
      const { page } = suite;
      const { citizenId } = await logInAsCitizen(page);
      const main = page.locator('main');
      for (const name of ['Min bevilling', 'Mine ordrer', 'Mine oplysninger']) await expect(main.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
      await expect(main.getByRole('link', { name: 'Brugere' }).count()).resolves.toBe(0);
      await checkA11y(page);
      await expectNoSidewaysScroll(page);
      // The phone's menu holds the same, and no staff page.
      await page.getByRole('button', { name: 'Menu' }).click();
      const menu = page.getByRole('navigation', { name: 'Hovedmenu (mobil)' });
      await expect(menu.getByRole('link', { name: 'Min bevilling' }).isVisible()).resolves.toBe(true);
      await expect(menu.getByRole('link', { name: 'Brugere' }).count()).resolves.toBe(0);
      await menu.getByRole('link', { name: 'Min bevilling' }).click();

      await page.getByRole('heading', { level: 1, name: 'Min bevilling' }).waitFor();
      await page.locator('.webshop-line').first().waitFor();
      const lines = (await linesOf(citizenId)).filter((line) => line.status === 'ACTIVE');
      await expect(page.locator('.webshop-line').count()).resolves.toBe(lines.length);
      for (const line of lines) {
        const shown = card(page, line.productName);
        await expect(shown.getByText(`Varenr. ${line.itemNumber}`).isVisible()).resolves.toBe(true);
        if (line.nextOrderDate) await expect(shown.locator('.next-order-date').innerText()).resolves.toContain(dk(line.nextOrderDate));
      }
      await checkA11y(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'webshop-min-bevilling');
    });

    it('orders within the caps: more than "Salgsenheder pr. ordre" is refused at the field; the rest of the period is ordered, confirmed, and the bell shows the next order date in red', async () => {
      const { page } = suite;
      const { citizenId } = await logInAsCitizen(page);
      const line = (await linesOf(citizenId)).find((candidate) => candidate.status === 'ACTIVE' && (candidate.remaining ?? 0) > 0 && candidate.allowance?.salesUnitsPerOrder != null && candidate.remaining! <= candidate.allowance.salesUnitsPerOrder)!;
      expect(line).toBeDefined();
      await page.goto('/min-bevilling');
      const shown = card(page, line.productName);
      await shown.waitFor();
      await expect(shown.locator('.next-order-date-blocked').count()).resolves.toBe(0);

      await shown.getByLabel(`Bestil ${line.productName}`).check();
      const units = shown.getByLabel('Antal salgsenheder');
      await units.fill(String(line.allowance!.salesUnitsPerOrder! + 1));
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      await expect(page.locator('[data-module="error-summary"]').innerText()).resolves.toContain(`Der kan højst bestilles ${line.allowance!.salesUnitsPerOrder}`);
      await expect(shown.locator('.form-error-message').innerText()).resolves.toContain(`højst bestilles`);
      await checkA11y(page, 'Min bevilling, refused');
      await expectNoSidewaysScroll(page);

      await units.fill(String(line.remaining));
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      const basket = page.getByRole('dialog', { name: 'Indkøbskurv' });
      await basket.locator('strong', { hasText: line.productName }).waitFor();
      await checkA11y(page, 'Indkøbskurv');
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'webshop-indkoebskurv', { fullPage: false });
      await basket.getByLabel('Bemærkninger').fill('Stil pakken i opgangen.');
      await basket.getByRole('button', { name: 'Bestil varer' }).click();

      const confirmation = page.locator('.order-confirmation');
      await confirmation.waitFor();
      const heading = await confirmation.getByRole('heading').innerText();
      const orderNumber = /ordrenummer (\d{6}-\d{6})/.exec(heading)?.[1];
      expect(orderNumber).toBeDefined();
      // The API as the oracle: the order is there, placed by the citizen herself.
      const history = await api('GET', `/citizens/${citizenId}/orders`);
      const order = history.items.find((item: { orderNumber: string }) => item.orderNumber === orderNumber);
      expect(order?.placedBy.channel).toBe('citizen');

      // The period's max is used up: the bell and the next order date in red, and no more ordering of it today.
      const after = (await linesOf(citizenId)).find((candidate) => candidate.lineId === line.lineId)!;
      expect(after.remaining).toBe(0);
      await shown.locator('.next-order-date-blocked').waitFor();
      await expect(shown.locator('.next-order-date-blocked').innerText()).resolves.toContain(dk(after.nextOrderDate!));
      await expect(shown.locator('.next-order-date-blocked .icon-svg').count()).resolves.toBe(1);
      await expect(shown.getByLabel(`Bestil ${line.productName}`).count()).resolves.toBe(0);
      await expect(shown.innerText()).resolves.toContain(`Kan bestilles igen fra ${dk(after.nextOrderDate!)}`);
      await checkA11y(page, 'Min bevilling, ordered');
      await expectNoSidewaysScroll(page);
    });

    it('"Mine ordrer" lists her own orders as the API does, each opening in place; "Mine oplysninger" shows her record and who has seen it (dates and purposes)', async () => {
      const { page } = suite;
      const { citizenId, username } = await logInAsCitizen(page);
      await page.goto('/mine-ordrer');
      await page.getByRole('heading', { level: 1, name: 'Mine ordrer' }).waitFor();
      const history = await api('GET', `/citizens/${citizenId}/orders`);
      expect(history.total).toBeGreaterThan(0);
      await expect(page.getByRole('status').filter({ hasText: 'Viser' }).innerText()).resolves.toContain(`af ${history.total}`);
      const first = history.items[0];
      const order = page.locator('.webshop-order').filter({ hasText: `Ordre ${first.orderNumber}` });
      await order.getByRole('button', { name: `Se detaljer / luk, ordre ${first.orderNumber}` }).click();
      const detail = await api('GET', `/orders/${first.orderId}`);
      for (const line of detail.lines) await order.getByText(`(varenr. ${line.itemNumber})`).waitFor();
      await checkA11y(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'webshop-mine-ordrer');

      await page.goto('/mine-oplysninger');
      await page.getByRole('heading', { level: 1, name: 'Mine oplysninger' }).waitFor();
      await page.getByText(username, { exact: true }).waitFor();
      const log = page.locator('table.webshop-access-log tbody tr');
      await log.first().waitFor();
      // Her own look-up is on the list, after the caseworker's; the list is the API's extract, newest first.
      const extract = await api('GET', `/citizens/${citizenId}/access-log/extract`, await tokenOf('kundeservice'));
      const purposes = extract.items.map((item: { purpose: string }) => item.purpose);
      expect(purposes).toEqual(expect.arrayContaining([CASEWORKER_PURPOSE, 'Borgeren så egne oplysninger']));
      const rows = await log.allInnerTexts();
      // The page read the extract before this test's own read of it; both hold the same openings up to then.
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const shownPurposes = rows.map((row) => row.split('\t').at(-1)!.trim());
      expect(shownPurposes).toEqual(purposes.slice(0, rows.length).reverse());
      expect(rows[0]).toContain(dk(extract.items[rows.length - 1].date));
      await checkA11y(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'webshop-mine-oplysninger');
    });

    it('a citizen cannot open the staff\'s pages, and staff are told the webshop pages are not theirs', async () => {
      const { page } = suite;
      const { citizenId } = await logInAsCitizen(page);
      for (const path of ['/borgere', `/borgere/${citizenId}/bevilling`, '/administration']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: 'Ingen adgang' }).waitFor();
        await expect(page.getByText('Du har ikke adgang til denne side.').isVisible()).resolves.toBe(true);
        await checkA11y(page, `${path} as a citizen`);
        await expectNoSidewaysScroll(page);
      }
      const staff = await suite.newPage();
      await staff.goto('/min-bevilling');
      await logIn(staff, 'sagsbehandler.kbh');
      await staff.getByRole('heading', { level: 1, name: 'Ingen adgang' }).waitFor();
      await expect(staff.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min bevilling' }).count()).resolves.toBe(0);
    });

    it('by keyboard alone: from "Mine sider" to "Min bevilling", one unit in the basket, ordered and confirmed', async () => {
      const { page } = suite;
      const { citizenId } = await logInAsCitizen(page);
      const line = (await linesOf(citizenId)).find((candidate) => candidate.status === 'ACTIVE' && (candidate.remaining ?? 0) > 0)!;
      expect(line).toBeDefined();
      const before = (await api('GET', `/citizens/${citizenId}/orders`)).total;

      await tabTo(page, page.locator('main').getByRole('link', { name: 'Min bevilling' }), 40);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Min bevilling' }).waitFor();
      const shown = card(page, line.productName);
      await shown.waitFor();
      await tabTo(page, shown.getByLabel(`Bestil ${line.productName}`), 40);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await expect(shown.getByLabel('Antal salgsenheder').evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('1');
      await tabTo(page, page.getByRole('button', { name: 'Læg i indkøbskurv' }), 40);
      await page.keyboard.press('Enter');
      const basket = page.getByRole('dialog', { name: 'Indkøbskurv' });
      await basket.locator('strong', { hasText: line.productName }).waitFor();
      await tabTo(page, basket.getByRole('button', { name: 'Bestil varer' }), 15);
      await page.keyboard.press('Enter');
      await page.locator('.order-confirmation').waitFor();
      await expect(page.locator('.order-confirmation').evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      expect((await api('GET', `/citizens/${citizenId}/orders`)).total).toBe(before + 1);
    });
  },
  { seedCitizens: true },
);
