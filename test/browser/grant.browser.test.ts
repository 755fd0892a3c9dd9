/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { checkA11y, describeInBrowser, screenshot, tabTo } from '../support/browser.js';

const ACCEPT_AND_LOG_IN = 'Acceptér brugervilkår & privatlivspolitik og log ind';

async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: ACCEPT_AND_LOG_IN }).click();
}

/** The API's øre and dates as a Danish reader expects them, written out here independently of the portal's formats. */
const kr = (ore: number) => `${String(Math.floor(ore / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(ore % 100).padStart(2, '0')} kr.`;
const dk = (date: string) => date.split('-').reverse().join('.');

interface Line {
  lineId: string;
  itemNumber: string;
  productName: string;
  pricePerSalesUnit: number;
  pricePerPiece: number;
  salesUnit: { name: string; pieces: number };
  startDate: string;
  allowance: { grantedMax: number; periodMonths: number; salesUnitsPerOrder: number | null };
  window: { start: string; end: string; lastDay: string; ordered: number; delivered: number };
  remaining: number;
  lastOrderDate: string;
  nextOrderDate: string;
  history: { start: string; lastDay: string; grantedMax: number; ordered: number; delivered: number }[];
}

/** A row of a table on the page as the person reads it: each cell's text under its column's heading. */
const cellsOf = (row: Locator) =>
  row.evaluate((tr) => {
    const headings = [...tr.closest('table')!.querySelectorAll('thead th')].map((th) => (th as HTMLElement).innerText.trim());
    return Object.fromEntries([...tr.children].map((cell, index) => [headings[index] ?? String(index), (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim()]));
  });

const lineRow = (page: Page, productName: string) => page.locator('table.grant-lines > tbody > tr').filter({ hasText: productName });
const areaHeadings = (page: Page) => page.locator('.grant-area > h2').allInnerTexts();
const basket = (page: Page) => page.getByRole('dialog', { name: 'Indkøbskurv' });

describeInBrowser(
  'The portal: "Borgers bevilling" and ordering for the citizen (PORTAL.md, user guide p. 3, 6, 7)',
  {},
  (suite) => {
    const tokens = new Map<string, string>();
    const tokenOf = async (username: string) => {
      if (!tokens.has(username)) tokens.set(username, await suite.app.login(username));
      return tokens.get(username)!;
    };
    const api = async (method: string, url: string, body?: unknown, username = 'sagsbehandler.kbh') => {
      const answer = await suite.app.request(method, `/api/v1${url}`, { token: await tokenOf(username), ...(body === undefined ? {} : { body }) });
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const citizenNamed = async (name: string): Promise<string> => (await api('GET', `/citizens?name=${encodeURIComponent(name)}`)).items[0].citizenId;
    /** The grant as the API answers it, once its read model holds `position` (the oracle the page must agree with). */
    const grantOf = async (citizenId: string, position?: string, query = ''): Promise<{ areas: { grantArea: string; lines: Line[] }[] }> =>
      api('GET', `/citizens/${citizenId}/grant?${position ? `consistentWith=${encodeURIComponent(position)}` : ''}${query}`);
    const lineOf = async (citizenId: string, itemNumber: string, position?: string): Promise<Line> =>
      (await grantOf(citizenId, position)).areas.flatMap((area) => area.lines).find((line) => line.itemNumber === itemNumber)!;

    async function openGrant(page: Page, citizenId: string, username: string): Promise<void> {
      await page.goto(`/borgere/${citizenId}/bevilling`);
      await logIn(page, username);
      await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
      await page.locator('.citizen-heading').waitFor();
    }

    it('a caseworker sees a grant by area: star, prices per sales unit and per piece, Bevilget max., Leveret, dates, history per window; "Vis alle varer" adds the inactive lines', async () => {
      const { page } = suite;
      const grethe = await citizenNamed('Grethe Olsen');
      // Data the page starts from: a line that was granted and later inactivated.
      const added = await api('POST', `/citizens/${grethe}/grant/lines`, { itemNumber: '402001', grantArea: 'Diabetes', kind: 'continuous', allowance: { grantedMax: 2, periodMonths: 3 } });
      const inactivated = await api('PATCH', `/citizens/${grethe}/grant/lines/${added.lineId}`, { status: 'INACTIVE' });
      const slip = await lineOf(grethe, '101006', inactivated.position);
      const lady = await lineOf(grethe, '103002');

      await openGrant(page, grethe, 'sagsbehandler.kbh');
      expect(await page.locator('.citizen-heading').innerText()).toContain('Grethe Olsen, CPR-nr. 030333-XXXX');
      expect(await page.locator('.citizen-heading').innerText()).toContain('Østerbrogade 88, 1. th., 2100 København Ø');
      expect(await areaHeadings(page)).toEqual(['Diabetes', 'Inkontinens']);

      const row = lineRow(page, 'Nordvig Slip Super str. M');
      expect(await row.getByRole('img', { name: 'På kommunens aftale' }).isVisible()).toBe(true);
      expect(await cellsOf(row)).toMatchObject({
        Vare: `Nordvig Slip Super str. M Varenr. 101006 · pose à 28 stk. ${kr(slip.pricePerSalesUnit)} pr. pose · ${kr(slip.pricePerPiece)} pr. stk. Løbende fra ${dk(slip.startDate)} Redigér Nordvig Slip Super str. M`,
        'Bevilget max.': `14 pr. 3 måneder Periode ${dk(slip.window.start)}–${dk(slip.window.lastDay)}`,
        'Leveret på bevillingen': `${slip.window.delivered} bestilt ${slip.window.ordered}`,
        Tilbage: String(slip.remaining),
        'Salgsenheder pr. ordre': '14',
        'Seneste ordredato': dk(slip.lastOrderDate),
        'Næste bestillingsdato': dk(slip.nextOrderDate),
      });
      expect(await row.locator('.next-order-date-blocked').count()).toBe(0);
      expect(await cellsOf(lineRow(page, 'Hafnia Lady Normal'))).toMatchObject({ 'Bevilget max.': expect.stringMatching(/^12 pr\. 12 måneder Periode /), 'Salgsenheder pr. ordre': '3', Tilbage: String(lady.remaining) });

      // The consumption history of each past window, behind its accordion button.
      const history = page.getByRole('button', { name: 'Nordvig Slip Super str. M (101006), 2 perioder' });
      expect(await history.getAttribute('aria-expanded')).toBe('false');
      await history.click();
      expect(await history.getAttribute('aria-expanded')).toBe('true');
      const windows = page.getByRole('table', { name: 'Forbrug pr. periode af Nordvig Slip Super str. M' }).locator('tbody tr');
      expect(await windows.count()).toBe(slip.history.length);
      for (const [index, past] of slip.history.entries()) {
        expect(await cellsOf(windows.nth(index))).toEqual({
          Periode: `${dk(past.start)}–${dk(past.lastDay)}`,
          'Bevilget max.': String(past.grantedMax),
          Bestilt: String(past.ordered),
          'Leveret på bevillingen': String(past.delivered),
        });
      }

      // The buttons that open the grant's dialogs lead to their routes, over this page.
      const base = `/borgere/${grethe}/bevilling`;
      expect(await page.getByRole('link', { name: 'Tilføj ny vare' }).getAttribute('href')).toBe(`${base}/tilfoej`);
      expect(await page.getByRole('link', { name: 'Tilføj ny fra inaktiv-liste' }).getAttribute('href')).toBe(`${base}/inaktive`);
      expect(await row.getByRole('link', { name: 'Redigér Nordvig Slip Super str. M' }).getAttribute('href')).toBe(`${base}/linjer/${slip.lineId}/rediger`);
      expect(await page.getByRole('link', { name: 'Brugerdata' }).getAttribute('href')).toBe(`/borgere/${grethe}/brugerdata`);
      expect(await page.getByRole('link', { name: 'Vis ordrehistorik' }).getAttribute('href')).toBe(`/borgere/${grethe}/ordrer`);
      await checkA11y(page, 'Borgers bevilling');
      await screenshot(page, 'borgers-bevilling');

      expect(await lineRow(page, 'NordFine pennekanyle 4 mm 32G').count()).toBe(0);
      await page.getByLabel('Vis alle varer').check();
      const inactive = lineRow(page, 'NordFine pennekanyle 4 mm 32G');
      await inactive.waitFor();
      expect(await cellsOf(inactive)).toMatchObject({ Vare: expect.stringContaining('Inaktiv'), 'Næste bestillingsdato': '–' });
      expect(await inactive.getByRole('checkbox').isDisabled()).toBe(true);
      await checkA11y(page, 'Borgers bevilling, alle varer');

      await page.getByRole('link', { name: 'Tilføj ny vare' }).click();
      await page.waitForURL(`**${base}/tilfoej`);
      expect(await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).isVisible()).toBe(true);
      expect(await lineRow(page, 'Nordvig Slip Super str. M').isVisible()).toBe(true);
    });

    it('an order within the caps: the basket shows units, prices, the delivery address and remarks; a double click on "Bestil varer" orders once; the confirmation has the order number; the page shows the new numbers, and a used-up line its bell', async () => {
      const { page } = suite;
      const grethe = await citizenNamed('Grethe Olsen');
      const slip = await lineOf(grethe, '101006');
      const lady = await lineOf(grethe, '103002');
      expect(slip.remaining).toBe(2);

      await openGrant(page, grethe, 'sagsbehandler.kbh');
      await page.getByLabel('Antal salgsenheder af Nordvig Slip Super str. M').fill('1');
      await page.getByLabel('Bestil Nordvig Slip Super str. M').check();
      await page.getByLabel('Antal salgsenheder af Hafnia Lady Normal').fill('2');
      await page.getByLabel('Bestil Hafnia Lady Normal').check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();

      const dialog = basket(page);
      await dialog.waitFor();
      const rows = dialog.locator('table tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await cellsOf(rows.filter({ hasText: 'Hafnia Lady Normal' }))).toMatchObject({
        Vare: 'Hafnia Lady Normal Varenr. 103002',
        Antal: '2 salgsenheder',
        'Pris pr. salgsenhed': kr(lady.pricePerSalesUnit),
        'I alt': kr(2 * lady.pricePerSalesUnit),
      });
      expect(await dialog.locator('tfoot').innerText()).toContain(kr(slip.pricePerSalesUnit + 2 * lady.pricePerSalesUnit));
      expect((await dialog.innerText()).replace(/\s+/g, ' ')).toContain('Leveringsadresse Grethe Olsen Østerbrogade 88, 1. th. 2100 København Ø');
      await dialog.getByLabel('Bemærkninger').fill('Leveres til hjemmeplejen.');
      await checkA11y(page, 'Indkøbskurv');
      await screenshot(page, 'indkoebskurv');

      await dialog.getByRole('button', { name: 'Bestil varer' }).dblclick();
      const confirmation = page.locator('.order-confirmation');
      await confirmation.waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const orderNumberIn = async () => /^Bestillingen er modtaget: ordrenummer (\d{6}-\d{6})$/.exec(await confirmation.getByRole('heading').innerText())?.[1];
      const orderNumber = await orderNumberIn();
      expect(orderNumber).toBeDefined();
      expect(await confirmation.getByRole('listitem').allInnerTexts()).toEqual([
        '2 salgsenheder Hafnia Lady Normal (varenr. 103002)',
        '1 salgsenhed Nordvig Slip Super str. M (varenr. 101006)',
      ]);
      expect(await confirmation.innerText()).toContain('Bemærkninger: Leveres til hjemmeplejen.');
      expect(await confirmation.getByRole('link', { name: 'Vis ordrehistorik' }).getAttribute('href')).toBe(`/borgere/${grethe}/ordrer`);
      expect(await confirmation.evaluate((element) => element === document.activeElement)).toBe(true);

      // The page shows what changed; a second order from the double click would have taken the last unit too.
      const slipRow = lineRow(page, 'Nordvig Slip Super str. M');
      await slipRow.getByText(`bestilt ${slip.window.ordered + 1}`).waitFor();
      expect(await cellsOf(slipRow)).toMatchObject({ Tilbage: '1', 'Seneste ordredato': dk(slip.nextOrderDate) });
      expect(await cellsOf(lineRow(page, 'Hafnia Lady Normal'))).toMatchObject({ Tilbage: String(lady.remaining - 2) });
      const today = slip.nextOrderDate;
      const placedToday = await eventually(async () => {
        const history = await api('GET', `/citizens/${grethe}/orders?from=${today}&to=${today}`);
        const numbers: string[] = history.items.map((order: { orderNumber: string }) => order.orderNumber);
        return numbers.includes(orderNumber!) ? numbers : undefined;
      });
      expect(placedToday).toEqual([orderNumber]);

      // The last unit of the window: then the line shows the bell and the date the next window starts.
      await page.getByLabel('Antal salgsenheder af Nordvig Slip Super str. M').fill('1');
      await page.getByLabel('Bestil Nordvig Slip Super str. M').check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      await dialog.getByRole('button', { name: 'Bestil varer' }).click();
      await confirmation.getByText('1 salgsenhed Nordvig Slip Super str. M (varenr. 101006)').waitFor();
      expect(await orderNumberIn()).not.toBe(orderNumber);
      await slipRow.locator('.next-order-date-blocked').waitFor();
      expect(await cellsOf(slipRow)).toMatchObject({
        'Leveret på bevillingen': `${slip.window.delivered} bestilt ${slip.window.ordered + 2}`,
        Tilbage: '0',
        'Næste bestillingsdato': `Spærret for bestilling indtil ${dk(slip.window.end)}`,
      });
      expect(await slipRow.getByRole('checkbox').isDisabled()).toBe(true);
      await checkA11y(page, 'Borgers bevilling after an order');
      await screenshot(page, 'bestilling-modtaget');
    });

    it('ordering more than remains is refused at the line with the units left and the next order date, and nothing is ordered', async () => {
      const { page } = suite;
      const inger = await citizenNamed('Inger Kristensen');
      const colo = await lineOf(inger, '201005');
      expect(colo.remaining).toBe(1);

      await openGrant(page, inger, 'sagsbehandler.kbh');
      const units = page.getByLabel('Antal salgsenheder af Skagen Colo lukket pose 30 mm transparent');
      // Prefilled with "Salgsenheder pr. ordre": the most one order may hold, here more than the window has left.
      expect(await units.inputValue()).toBe(String(colo.allowance.salesUnitsPerOrder));
      await page.getByLabel('Bestil Skagen Colo lukket pose 30 mm transparent').check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      const dialog = basket(page);
      await dialog.getByRole('button', { name: 'Bestil varer' }).click();

      const expected = `Der er 1 salgsenhed tilbage i perioden; næste bestillingsdato er ${dk(colo.nextOrderDate)}.`;
      const summary = dialog.getByRole('alert').filter({ hasText: 'Bestillingen blev afvist' });
      await summary.waitFor();
      expect(await summary.innerText()).toContain(`Skagen Colo lukket pose 30 mm transparent: ${expected}`);
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await dialog.locator('tbody tr').filter({ hasText: 'Skagen Colo' }).locator('.form-error-message').innerText()).toContain(expected);
      expect(await page.content()).not.toContain('EXCEEDS_GRANTED_MAX');
      await checkA11y(page, 'Indkøbskurv, refused');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByRole('button', { name: 'Læg i indkøbskurv' }).evaluate((element) => element === document.activeElement)).toBe(true);
      expect((await lineOf(inger, '201005')).window.ordered).toBe(colo.window.ordered);
      expect(await cellsOf(lineRow(page, 'Skagen Colo lukket pose 30 mm transparent'))).toMatchObject({ Tilbage: '1' });
    });

    it("a used-up line (Poul Erik Jensen's) shows the bell and its next order date in red, and its checkbox cannot order", async () => {
      const { page } = suite;
      const poul = await citizenNamed('Poul Erik Jensen');
      const cath = await lineOf(poul, '301003');
      expect(cath.remaining).toBe(0);

      await openGrant(page, poul, 'sagsbehandler.kbh');
      const row = lineRow(page, 'Lyngby Cath Mand Nelaton CH 12');
      expect(await cellsOf(row)).toMatchObject({ Tilbage: '0', 'Næste bestillingsdato': `Spærret for bestilling indtil ${dk(cath.window.end)}`, 'Leveret på bevillingen': `${cath.window.delivered} bestilt ${cath.window.ordered}` });
      const red = row.locator('.next-order-date-blocked');
      expect(await red.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(181, 29, 9)');
      expect(await red.locator('svg use').getAttribute('href')).toMatch(/#notifications$/);
      const checkbox = row.getByRole('checkbox', { name: 'Bestil Lyngby Cath Mand Nelaton CH 12' });
      expect(await checkbox.isDisabled()).toBe(true);
      const reasonId = await checkbox.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${reasonId}"]`).innerText()).toBe(`Kan bestilles igen fra ${dk(cath.window.end)}.`);
      expect(await row.getByRole('textbox').count()).toBe(0);
      expect(await row.getByRole('img', { name: 'På kommunens aftale' }).count()).toBe(1);
      expect(await lineRow(page, 'Hafnia Benpose 500 ml').getByRole('img', { name: 'På kommunens aftale' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      await page.getByRole('alert').filter({ hasText: 'Ingen af varerne kan bestilles i dag.' }).waitFor();
      expect(await basket(page).isVisible()).toBe(false);
      await checkA11y(page, 'Borgers bevilling, used up');
      await screenshot(page, 'bevilling-klokke');
    });

    it('"Antal" is never above "Salgsenheder pr. ordre": the field says why, and the basket stays closed', async () => {
      const { page } = suite;
      const grethe = await citizenNamed('Grethe Olsen');
      const lady = await lineOf(grethe, '103002');
      await openGrant(page, grethe, 'sagsbehandler.kbh');

      const units = page.getByLabel('Antal salgsenheder af Hafnia Lady Normal');
      expect(await units.inputValue()).toBe('3');
      await units.fill('4');
      const fieldError = lineRow(page, 'Hafnia Lady Normal').locator('.form-error-message');
      expect(await fieldError.innerText()).toContain('Der kan højst bestilles 3 salgsenheder pr. ordre.');
      expect(await units.getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Bestil Hafnia Lady Normal').check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await basket(page).isVisible()).toBe(false);
      await summary.getByRole('link', { name: 'Hafnia Lady Normal: Der kan højst bestilles 3 salgsenheder pr. ordre.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`antal-${lady.lineId}`);
      await checkA11y(page, 'Borgers bevilling, Antal refused');

      await units.fill('1,5');
      expect(await fieldError.innerText()).toContain('Antal skal være et helt antal salgsenheder.');
      await units.fill('3');
      expect(await fieldError.count()).toBe(0);
    });

    it('a nurse sees only the lines of her grant areas (Stomi and Kateter)', async () => {
      const { page } = suite;
      const grethe = await citizenNamed('Grethe Olsen');
      const added = await api('POST', `/citizens/${grethe}/grant/lines`, { itemNumber: '301001', grantArea: 'Kateter', kind: 'continuous', allowance: { grantedMax: 4, periodMonths: 3 } });
      await grantOf(grethe, added.position);

      await openGrant(page, grethe, 'sygeplejerske.kbh');
      await lineRow(page, 'Lyngby Cath Mand Nelaton CH 8').waitFor();
      expect(await areaHeadings(page)).toEqual(['Kateter']);
      expect(await page.locator('table.grant-lines > tbody > tr').count()).toBe(1);
      expect(await page.getByText('Nordvig Slip Super str. M').count()).toBe(0);
      // Nurses change grants: the dialogs' buttons are theirs too.
      expect(await page.getByRole('link', { name: 'Tilføj ny vare' }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Redigér Lyngby Cath Mand Nelaton CH 8' }).isVisible()).toBe(true);
      await checkA11y(page, 'Borgers bevilling, nurse');
    });

    it('an orderer orders, but sees no "Tilføj ny vare", "Tilføj ny fra inaktiv-liste" or "Redigér"', async () => {
      const { page } = suite;
      await openGrant(page, await citizenNamed('Inger Kristensen'), 'bestiller.kbh');
      await lineRow(page, 'Skagen Colo lukket pose 30 mm transparent').waitFor();
      expect(await page.getByLabel('Bestil Skagen Colo lukket pose 30 mm transparent').isEnabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Læg i indkøbskurv' }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Tilføj ny vare' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Tilføj ny fra inaktiv-liste' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Redigér/ }).count()).toBe(0);
      await checkA11y(page, 'Borgers bevilling, orderer');
    });

    it('an auditor sees the grant read-only (no checkboxes, "Antal" or basket); customer service orders', async () => {
      const { page } = suite;
      const inger = await citizenNamed('Inger Kristensen');
      const colo = await lineOf(inger, '201005');
      await openGrant(page, inger, 'revisor');
      const row = lineRow(page, 'Skagen Colo lukket pose 30 mm transparent');
      await row.waitFor();
      expect(await cellsOf(row)).toMatchObject({ 'Bevilget max.': `${colo.allowance.grantedMax} pr. 3 måneder Periode ${dk(colo.window.start)}–${dk(colo.window.lastDay)}`, Tilbage: String(colo.remaining) });
      expect(await page.getByRole('checkbox', { name: /^Bestil / }).count()).toBe(0);
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Læg i indkøbskurv' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Tilføj ny vare' }).count()).toBe(0);
      await checkA11y(page, 'Borgers bevilling, auditor');

      const service = await suite.newPage();
      await openGrant(service, inger, 'kundeservice');
      expect(await service.getByLabel('Bestil Skagen Colo lukket pose 30 mm transparent').isEnabled()).toBe(true);
      expect(await service.getByRole('button', { name: 'Læg i indkøbskurv' }).isVisible()).toBe(true);
    });

    it("another municipality's citizen is not shown: the page says so in Danish instead of going blank", async () => {
      const { page } = suite;
      await page.goto(`/borgere/${await citizenNamed('Inger Kristensen')}/bevilling`);
      await logIn(page, 'sagsbehandler.aar');
      await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Siden eller oplysningerne findes ikke, eller du har ikke adgang til dem.' }).waitFor();
      expect(await page.getByText('Inger Kristensen').count()).toBe(0);
      expect(await page.content()).not.toContain('NOT_FOUND');
      await checkA11y(page, 'Borgers bevilling, not found');
    });

    it('by keyboard alone: tick a line, change "Antal", open the basket, write remarks and order', async () => {
      const { page } = suite;
      const grethe = await citizenNamed('Grethe Olsen');
      const strips = await lineOf(grethe, '401001');
      await openGrant(page, grethe, 'sagsbehandler.kbh');
      await lineRow(page, 'Glyko teststrimler One 50 stk.').waitFor();

      await tabTo(page, page.getByLabel('Bestil Glyko teststrimler One 50 stk.'), 40);
      await page.keyboard.press('Space');
      const units = page.getByLabel('Antal salgsenheder af Glyko teststrimler One 50 stk.');
      await tabTo(page, units);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('1');
      await tabTo(page, page.getByRole('button', { name: 'Læg i indkøbskurv' }), 60);
      await page.keyboard.press('Enter');

      const dialog = basket(page);
      await dialog.waitFor();
      await tabTo(page, dialog.getByLabel('Bemærkninger'));
      await page.keyboard.type('Ring på hos naboen.');
      await tabTo(page, dialog.getByRole('button', { name: 'Bestil varer' }));
      await page.keyboard.press('Enter');

      const confirmation = page.locator('.order-confirmation');
      await confirmation.waitFor();
      expect(await confirmation.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await confirmation.getByRole('listitem').allInnerTexts()).toEqual(['1 salgsenhed Glyko teststrimler One 50 stk. (varenr. 401001)']);
      await lineRow(page, 'Glyko teststrimler One 50 stk.').getByText(`bestilt ${strips.window.ordered + 1}`).waitFor();
    });

    it('what the page could not know is refused by the service and explained: a line inactivated meanwhile, a citizen whose grant ended meanwhile; a line not started yet cannot be ticked', async () => {
      const { page } = suite;
      const cpr = fictitiousCpr('150585', '1', { checksum: 'valid' });
      suite.app.secret(cpr);
      const created = await api('POST', '/citizens', { cpr, firstName: 'Karen', lastName: 'Bestilsen', address: { street: 'Ordrevej 3', postalCode: '2300', city: 'København S' } });
      const citizenId: string = created.citizenId;
      const addLine = (itemNumber: string, more: object = {}) =>
        api('POST', `/citizens/${citizenId}/grant/lines`, { itemNumber, grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 4, periodMonths: 3 }, ...more });
      const first = await addLine('201001');
      await addLine('201003');
      const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const notStarted = await addLine('201005', { startDate: later });
      await grantOf(citizenId, notStarted.position);

      await openGrant(page, citizenId, 'sagsbehandler.kbh');
      expect(await page.content()).not.toContain(cpr);
      const waiting = page.getByLabel('Bestil Skagen Colo lukket pose 30 mm transparent');
      expect(await waiting.isDisabled()).toBe(true);
      expect(await page.locator(`[id="${await waiting.getAttribute('aria-describedby')}"]`).innerText()).toBe(`Kan bestilles fra ${dk(later)}.`);

      await page.getByLabel('Bestil Skagen Colo lukket pose 20 mm transparent').check();
      await page.getByLabel('Bestil Skagen Colo lukket pose 25 mm transparent').check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      const dialog = basket(page);
      await dialog.waitFor();

      // A colleague inactivates a line while the basket is open.
      const inactivated = await api('PATCH', `/citizens/${citizenId}/grant/lines/${first.lineId}`, { status: 'INACTIVE' });
      await grantOf(citizenId, inactivated.position);
      await dialog.getByRole('button', { name: 'Bestil varer' }).click();
      const refusal = dialog.getByRole('alert').filter({ hasText: 'Bestillingen blev afvist' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('Skagen Colo lukket pose 20 mm transparent: Varen er inaktiv på bevillingen og kan ikke bestilles.');
      await dialog.getByRole('button', { name: 'Fjern Skagen Colo lukket pose 20 mm transparent' }).click();
      expect(await dialog.locator('tbody tr').count()).toBe(1);

      // The grant ends while the basket is still open.
      const ended = await api('POST', `/citizens/${citizenId}/status`, { status: 'GRANT_ENDED', reason: 'Bevillingen er ophørt' });
      await grantOf(citizenId, ended.position);
      await dialog.getByRole('button', { name: 'Bestil varer' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Borgeren er ikke aktiv, så der kan hverken bestilles eller ændres i bevillingen.' }).waitFor();
      await checkA11y(page, 'Indkøbskurv, citizen not active');
      await page.keyboard.press('Escape');
      await page.getByRole('alert').filter({ hasText: 'Borgerens status er "Bevilling ophørt", så der kan ikke bestilles på bevillingen.' }).waitFor();
      expect(await page.content()).not.toMatch(/CITIZEN_NOT_ACTIVE|LINE_INACTIVE/);
    });
  },
  { seedCitizens: true },
);
