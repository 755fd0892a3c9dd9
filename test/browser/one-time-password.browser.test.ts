/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { openRecord } from '../support/brugerdata.js';
import { registerCitizen, type TestCitizen } from '../support/citizens.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

describeInBrowser('The portal: "Giv engangsadgangskode" — a webshop login for a citizen with no e-mail address (user guide p. 8)', {}, (suite) => {
  const citizens: Record<string, TestCitizen> = {};

  beforeAll(async () => {
    const caseworker = await suite.app.login('sagsbehandler.kbh');
    citizens.none = await registerCitizen(suite.app, caseworker, '110681', { firstName: 'Engang', lastName: 'Uden-Mail' });
    citizens.keyboard = await registerCitizen(suite.app, caseworker, '120681', { firstName: 'Tast', lastName: 'Engangsen' });
    citizens.mail = await registerCitizen(suite.app, caseworker, '130681', { firstName: 'Med', lastName: 'Mailsen', email: 'med.mailsen@borger.invalid' });
    citizens.phone = await registerCitizen(suite.app, caseworker, '140681', { firstName: 'Telefon', lastName: 'Uden-Mail' });
  }, 120_000);

  it('a caseworker gives it and sees it once; the citizen logs in with it in a browser of their own, must change it, and is logged in', async () => {
    const { page } = suite;
    await openRecord(page, 'sagsbehandler.kbh', 'Engang Uden-Mail');
    // No e-mail address: no link to send, the one-time password instead.
    expect(await page.getByRole('button', { name: 'Nulstil adgangskode' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Giv engangsadgangskode …' }).click();
    const modal = page.getByRole('dialog', { name: 'Giv borgeren en engangsadgangskode?' });
    await modal.waitFor();
    await checkA11y(page, 'Giv engangsadgangskode, confirm');
    await modal.getByRole('button', { name: 'Ja, giv engangsadgangskode' }).click();
    const shown = page.getByRole('dialog', { name: 'Engangsadgangskode' });
    await shown.waitFor();
    const password = (await shown.getByTestId('one-time-password').innerText()).trim();
    suite.app.secret(password);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const username = citizens.none!.cpr;
    expect(await shown.innerText()).toContain(username);
    expect(await shown.innerText()).toContain('Borgeren skal skifte adgangskoden, første gang borgeren logger ind i webshoppen.');
    await checkA11y(page, 'Giv engangsadgangskode, shown');
    await screenshot(page, 'engangsadgangskode', { fullPage: false });
    await shown.getByRole('button', { name: 'Færdig' }).click();
    await shown.waitFor({ state: 'hidden' });
    // Shown once: gone from the page when the modal is closed.
    expect(await page.content()).not.toContain(password);

    // The service is the oracle: who gave it is on the citizen's stream.
    const events = await suite.app.infra.eventStore.readStream(`citizen-${citizens.none!.citizenId}`);
    expect(events.filter((event) => event.type === 'CitizenWebshopOneTimePasswordIssued').map((event) => (event.metadata as { actor: { role: string } }).actor.role)).toEqual([
      'caseworker',
    ]);

    const citizen = await suite.newPage();
    await citizen.goto('/log-ind');
    await logIn(citizen, username, password);
    await citizen.getByRole('heading', { level: 1, name: 'Skift adgangskode' }).waitFor();
    await checkA11y(citizen, 'Skift adgangskode, one-time password');
    // Only the reason that applies: a one-time password, not an expired one.
    expect(await citizen.getByText('Du er logget ind med en engangsadgangskode. Vælg din egen adgangskode, før du fortsætter.').isVisible()).toBe(true);
    expect(await citizen.getByText('udløbet').count()).toBe(0);
    const chosen = 'mit eget lange kodeord 2026';
    suite.app.secret(chosen);
    await citizen.getByLabel('Nuværende adgangskode').fill(password);
    await citizen.getByLabel('Ny adgangskode', { exact: true }).fill(chosen);
    await citizen.getByLabel('Gentag ny adgangskode').fill(chosen);
    await citizen.getByRole('button', { name: 'Skift adgangskode' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    expect(await citizen.locator('.portal-user .user').innerText()).toContain('Engang Uden-Mail');

    const login = (secret: string) => suite.app.request('POST', '/api/v1/auth/login', { body: { username, password: secret, acceptTerms: true } });
    expect((await login(password)).status).toBe(401);
    expect((await login(chosen)).body.mustChangePassword).toBe(false);
  });

  it('a citizen with an e-mail address gets the link as before, not a one-time password', async () => {
    const { page } = suite;
    await openRecord(page, 'kundeservice', 'Med Mailsen');
    expect(await page.getByRole('button', { name: 'Nulstil adgangskode' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Giv engangsadgangskode …' }).count()).toBe(0);
  });

  it('by keyboard alone: open the modal, regret, open it again, give the password and close it', async () => {
    const { page } = suite;
    await openRecord(page, 'kundeservice', 'Tast Engangsen');
    const open = page.getByRole('button', { name: 'Giv engangsadgangskode …' });
    await tabTo(page, open, 60);
    await page.keyboard.press('Enter');
    const modal = page.getByRole('dialog', { name: 'Giv borgeren en engangsadgangskode?' });
    await modal.waitFor();
    await tabTo(page, modal.getByRole('button', { name: 'Fortryd' }));
    await page.keyboard.press('Enter');
    await modal.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Giv engangsadgangskode …');
    const events = () => suite.app.infra.eventStore.readStream(`citizen-${citizens.keyboard!.citizenId}`);
    expect((await events()).map((event) => event.type)).not.toContain('CitizenWebshopOneTimePasswordIssued');

    await page.keyboard.press('Enter');
    await modal.waitFor();
    await tabTo(page, modal.getByRole('button', { name: 'Ja, giv engangsadgangskode' }));
    await page.keyboard.press('Enter');
    const shown = page.getByRole('dialog', { name: 'Engangsadgangskode' });
    await shown.waitFor();
    suite.app.secret((await shown.getByTestId('one-time-password').innerText()).trim());
    await tabTo(page, shown.getByRole('button', { name: 'Færdig' }));
    await page.keyboard.press('Enter');
    await shown.waitFor({ state: 'hidden' });
    expect((await events()).filter((event) => event.type === 'CitizenWebshopOneTimePasswordIssued')).toHaveLength(1);
    expect((await events()).at(-1)?.metadata).toMatchObject({ actor: { role: 'customer_service' } });
  });

  it("the issue's walk-through: a citizen without e-mail gets a one-time password, logs in on a phone, changes it, orders within the caps and sees the bell", async () => {
    const { page } = suite;
    const caseworker = await suite.app.login('sagsbehandler.kbh');
    const found = await suite.app.request('GET', `/api/v1/products?q=${encodeURIComponent('Lyngby Cath Kvinde CH 12')}`, { token: caseworker });
    const product = found.body.items[0] as { itemNumber: string; name: string };
    const granted = await suite.app.request('POST', `/api/v1/citizens/${citizens.phone!.citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: product.itemNumber, grantArea: 'Kateter', kind: 'continuous', allowance: { grantedMax: 2, periodMonths: 12, salesUnitsPerOrder: 2 } },
    });
    expect(granted.status).toBe(201);

    await openRecord(page, 'sagsbehandler.kbh', 'Telefon Uden-Mail');
    await page.getByRole('button', { name: 'Giv engangsadgangskode …' }).click();
    await page.getByRole('dialog', { name: 'Giv borgeren en engangsadgangskode?' }).getByRole('button', { name: 'Ja, giv engangsadgangskode' }).click();
    const shown = page.getByRole('dialog', { name: 'Engangsadgangskode' });
    const password = (await shown.getByTestId('one-time-password').innerText()).trim();
    suite.app.secret(password);
    await shown.getByRole('button', { name: 'Færdig' }).click();

    // The citizen, on a phone-sized window of their own.
    const phone = await suite.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/log-ind');
    await logIn(phone, citizens.phone!.cpr, password);
    await phone.getByRole('heading', { level: 1, name: 'Skift adgangskode' }).waitFor();
    const chosen = 'telefonens eget kodeord 2026';
    suite.app.secret(chosen);
    await phone.getByLabel('Nuværende adgangskode').fill(password);
    await phone.getByLabel('Ny adgangskode', { exact: true }).fill(chosen);
    await phone.getByLabel('Gentag ny adgangskode').fill(chosen);
    await phone.getByRole('button', { name: 'Skift adgangskode' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();

    await phone.goto('/min-bevilling');
    await phone.getByLabel(`Bestil ${product.name}`).check();
    expect(await phone.getByLabel('Antal salgsenheder').inputValue()).toBe('2');
    await phone.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
    await phone.getByRole('dialog', { name: 'Indkøbskurv' }).getByRole('button', { name: 'Bestil varer' }).click();
    await phone.locator('.order-confirmation').waitFor();
    const bell = phone.locator('.next-order-date-blocked');
    await bell.waitFor();
    const grant = await suite.app.request('GET', `/api/v1/citizens/${citizens.phone!.citizenId}/grant`, { token: caseworker });
    const line = grant.body.areas[0].lines[0] as { remaining: number; nextOrderDate: string };
    expect(line.remaining).toBe(0);
    expect((await bell.innerText()).replace(/\s+/g, ' ')).toContain(line.nextOrderDate.split('-').reverse().join('.'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkA11y(phone, 'Min bevilling on a phone, the bell');
  });
});
