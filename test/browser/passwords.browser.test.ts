/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/app.js';
import { checkA11y, describeInBrowser, logIn, screenshot } from '../support/browser.js';
import { linkIn, readDroppedMail } from '../support/mail.js';

const DAY = 86_400_000;

/** The requirement list as the page shows it: each requirement and whether it is ticked off. */
const requirements = (page: Page) =>
  page.locator('#password-requirements li').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-met') === 'true' ? '✓' : '✗'} ${item.childNodes[1]?.textContent}`));

describeInBrowser('The portal: passwords by e-mailed link, and the forced change (PORTAL.md "/adgangskode", user guide p. 8)', { PASSWORD_MAX_AGE_DAYS: '90' }, (suite) => {
  /**
   * Does `action`, then waits for the e-mail it sends to `to` (the service sends reset e-mails after answering) and
   * answers the path of its link on this test server.
   */
  async function linkMailedBy(action: () => Promise<unknown>, to: string, subject: RegExp): Promise<string> {
    const before = new Set((await readDroppedMail(suite.app.mailDir)).map((message) => message.file));
    await action();
    let mail;
    for (const started = Date.now(); !mail && Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 100))) {
      mail = (await readDroppedMail(suite.app.mailDir)).find((message) => !before.has(message.file) && message.to.includes(to) && subject.test(message.subject));
    }
    if (!mail) throw new Error(`no e-mail to ${to} about ${subject}`);
    const link = new URL(linkIn(mail.text)!);
    expect(link.pathname).toBe('/adgangskode');
    expect(link.search).toBe('');
    expect(link.hash).toMatch(/^#token=[A-Za-z0-9_-]{20,}$/);
    suite.app.secret(link.hash.slice('#token='.length));
    return `${link.pathname}${link.hash}`;
  }

  it('forgotten password: the request page answers neutrally, the e-mailed link opens the form, the policy shows live, and the new password logs in', async () => {
    const { page } = suite;
    await page.goto('/log-ind');
    await page.getByRole('link', { name: 'Glemt adgangskode?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Glemt adgangskode?' }).waitFor();
    await checkA11y(page, 'Glemt adgangskode');
    await page.getByLabel('Brugernavn').fill('sagsbehandler.kbh');
    const path = await linkMailedBy(
      async () => {
        await page.getByRole('button', { name: 'Send link' }).click();
        await page.getByText('Hvis brugernavnet findes, har vi sendt en e-mail').waitFor();
      },
      'sagsbehandler.kbh@demo.invalid',
      /Nulstil din adgangskode/,
    );
    await checkA11y(page, 'Glemt adgangskode, sent');

    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Vælg adgangskode' }).waitFor();
    expect(await requirements(page)).toEqual(['✗ Mindst 12 og højst 128 tegn', '✗ Ikke en af de mest almindelige adgangskoder']);
    const newPassword = page.getByLabel('Ny adgangskode', { exact: true });
    await newPassword.fill('kort');
    expect(await requirements(page)).toEqual(['✗ Mindst 12 og højst 128 tegn', '✓ Ikke en af de mest almindelige adgangskoder']);
    await newPassword.fill('Scandinavian');
    expect(await requirements(page)).toEqual(['✓ Mindst 12 og højst 128 tegn', '✗ Ikke en af de mest almindelige adgangskoder']);
    await checkA11y(page, 'Vælg adgangskode');
    await screenshot(page, 'vaelg-adgangskode');

    const chosen = 'grøn kaffe på tirsdage';
    suite.app.secret(chosen);
    await newPassword.fill(chosen);
    expect(await requirements(page)).toEqual(['✓ Mindst 12 og højst 128 tegn', '✓ Ikke en af de mest almindelige adgangskoder']);
    await page.getByLabel('Gentag ny adgangskode').fill(`${chosen}!`);
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await page.getByText('De to adgangskoder er ikke ens.').first().waitFor();
    await page.getByLabel('Gentag ny adgangskode').fill(chosen);
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();

    await page.getByText('Din adgangskode er gemt. Log ind med din nye adgangskode.').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await logIn(page, 'sagsbehandler.kbh', chosen);
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();

    // The link was used: opened again it explains itself instead of failing silently.
    const again = await suite.newPage();
    await again.goto(path);
    await again.getByLabel('Ny adgangskode', { exact: true }).fill('endnu en ny adgangskode');
    await again.getByLabel('Gentag ny adgangskode').fill('endnu en ny adgangskode');
    await again.getByRole('button', { name: 'Gem adgangskode' }).click();
    await again.getByRole('heading', { name: 'Linket virker ikke længere' }).waitFor();
    expect(await again.getByRole('link', { name: 'Bed om et nyt link' }).isVisible()).toBe(true);
    await checkA11y(again, 'Vælg adgangskode, used link');
  });

  it("the server's refusal of a password is shown in Danish next to the field (a password containing the username)", async () => {
    const { page } = suite;
    const path = await linkMailedBy(
      () => suite.app.request('POST', '/api/v1/auth/password-reset-requests', { body: { username: 'bestiller.kbh' } }),
      'bestiller.kbh@demo.invalid',
      /Nulstil din adgangskode/,
    );
    await page.goto(path);
    // The page cannot know whose link it is, so only the service can find the username in the password.
    const containsUsername = 'mit-bestiller.kbh-kodeord';
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(containsUsername);
    await page.getByLabel('Gentag ny adgangskode').fill(containsUsername);
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Adgangskoden må ikke indeholde dit brugernavn.');
    expect(await page.locator('#newPassword-error').innerText()).toContain('Adgangskoden må ikke indeholde dit brugernavn.');
    expect(await page.content()).not.toContain('PASSWORD_CONTAINS_USERNAME');
    await checkA11y(page, 'Vælg adgangskode, refused');
  });

  it('a new user created by the administrator gets an invitation, chooses a password from the link and logs in', async () => {
    const { page } = suite;
    const admin = await suite.app.login('admin');
    const path = await linkMailedBy(
      async () => {
        const created = await suite.app.request('POST', '/api/v1/users', {
          token: admin,
          body: { username: 'visitator.kbh', name: 'Vera Visitator', email: 'vera@example.invalid', role: 'caseworker', municipalityId: '101', grantAreas: ['Stomi'] },
        });
        expect(created.status).toBe(201);
        expect(created.body.invitation).toBe('sent');
      },
      'vera@example.invalid',
      /Velkommen til e-bevilling/,
    );
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Vælg adgangskode' }).waitFor();
    // A reload of the link's page (a deep link with its fragment) opens the same form.
    await page.reload();
    const chosen = 'min første adgangskode her';
    suite.app.secret(chosen);
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(chosen);
    await page.getByLabel('Gentag ny adgangskode').fill(chosen);
    await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await page.getByText('Din adgangskode er gemt.').waitFor();
    await logIn(page, 'visitator.kbh', chosen);
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    expect(await page.locator('.portal-user .user').innerText()).toBe('Vera Visitator, Sagsbehandler');
  });

  it('a password older than the maximum age must be changed before anything else opens', async () => {
    const { page } = suite;
    suite.clock.advance(91 * DAY);
    await page.goto('/min-profil');
    await logIn(page, 'sygeplejerske.kbh', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Skift adgangskode' }).waitFor();
    // Only the reason that applies: an expired password, not a one-time one.
    expect(await page.getByText('Din adgangskode er udløbet. Vælg en ny adgangskode, før du fortsætter.').isVisible()).toBe(true);
    expect(await page.getByText('engangsadgangskode').count()).toBe(0);
    // The username is known here, so that requirement shows live too.
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('sygeplejerske.kbh-2026');
    expect(await requirements(page)).toEqual([
      '✓ Mindst 12 og højst 128 tegn',
      '✓ Ikke en af de mest almindelige adgangskoder',
      '✗ Må ikke indeholde dit brugernavn',
    ]);
    await checkA11y(page, 'Skift adgangskode (forced)');
    await screenshot(page, 'skift-adgangskode');

    await page.goto('/mine-sider');
    await page.getByRole('heading', { level: 1, name: 'Skift adgangskode' }).waitFor();

    const chosen = 'blå cykel i regnvejr';
    suite.app.secret(chosen);
    await page.getByLabel('Nuværende adgangskode').fill('not my password at all');
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(chosen);
    await page.getByLabel('Gentag ny adgangskode').fill(chosen);
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await page.getByText('Din nuværende adgangskode er forkert.').first().waitFor();

    await page.getByLabel('Nuværende adgangskode').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
    expect(await page.locator('.portal-user .user').innerText()).toBe('Signe Sygeplejerske, Sygeplejerske');
  });
});
