/// <reference lib="dom" />
// The callbacks of evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';

/**
 * "Borgers bevilling" for a line granted without a max (the guide's default): "Leveret på bevillingen" for this
 * calendar month and the consumption history of the past months, with no "Tilbage" and no bell.
 */

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const CATALOGUE = [HEADER, ['NB-S1', 'Testpose Uden Max', '', 'Ubegrænset', 'UB-NB-S1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';')].join('\n');
const PRODUCT = 'Testpose Uden Max';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Dates as a Danish reader expects them, written out here independently of the portal's formats. */
const dk = (date: string) => date.split('-').reverse().join('.');

interface Window {
  start: string;
  lastDay: string;
  ordered: number;
  delivered: number;
}
interface Line {
  lineId: string;
  itemNumber: string;
  allowance: null;
  window: Window;
  remaining: null;
  nextOrderDate: string;
  history: (Window & { grantedMax: null })[];
}

/** A row of a table as the person reads it: each cell's text under its column's heading. */
const cellsOf = (row: Locator) =>
  row.evaluate((tr) => {
    const headings = [...tr.closest('table')!.querySelectorAll('thead th')].map((th) => (th as HTMLElement).innerText.trim());
    return Object.fromEntries([...tr.children].map((cell, index) => [headings[index] ?? String(index), (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim()]));
  });

describeInBrowser('The portal: "Leveret på bevillingen" and the history of a line without a max (DOMAIN §4.2)', {}, (suite) => {
  const api = async (method: string, url: string, body?: unknown, username = 'sagsbehandler.kbh') => {
    // A fresh login each time: the tests move the service's clock, and a session would not survive the jump.
    const token = await suite.app.login(username);
    const answer = await suite.app.request(method, `/api/v1${url}`, { token, ...(body === undefined ? {} : { body }) });
    if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  it('shows this month’s ordered and delivered units, no "Tilbage" and no bell, and the past months by keyboard alone', async () => {
    // 45 days ago the line was granted without a max, and an order was placed and shipped in part.
    const imported = await suite.app.request('POST', '/api/v1/catalogue/imports', { token: await suite.app.login('admin'), csv: CATALOGUE });
    expect(imported.body.added).toBe(1);
    suite.clock.advance(-45 * DAY_MS);
    const { citizenId } = await api('POST', '/citizens', {
      cpr: fictitiousCpr('230648', '2', { checksum: 'valid' }),
      firstName: 'Nora',
      lastName: 'Nomax',
      address: { street: 'Frivej 2', postalCode: '2300', city: 'København S' },
    });
    const started = copenhagenDate(suite.clock.now());
    const { lineId } = await api('POST', `/citizens/${citizenId}/grant/lines`, { itemNumber: 'NB-S1', grantArea: 'Stomi', kind: 'continuous', allowance: null });
    const past = await api('POST', `/citizens/${citizenId}/orders`, { lines: [{ lineId, salesUnits: 3 }] });
    await api('POST', `/orders/${past.orderId}/fulfilment`, { type: 'shipped', at: suite.clock.now().toISOString(), lines: [{ itemNumber: 'NB-S1', salesUnits: 2 }] }, 'erp');
    // Today: one more, not yet shipped.
    suite.clock.advance(45 * DAY_MS);
    const today = await api('POST', `/citizens/${citizenId}/orders`, { lines: [{ lineId, salesUnits: 1 }] });

    const grant = await api('GET', `/citizens/${citizenId}/grant?consistentWith=${encodeURIComponent(today.position)}`);
    const line: Line = grant.areas.flatMap((area: { lines: Line[] }) => area.lines).find((candidate: Line) => candidate.lineId === lineId);
    expect(line).toMatchObject({ allowance: null, remaining: null, window: { ordered: 1, delivered: 0 } });
    expect(line.history.length).toBeGreaterThanOrEqual(1);
    expect(line.history.reduce((sum, month) => sum + month.ordered, 0)).toBe(3);
    expect(line.history.reduce((sum, month) => sum + month.delivered, 0)).toBe(2);
    expect(line.history[0]!.start).toBe(started);

    const page = suite.page;
    await page.goto(`/borgere/${citizenId}/bevilling`);
    await logIn(page, 'sagsbehandler.kbh');
    await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
    const row = page.locator('table.grant-lines > tbody > tr').filter({ hasText: PRODUCT });
    await row.waitFor();
    expect(await cellsOf(row)).toMatchObject({
      'Bevilget max.': `Ingen grænse Periode ${dk(line.window.start)}–${dk(line.window.lastDay)}`,
      'Leveret på bevillingen': `${line.window.delivered} bestilt ${line.window.ordered}`,
      Tilbage: '–',
    });
    expect(await row.locator('.next-order-date-blocked').count()).toBe(0);

    // The history, opened by keyboard alone: one row per past month, oldest first, against "Ingen grænse".
    const periods = line.history.length === 1 ? '1 periode' : `${line.history.length} perioder`;
    const button = page.getByRole('button', { name: `${PRODUCT} (NB-S1), ${periods}` });
    await tabTo(page, button, 60);
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const months = page.getByRole('table', { name: `Forbrug pr. periode af ${PRODUCT}` }).locator('tbody tr');
    expect(await months.count()).toBe(line.history.length);
    for (const [index, month] of line.history.entries()) {
      expect(await cellsOf(months.nth(index))).toEqual({
        Periode: `${dk(month.start)}–${dk(month.lastDay)}`,
        'Bevilget max.': 'Ingen grænse',
        Bestilt: String(month.ordered),
        'Leveret på bevillingen': String(month.delivered),
      });
    }
    await checkA11y(page, 'Borgers bevilling, a line without a max');
    await screenshot(page, 'bevilling-uden-max');
  });
});
