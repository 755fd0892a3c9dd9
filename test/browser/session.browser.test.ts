/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn, screenshot } from '../support/browser.js';

const IDLE_SECONDS = 300;

const sessionToken = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('e-bevilling.session') ?? '{}').token as string | undefined);

describeInBrowser('The portal: sessions end after inactivity and on a 401 (PORTAL.md "Sessions")', { SESSION_IDLE_SECONDS: String(IDLE_SECONDS) }, (suite) => {
  it('a minute before the idle timeout a dialog warns; "Forbliv logget ind" keeps the session, and without it the user is logged out', async () => {
    const { page } = suite;
    // The page's clock is moved by hand; the service's idle timeout is the real one (5 minutes) and stays ahead.
    await page.clock.install();
    await page.goto('/log-ind');
    await logIn(page, 'sagsbehandler.kbh');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    const token = await sessionToken(page);
    suite.app.secret(token!);

    const warning = page.getByRole('dialog', { name: /Du bliver logget ud om \d+ sekunder/ });
    await page.clock.runFor((IDLE_SECONDS - 62) * 1000);
    expect(await warning.isVisible()).toBe(false);
    // Half a second at a time: the dialog opens on the first tick of the last minute.
    for (let step = 0; step < 8 && !(await warning.isVisible()); step++) {
      await page.clock.runFor(500);
      await page.waitForTimeout(50);
    }
    expect(await warning.getByRole('heading').innerText()).toBe('Du bliver logget ud om 60 sekunder');
    await checkA11y(page, 'the idle warning');
    await screenshot(page, 'advarsel-inaktivitet');

    await warning.getByRole('button', { name: 'Forbliv logget ind' }).click();
    await warning.waitFor({ state: 'hidden' });
    await page.clock.runFor((IDLE_SECONDS - 61) * 1000);
    expect(await warning.isVisible()).toBe(false);

    await page.clock.runFor(62_000);
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByText('Du er blevet logget ud, fordi du ikke har været aktiv i 5 minutter.').isVisible()).toBe(true);
    expect(await sessionToken(page)).toBeUndefined();
    // The portal ended the session on the server too, not only in the browser.
    for (let tries = 0; tries < 20 && (await suite.app.request('GET', '/api/v1/me', { token })).status !== 401; tries++) await page.waitForTimeout(100);
    expect((await suite.app.request('GET', '/api/v1/me', { token })).status).toBe(401);
    await checkA11y(page, 'Log ind after the idle logout');
  });

  it('a session that ends on the server mid-work leads to "Log ind" with a message, and back to the page after logging in', async () => {
    const { page } = suite;
    await page.goto('/mine-sider');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await logIn(page, 'revisor');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    const token = await sessionToken(page);
    suite.app.secret(token!);
    // Ended elsewhere (another tab's "Log ud", or an administrator): the next call the page makes answers 401.
    expect((await suite.app.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min profil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByText('Du er blevet logget ud. Log ind igen for at fortsætte').isVisible()).toBe(true);
    await checkA11y(page, 'Log ind after a 401');

    await logIn(page, 'revisor');
    await page.getByRole('heading', { level: 1, name: 'Min profil' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/min-profil');
    await page.locator('.profile-list').getByText('Rikke Revisor', { exact: true }).waitFor();
    await checkA11y(page, 'Min profil after logging in again');
    await screenshot(page, 'min-profil');
  });
});
