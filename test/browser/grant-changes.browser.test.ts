/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.js';
import { checkA11y, describeInBrowser, screenshot, tabTo } from '../support/browser.js';

const ACCEPT_AND_LOG_IN = 'Acceptér brugervilkår & privatlivspolitik og log ind';

interface Line {
  lineId: string;
  itemNumber: string;
  grantArea: string;
  kind: string;
  status: string;
  startDate: string;
  endDate: string | null;
  allowance: { quantity: number | null; per: string | null; periodMonths: number; grantedMax: number; salesUnitsPerOrder: number | null } | null;
}

describeInBrowser(
  'The portal: changing a grant — "Tilføj ny vare", "Redigér", "Tilføj ny fra inaktiv-liste" (PORTAL.md, user guide p. 5, 6, 8)',
  {},
  (suite) => {
    const tokens = new Map<string, string>();
    const token = async (username: string) => {
      if (!tokens.has(username)) tokens.set(username, await suite.app.login(username));
      return tokens.get(username)!;
    };
    /** A demo citizen's id, found as a caseworker would: by name. */
    const citizen = async (name: string): Promise<string> => {
      const found = await suite.app.request('GET', `/api/v1/citizens?name=${encodeURIComponent(name)}`, { token: await token('sagsbehandler.kbh') });
      expect(found.body.items).toHaveLength(1);
      return found.body.items[0].citizenId as string;
    };
    /** The grant as the service has it (the grant page is another part of the portal), at least as of `position`. */
    const linesOf = async (citizenId: string, position?: string): Promise<Line[]> => {
      const consistent = position ? `&consistentWith=${position}` : '';
      const grant = await suite.app.request('GET', `/api/v1/citizens/${citizenId}/grant?includeInactive=true${consistent}`, { token: await token('sagsbehandler.kbh') });
      expect(grant.status).toBe(200);
      return grant.body.areas.flatMap((area: { lines: Line[] }) => area.lines);
    };
    const activeLine = async (citizenId: string, itemNumber: string, position?: string) =>
      (await linesOf(citizenId, position)).find((line) => line.itemNumber === itemNumber && line.status === 'ACTIVE');
    /** Does what saves a change in the page, and answers the position of the grant command it sent. */
    async function saved(page: Page, action: () => Promise<void>): Promise<string> {
      const answer = page.waitForResponse((response) => response.ok() && response.request().method() !== 'GET' && new URL(response.url()).pathname.includes('/grant/lines'));
      await action();
      const { position } = await (await answer).json();
      expect(typeof position).toBe('string');
      return position as string;
    }

    /** Opens a page of the portal and logs in on the way, as a person following a link would. */
    async function openAs(page: Page, username: string, path: string): Promise<void> {
      await page.goto(path);
      await page.getByLabel('Brugernavn').fill(username);
      await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: ACCEPT_AND_LOG_IN }).click();
    }
    const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
    const pathOf = (page: Page) => new URL(page.url()).pathname;
    const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

    async function searchAndPick(page: Page, query: string, productName: string): Promise<void> {
      const add = dialog(page, 'Tilføj ny vare');
      await add.getByLabel('Søg produkter').fill(query);
      await add.getByRole('button', { name: 'Søg', exact: true }).click();
      await add.getByRole('button', { name: productName, exact: true }).click();
      await add.getByRole('heading', { name: productName }).waitFor();
    }

    it('"Tilføj ny vare" with the calculator: 12 months shows the pieces and "Bevilget max." with an optional per-order cap, 3 months fixes it; the line is granted as calculated', async () => {
      const { page } = suite;
      const inger = await citizen('Inger');
      await openAs(page, 'sagsbehandler.kbh', `/borgere/${inger}/bevilling/tilfoej`);
      const add = dialog(page, 'Tilføj ny vare');
      await add.getByLabel('Søg produkter').waitFor();
      expect(await add.getByLabel('Alle produkter').isChecked()).toBe(true);
      await checkA11y(page, 'Tilføj ny vare');

      await add.getByLabel('Søg produkter').fill('ileo 30 mm maxi');
      await add.getByRole('button', { name: 'Søg', exact: true }).click();
      const row = add.getByRole('row').filter({ hasText: 'Skagen Ileo tømbar pose 30 mm maxi' });
      await row.waitFor();
      // The star (København's agreement holds the series) and prices per sales unit and per piece, in Danish.
      expect(await row.getByRole('img', { name: 'På kommunens aftale' }).count()).toBe(1);
      expect(await row.innerText()).toMatch(/\d+,\d{2} kr\.\s*pr\. æske à 20 stk\./);
      await checkA11y(page, 'Tilføj ny vare, search results');
      await screenshot(page, 'tilfoej-ny-vare-soeg');
      await row.getByRole('button', { name: 'Skagen Ileo tømbar pose 30 mm maxi' }).click();

      await add.getByRole('heading', { name: 'Skagen Ileo tømbar pose 30 mm maxi' }).waitFor();
      expect(await add.getByLabel('Bevillingsområde').inputValue()).toBe('Stomi');
      const calculate = add.getByRole('button', { name: 'Udregn bevilget max.' });
      await calculate.click();

      // One modal at a time (DKFDS): the dialog steps aside for the pop-up, and Escape brings it back as it was.
      const calculator = dialog(page, 'Udregn bevilget max.');
      await calculator.getByLabel('Antal stk.').waitFor();
      expect(await add.isVisible()).toBe(false);
      await page.keyboard.press('Escape');
      await calculator.waitFor({ state: 'hidden' });
      await calculate.waitFor();
      expect(await isFocused(calculate)).toBe(true);
      expect(await add.getByLabel('Bevillingsområde').inputValue()).toBe('Stomi');
      await calculate.click();
      await calculator.getByLabel('Antal stk.').waitFor();
      expect(await calculator.getByLabel('12 måneder').isChecked()).toBe(true);
      await calculator.getByLabel('Periodetype').selectOption({ label: 'dag' });
      await calculator.getByLabel('Antal stk.').fill('3');
      await calculator.getByRole('button', { name: 'Udregn', exact: true }).click();
      const result = calculator.getByRole('definition');
      await calculator.getByText('1.095 stk.').waitFor();
      expect(await result.allInnerTexts()).toEqual(['3 stk. pr. dag', '1.095 stk.', '55 salgsenheder (æske à 20 stk.) pr. 12 måneder']);
      const perOrder = calculator.getByLabel('Salgsenheder pr. ordre (valgfrit)');
      expect(await perOrder.isEditable()).toBe(true);
      expect(await perOrder.inputValue()).toBe('');
      await checkA11y(page, 'Udregn bevilget max., 12 months');
      await screenshot(page, 'udregn-bevilget-max');

      // 3 months: the result of 12 no longer applies; once calculated, the per-order cap is the max, fixed.
      await calculator.getByLabel('3 måneder').check();
      expect(await calculator.getByText('1.095 stk.').count()).toBe(0);
      await calculator.getByRole('button', { name: 'Udregn', exact: true }).click();
      await calculator.getByText('273,75 stk.').waitFor();
      const fixed = calculator.getByLabel('Salgsenheder pr. ordre', { exact: true });
      expect(await fixed.inputValue()).toBe('14');
      expect(await fixed.isEditable()).toBe(false);
      await checkA11y(page, 'Udregn bevilget max., 3 months');

      // Back to 12 months with a per-order cap above the max: refused at the field, then a valid one.
      await calculator.getByLabel('12 måneder').check();
      await calculator.getByRole('button', { name: 'Udregn', exact: true }).click();
      await calculator.getByText('1.095 stk.').waitFor();
      await perOrder.fill('56');
      await calculator.getByRole('button', { name: 'Opdatér antal' }).click();
      expect(await calculator.locator('#perOrder-error').innerText()).toContain('Salgsenheder pr. ordre skal være et helt tal fra 1 til 55');
      await perOrder.fill('5');
      await calculator.getByRole('button', { name: 'Opdatér antal' }).click();

      await calculator.waitFor({ state: 'hidden' });
      await add.getByLabel('Bevilget max.', { exact: true }).waitFor();
      expect(await add.getByLabel('Bevilget max.', { exact: true }).inputValue()).toBe('55');
      expect(await isFocused(add.getByLabel('Bevilget max.', { exact: true }))).toBe(true);
      expect(await add.getByLabel('Salgsenheder pr. ordre (valgfrit)').inputValue()).toBe('5');
      expect(await add.getByRole('definition').allInnerTexts()).toEqual(['3 stk. pr. dag', '1.095 stk.', '55 salgsenheder (æske à 20 stk.) pr. 12 måneder']);
      await checkA11y(page, 'Tilføj ny vare, filled in');
      await screenshot(page, 'tilfoej-ny-vare');

      const position = await saved(page, () => add.getByRole('button', { name: 'Tilføj bevillingsvare' }).click());
      await add.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${inger}/bevilling`);
      const added = (await linesOf(inger, position)).filter((line) => !['201005', '206002'].includes(line.itemNumber));
      expect(added).toEqual([
        expect.objectContaining({
          kind: 'continuous',
          status: 'ACTIVE',
          allowance: { quantity: 3, per: 'day', periodMonths: 12, grantedMax: 55, salesUnitsPerOrder: 5 },
        }),
      ]);
    });

    it('by keyboard alone: a one-time line with a typed max; the refused per-order cap is explained at its field and fixed from the error summary', async () => {
      const { page } = suite;
      const grethe = await citizen('Grethe');
      await page.goto(`/borgere/${grethe}/bevilling`);
      await tabTo(page, page.getByLabel('Brugernavn'));
      await page.keyboard.type('sygeplejerske.kbh');
      await tabTo(page, page.getByLabel('Adgangskode', { exact: true }));
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
      await tabTo(page, page.getByRole('link', { name: 'Tilføj ny vare' }));
      await page.keyboard.press('Enter');

      const add = dialog(page, 'Tilføj ny vare');
      const query = add.getByLabel('Søg produkter');
      await query.waitFor();
      expect(await isFocused(query)).toBe(true);
      await page.keyboard.type('Lyngby Cath Kvinde CH 12');
      await page.keyboard.press('Enter');
      const pick = add.getByRole('button', { name: 'Lyngby Cath Kvinde CH 12', exact: true });
      await tabTo(page, pick);
      await page.keyboard.press('Enter');
      expect(await isFocused(add.getByRole('heading', { name: 'Lyngby Cath Kvinde CH 12' }))).toBe(true);
      expect(await add.getByLabel('Bevillingsområde').inputValue()).toBe('Kateter');

      await tabTo(page, add.getByLabel('Løbende'));
      await page.keyboard.press('ArrowDown');
      expect(await add.getByLabel('Engangsbevilling').isChecked()).toBe(true);
      await tabTo(page, add.getByLabel('Slutdato'));
      await page.keyboard.type('31.12.2027');
      await tabTo(page, add.getByLabel('Uden max.'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, add.getByLabel('Bevilget max.', { exact: true }));
      await page.keyboard.type('4');
      await tabTo(page, add.getByLabel('Salgsenheder pr. ordre (valgfrit)'));
      await page.keyboard.type('9');
      await tabTo(page, add.getByRole('button', { name: 'Tilføj bevillingsvare' }));
      await page.keyboard.press('Enter');

      // The service refuses a per-order cap above the max: in Danish, in the focused summary and at the field.
      const summary = add.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await isFocused(summary)).toBe(true);
      expect(await add.locator('#salesUnitsPerOrder-error').innerText()).toContain('Salgsenheder pr. ordre skal være et helt tal fra 1 til 4');
      expect(await add.innerText()).not.toContain('SALES_UNITS_PER_ORDER_INVALID');
      await checkA11y(page, 'Tilføj ny vare, refused per-order cap');
      await tabTo(page, summary.getByRole('link'));
      await page.keyboard.press('Enter');
      expect(await isFocused(add.getByLabel('Salgsenheder pr. ordre (valgfrit)'))).toBe(true);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2');
      await tabTo(page, add.getByRole('button', { name: 'Tilføj bevillingsvare' }));
      const position = await saved(page, () => page.keyboard.press('Enter'));

      await add.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${grethe}/bevilling`);
      expect((await linesOf(grethe, position)).filter((line) => line.grantArea === 'Kateter')).toEqual([
        expect.objectContaining({ kind: 'one_time', status: 'ACTIVE', endDate: '2027-12-31', allowance: { quantity: null, per: null, periodMonths: 12, grantedMax: 4, salesUnitsPerOrder: 2 } }),
      ]);
    });

    it('a product already granted is refused with the explanation, and "Redigér" of the granted line is one click away', async () => {
      const { page } = suite;
      const inger = await citizen('Inger');
      await openAs(page, 'sagsbehandler.kbh', `/borgere/${inger}/bevilling/tilfoej`);
      const add = dialog(page, 'Tilføj ny vare');
      await add.getByLabel('Søg produkter').fill('201005');
      await add.getByRole('button', { name: 'Søg', exact: true }).click();
      const row = add.getByRole('row').filter({ hasText: 'Varenr. 201005' });
      await row.getByText('Bevilget', { exact: true }).waitFor();
      const name = await row.getByRole('button').innerText();
      await row.getByRole('button').click();
      await add.getByRole('button', { name: 'Tilføj bevillingsvare' }).click();

      const summary = add.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await isFocused(summary)).toBe(true);
      const explanation = 'Varen er allerede bevilget til borgeren. Ret den med "Redigér" ved varen på bevillingen i stedet.';
      expect(await summary.innerText()).toContain(explanation);
      expect(await add.locator('#product-error').innerText()).toContain(explanation);
      await checkA11y(page, 'Tilføj ny vare, already granted');
      await screenshot(page, 'tilfoej-ny-vare-allerede-bevilget');

      await add.getByRole('link', { name: 'Redigér den bevilgede vare' }).click();
      const edit = dialog(page, 'Redigér bevillingsvare');
      await edit.getByRole('heading', { name }).waitFor();
      const granted = await activeLine(inger, '201005');
      expect(pathOf(page)).toBe(`/borgere/${inger}/bevilling/linjer/${granted!.lineId}/rediger`);
    });

    it('a nurse chooses among her own grant areas only: Stomi and Kateter', async () => {
      const { page } = suite;
      const poul = await citizen('Poul');
      await openAs(page, 'sygeplejerske.kbh', `/borgere/${poul}/bevilling/tilfoej`);
      await searchAndPick(page, 'Hafnia Natpose 2000 ml med tømmehane', 'Hafnia Natpose 2000 ml med tømmehane');
      const add = dialog(page, 'Tilføj ny vare');
      const area = add.getByLabel('Bevillingsområde');
      expect(await area.locator('option').allInnerTexts()).toEqual(['Vælg bevillingsområde', 'Stomi', 'Kateter']);
      expect(await area.inputValue()).toBe('Kateter');

      // A product of an area she was not given: she is not offered that area.
      await add.getByRole('button', { name: 'Vælg et andet produkt' }).click();
      await searchAndPick(page, 'Nordvig Slip Super str. L', 'Nordvig Slip Super str. L');
      expect(await area.locator('option').allInnerTexts()).toEqual(['Vælg bevillingsområde', 'Stomi', 'Kateter']);
      await checkA11y(page, 'Tilføj ny vare as a nurse');
    });

    it('"Redigér": a new max with the same calculator, saved with "Gem ændringer"; another line set "Inaktiv"', async () => {
      const { page } = suite;
      const poul = await citizen('Poul');
      const catheter = (await activeLine(poul, '301003'))!;
      await openAs(page, 'sagsbehandler.kbh', `/borgere/${poul}/bevilling/linjer/${catheter.lineId}/rediger`);
      const edit = dialog(page, 'Redigér bevillingsvare');
      await edit.getByRole('heading', { name: 'Lyngby Cath Mand Nelaton CH 12' }).waitFor();
      await edit.getByText('æske à 30 stk.', { exact: false }).waitFor();
      expect(await edit.getByRole('definition').allInnerTexts()).toEqual(['5 stk. pr. dag', '16 salgsenheder (æske à 30 stk.) pr. 3 måneder']);
      expect(await edit.getByText('NB: husk at gemme!').isVisible()).toBe(true);
      await checkA11y(page, 'Redigér');
      await screenshot(page, 'rediger');

      await edit.getByRole('button', { name: 'Ret bevilget max.' }).click();
      await edit.getByRole('button', { name: 'Udregn bevilget max.' }).click();
      const calculator = dialog(page, 'Udregn bevilget max.');
      // The calculator opens on the line's own rate and period.
      expect(await calculator.getByLabel('Antal stk.').inputValue()).toBe('5');
      expect(await calculator.getByLabel('3 måneder').isChecked()).toBe(true);
      await calculator.getByLabel('Antal stk.').fill('6');
      await calculator.getByRole('button', { name: 'Udregn', exact: true }).click();
      await calculator.getByText('547,5 stk.').waitFor();
      expect(await calculator.getByRole('definition').allInnerTexts()).toEqual(['6 stk. pr. dag', '547,5 stk.', '19 salgsenheder (æske à 30 stk.) pr. 3 måneder']);
      expect(await calculator.getByLabel('Salgsenheder pr. ordre', { exact: true }).inputValue()).toBe('19');
      await calculator.getByRole('button', { name: 'Opdatér antal' }).click();
      await calculator.waitFor({ state: 'hidden' });
      expect(await edit.getByLabel('Bevilget max.', { exact: true }).inputValue()).toBe('19');
      await checkA11y(page, 'Redigér, new max');
      const newMax = await saved(page, () => edit.getByRole('button', { name: 'Gem ændringer' }).click());
      await edit.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${poul}/bevilling`);
      expect((await activeLine(poul, '301003', newMax))?.allowance).toEqual({ quantity: 6, per: 'day', periodMonths: 3, grantedMax: 19, salesUnitsPerOrder: 19 });

      const nightBag = (await activeLine(poul, '306004'))!;
      await page.goto(`/borgere/${poul}/bevilling/linjer/${nightBag.lineId}/rediger`);
      await edit.getByLabel('Status').selectOption({ label: 'Inaktiv' });
      await edit.getByText('Varen flyttes til inaktiv-listen, når du gemmer.').waitFor();
      const inactivated = await saved(page, () => edit.getByRole('button', { name: 'Gem ændringer' }).click());
      await edit.waitFor({ state: 'hidden' });
      expect((await linesOf(poul, inactivated)).find((line) => line.lineId === nightBag.lineId)?.status).toBe('INACTIVE');
    });

    it('"NB: husk at gemme!": leaving "Redigér" with unsaved changes asks first (also the browser); saved, a line becomes one-time', async () => {
      const { page } = suite;
      const grethe = await citizen('Grethe');
      const pads = (await activeLine(grethe, '103002'))!;
      await openAs(page, 'sagsbehandler.kbh', `/borgere/${grethe}/bevilling/linjer/${pads.lineId}/rediger`);
      const edit = dialog(page, 'Redigér bevillingsvare');
      await edit.getByLabel('Engangsbevilling').waitFor();
      const leaveWouldAsk = () => page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
      expect(await leaveWouldAsk()).toBe(false);

      await edit.getByLabel('Engangsbevilling').check();
      await edit.getByLabel('Slutdato').fill('30.06.2027');
      await edit.getByText('bevilges på ny som engangsbevilling').waitFor();
      expect(await leaveWouldAsk()).toBe(true);
      await edit.getByRole('button', { name: 'Luk', exact: true }).click();
      const confirm = edit.getByRole('alert').filter({ hasText: 'Du har ændringer, der ikke er gemt' });
      await confirm.waitFor();
      expect(await confirm.evaluate((element) => element.closest('.leave-confirm') === document.activeElement)).toBe(true);
      expect(pathOf(page)).toBe(`/borgere/${grethe}/bevilling/linjer/${pads.lineId}/rediger`);
      await checkA11y(page, 'Redigér, leaving unsaved');
      await screenshot(page, 'rediger-husk-at-gemme');

      await confirm.getByRole('button', { name: 'Fortsæt redigering' }).click();
      await confirm.waitFor({ state: 'hidden' });
      expect(await edit.getByLabel('Slutdato').inputValue()).toBe('30.06.2027');
      await page.keyboard.press('Escape');
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Luk uden at gemme' }).click();
      await edit.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${grethe}/bevilling`);
      expect((await activeLine(grethe, '103002'))?.lineId).toBe(pads.lineId);

      await page.goto(`/borgere/${grethe}/bevilling/linjer/${pads.lineId}/rediger`);
      await edit.getByLabel('Engangsbevilling').check();
      await edit.getByLabel('Slutdato').fill('30.06.2027');
      const position = await saved(page, () => edit.getByRole('button', { name: 'Gem ændringer' }).click());
      await edit.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${grethe}/bevilling`);
      const renewed = await activeLine(grethe, '103002', position);
      expect(renewed).toMatchObject({ kind: 'one_time', endDate: '2027-06-30', allowance: pads.allowance });
      expect(renewed?.lineId).not.toBe(pads.lineId);
      expect((await linesOf(grethe, position)).find((line) => line.lineId === pads.lineId)?.status).toBe('INACTIVE');
    });

    it('"Tilføj ny fra inaktiv-liste": "Gør varen aktiv" with a new max in the same step; the dialog stays open for the next', async () => {
      const { page } = suite;
      const grethe = await citizen('Grethe');
      const briefs = (await activeLine(grethe, '101006'))!;
      const inactivated = await suite.app.request('PATCH', `/api/v1/citizens/${grethe}/grant/lines/${briefs.lineId}`, { token: await token('sagsbehandler.kbh'), body: { status: 'INACTIVE' } });
      expect(inactivated.status).toBe(200);
      // The page opens on a grant that holds the change (a fresh browser knows no position of it).
      expect((await linesOf(grethe, inactivated.body.position)).find((line) => line.lineId === briefs.lineId)?.status).toBe('INACTIVE');

      await openAs(page, 'sagsbehandler.kbh', `/borgere/${grethe}/bevilling/inaktive`);
      const inactive = dialog(page, 'Tilføj ny fra inaktiv-liste');
      const row = inactive.getByRole('row').filter({ hasText: 'Varenr. 101006' });
      await row.waitFor();
      // The line replaced by a one-time line in the test before is listed, but its item is granted already.
      expect(await inactive.getByRole('row').filter({ hasText: 'Varenr. 103002' }).getByText('Varen er bevilget på en anden linje').isVisible()).toBe(true);
      await checkA11y(page, 'Tilføj ny fra inaktiv-liste');
      await screenshot(page, 'inaktiv-liste');

      await row.getByRole('button', { name: /^Gør varen aktiv/ }).click();
      await inactive.getByRole('heading', { name: 'Gør varen aktiv' }).waitFor();
      expect(await inactive.getByLabel('Som før').isChecked()).toBe(true);
      expect(await inactive.getByRole('definition').allInnerTexts()).toEqual(['4 stk. pr. dag', '14 salgsenheder (pose à 28 stk.) pr. 3 måneder']);
      await inactive.getByLabel('Ret bevilget max.').check();
      await inactive.getByLabel('Bevilget max.', { exact: true }).fill('10');
      expect(await inactive.getByLabel('3 måneder').isChecked()).toBe(true);
      await checkA11y(page, 'Gør varen aktiv');
      await screenshot(page, 'goer-varen-aktiv');
      const position = await saved(page, () => inactive.getByRole('button', { name: 'Gør varen aktiv', exact: true }).click());

      await inactive.getByText('Nordvig Slip Super str. M er aktiv igen på bevillingen.').waitFor();
      expect(await inactive.getByRole('row').filter({ hasText: 'Varenr. 101006' }).count()).toBe(0);
      expect(await inactive.isVisible()).toBe(true);
      expect(await activeLine(grethe, '101006', position)).toMatchObject({ lineId: briefs.lineId, allowance: { quantity: null, per: null, periodMonths: 3, grantedMax: 10, salesUnitsPerOrder: 10 } });
      await inactive.getByRole('button', { name: 'Luk', exact: true }).first().click();
      await inactive.waitFor({ state: 'hidden' });
      expect(pathOf(page)).toBe(`/borgere/${grethe}/bevilling`);
    });
  },
  { seedCitizens: true },
);
