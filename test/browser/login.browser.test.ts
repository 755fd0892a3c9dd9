/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.js';
import { ACCEPT_AND_LOG_IN, checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describeInBrowser('The portal: logging in and out (PORTAL.md "Log ind", user guide p. 1)', {}, (suite) => {
  it('a caseworker who accepts the terms and logs in reaches "Mine sider" with her name and role in the header', async () => {
    const { page } = suite;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/log-ind');
    await page.getByText('(version 2026-01)').waitFor();
    await checkA11y(page, 'Log ind');
    await screenshot(page, 'log-ind');

    await logIn(page, 'sagsbehandler.kbh');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mine-sider');
    expect(await page.locator('.portal-user .user').innerText()).toBe('Sara Sagsbehandler, Sagsbehandler');
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      'Mine sider',
      'Brugere',
      'Produkter',
      'Min profil',
    ]);
    await expect(page.getByRole('search').getByLabel('Søg produkter (varenummer eller fritekst)').isVisible()).resolves.toBe(true);
    await checkA11y(page, 'Mine sider');
    await screenshot(page, 'mine-sider');
  });

  it('a wrong password is told in Danish in the error summary, which takes the focus', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    await logIn(page, 'bestiller.kbh', 'not the password at all');
    const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Brugernavn eller adgangskode er forkert.');
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.content()).not.toContain('INVALID_CREDENTIALS');
    await checkA11y(page, 'Log ind with an error');
    await screenshot(page, 'log-ind-fejl');
  });

  it('an empty form is refused before anything is sent, with a message at each field', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    await page.getByRole('button', { name: ACCEPT_AND_LOG_IN }).click();
    await page.getByText('Der er et problem').waitFor();
    const fieldMessages = (await page.locator('.form-error-message').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    expect(fieldMessages).toEqual(['Fejl: Udfyld dit brugernavn.', 'Fejl: Udfyld din adgangskode.']);
    await page.getByRole('link', { name: 'Udfyld din adgangskode.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await checkA11y(page, 'Log ind, empty');
  });

  it('the fifth wrong password in a row locks the account, and the page says so and what to do', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await logIn(page, 'sagsbehandler.aar', `wrong password ${attempt}`);
      await page.getByText('Brugernavn eller adgangskode er forkert.').waitFor();
    }
    await logIn(page, 'sagsbehandler.aar', 'wrong password 5');
    const locked = page.getByRole('alert').filter({ hasText: 'Din konto er låst' });
    await locked.waitFor();
    expect(await locked.innerText()).toMatch(/Din konto er låst til \d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2} efter for mange forkerte forsøg/);
    expect(await focusedText(page)).toContain('Din konto er låst');
    await checkA11y(page, 'Log ind, locked');
  });

  it('the terms page shows the text of the version a login accepts, in Danish', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    await page.getByRole('main').getByRole('link', { name: 'brugervilkår & privatlivspolitik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugervilkår og privatlivspolitik for e-bevilling' }).waitFor();
    expect(await page.getByText('Version 2026-01').isVisible()).toBe(true);
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings).toEqual(expect.arrayContaining(['Formål', 'Dataansvarlig og databehandler', 'Hvad bliver logget', 'Dine rettigheder', 'Kontakt']));
    expect(await page.getByText('Kommunen er dataansvarlig').isVisible()).toBe(true);
    await checkA11y(page, 'Brugervilkår');
    await screenshot(page, 'brugervilkaar');
  });

  it('by keyboard alone: log in with Tab and Enter, then log out with Space', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await tabTo(page, page.getByLabel('Brugernavn'));
    await page.keyboard.type('bestiller.kbh');
    await tabTo(page, page.getByLabel('Adgangskode', { exact: true }));
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, page.getByRole('button', { name: ACCEPT_AND_LOG_IN }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    expect(await page.locator('.portal-user .user').innerText()).toBe('Bent Bestiller, Bestiller');

    await tabTo(page, page.locator('.portal-user').getByRole('button', { name: 'Log ud' }));
    await page.keyboard.press('Space');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByText('Du er nu logget ud.').isVisible()).toBe(true);
    await checkA11y(page, 'Log ind after logout');
  });

  it('"Log ud" ends the session on the server too: the page behind login asks for a login again', async () => {
    const { page } = suite;
    await page.goto('/min-profil');
    await logIn(page, 'sygeplejerske.kbh');
    await page.getByRole('heading', { level: 1, name: 'Min profil' }).waitFor();
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('e-bevilling.session') ?? '{}').token as string);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    suite.app.secret(token);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    await page.locator('.portal-user').getByRole('button', { name: 'Log ud' }).click();
    await page.getByText('Du er nu logget ud.').waitFor();
    expect((await suite.app.request('GET', '/api/v1/me', { token })).status).toBe(401);
    expect(await page.evaluate(() => sessionStorage.getItem('e-bevilling.session'))).toBeNull();
    await page.goto('/mine-sider');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
  });

  it('a reload of a page deep in the app opens that page again, and unknown addresses say so', async () => {
    const { page } = suite;
    await page.goto('/min-profil');
    await logIn(page, 'kundeservice');
    await page.getByRole('heading', { level: 1, name: 'Min profil' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Min profil' }).waitFor();
    expect(await page.getByText('kundeservice', { exact: true }).isVisible()).toBe(true);
    await checkA11y(page, 'Min profil');

    await page.goto('/borgere?name=Olsen');
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    expect(await page.getByRole('main').getByLabel('Navn').inputValue()).toBe('Olsen');
    await checkA11y(page, 'Brugere (a deep link)');

    await page.goto('/ingen/side/her');
    await page.getByRole('heading', { level: 1, name: 'Siden findes ikke' }).waitFor();
  });
});
