/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually.js';
import { describeInBrowser, logIn } from '../support/browser.js';

// A walk over many pages on a busy machine.
jest.setTimeout(180_000);

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/**
 * The portal works under the service's Content-Security-Policy (no inline script or style, README "Security
 * headers"): a walk over its main pages, their dialogs and the date picker, in which Chromium reports no
 * violation. The harness (test/support/browser.ts) listens on every page of every browser suite; this shows
 * that it hears a violation, then walks.
 */
describeInBrowser(
  'The portal under its Content-Security-Policy',
  {},
  (suite) => {
    it('the page is served with the policy, and a violation is heard', async () => {
      const { page } = suite;
      const response = await page.goto('/log-ind');
      expect(response?.headers()['content-security-policy']).toContain("style-src 'self';");
      await heading(page, 'Log ind');
      // What the policy forbids (a style attribute written as markup) is blocked and reported.
      await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
      const reported = await eventually(async () => {
        const violations = suite.takeCspViolations();
        return violations.length > 0 ? violations : undefined;
      });
      expect(reported).toEqual([expect.stringMatching(/^style-src-attr blocked inline at /)]);
      expect(await page.evaluate(() => getComputedStyle(document.body).outlineStyle)).toBe('none');
    });

    it("a caseworker's main pages, dialogs and date picker, and the administration, report no violation", async () => {
      const { page, app } = suite;
      const token = await app.login('sagsbehandler.kbh');
      const inger = (await app.request('GET', `/api/v1/citizens?name=${encodeURIComponent('Inger Kristensen')}`, { token })).body.items[0].citizenId as string;

      await page.goto('/log-ind');
      await logIn(page, 'sagsbehandler.kbh');
      await heading(page, 'Mine sider');

      await page.getByRole('navigation').getByRole('link', { name: 'Brugere', exact: true }).first().click();
      await heading(page, 'Brugere');
      await page.getByRole('main').getByLabel('Navn', { exact: true }).fill('Inger');
      await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByRole('main').getByRole('link', { name: /Inger Kristensen/ }).first().waitFor();

      await page.goto(`/borgere/${inger}/bevilling`);
      await heading(page, 'Borgers bevilling');
      await page.getByRole('link', { name: 'Tilføj ny vare' }).click();
      await page.getByRole('dialog', { name: 'Tilføj ny vare' }).waitFor();
      await page.keyboard.press('Escape');

      await page.goto(`/borgere/${inger}/brugerdata`);
      await heading(page, 'Brugerdata');

      await page.goto(`/borgere/${inger}/ordrer`);
      await heading(page, 'Ordrehistorik');
      // DKFDS's date picker writes its calendar as markup: none of it may be inline style.
      await page.getByRole('button', { name: 'Åbn kalender' }).first().click();
      await page.getByRole('button', { name: 'Navigér én måned tilbage' }).click();
      await page.keyboard.press('Escape');

      await page.getByRole('search').getByLabel('Søg produkter (varenummer eller fritekst)').fill('201005');
      await page.getByRole('search').getByRole('button', { name: 'Søg' }).click();
      await page.getByRole('link', { name: 'Skagen Colo lukket pose 30 mm transparent' }).click();
      await heading(page, /Skagen Colo lukket pose 30 mm transparent/);

      await page.goto('/brugervilkaar');
      await heading(page, 'Brugervilkår og privatlivspolitik for e-bevilling');

      const admin = await suite.newPage();
      await admin.goto('/administration/kommuner');
      await logIn(admin, 'admin');
      await heading(admin, 'Kommuner');
      await admin.goto('/administration/brugere/ny');
      await heading(admin, 'Opret ny bruger');

      // Reports arrive asynchronously: give the last page's a moment before reading them.
      await page.waitForTimeout(500);
      expect(suite.takeCspViolations()).toEqual([]);
    });
  },
  { seedCitizens: true },
);
