/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn, screenshot } from '../support/browser.js';
import { registerCitizen, type TestCitizen } from '../support/citizens.js';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

const CITIZEN_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Logs in as the caseworker on "Brugere" and opens "Opret ny borger …". */
async function openCreate(page: Page): Promise<Locator> {
  await page.goto('/borgere');
  await logIn(page, 'sagsbehandler.kbh');
  await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
  await page.getByRole('button', { name: 'Opret ny borger …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Opret ny borger' });
  await dialog.waitFor();
  return dialog;
}

async function fill(dialog: Locator, fields: Record<string, string>): Promise<void> {
  // By the field's accessible name: the red star is for the eye, a screen reader hears "required" instead.
  for (const [label, value] of Object.entries(fields)) await dialog.getByRole('textbox', { name: label, exact: true }).fill(value);
}

const PERSON = { Fornavn: 'Ellen', Efternavn: 'Nyborg', Adresse: 'Nyvej 7, 2. th.', Postnummer: '2200', By: 'København N' };

const saveData = (dialog: Locator) => dialog.getByRole('button', { name: 'Gem data' }).click();

const summaryOf = (dialog: Locator) => dialog.getByRole('alert').filter({ hasText: 'Der er et problem' });

const fieldError = (dialog: Locator, id: string) => dialog.locator(`#${id}-error`).innerText();

describeInBrowser('The portal: "Opret ny borger …" (PORTAL.md, user guide p. 2)', {}, (suite) => {
  let existing: TestCitizen;
  let inAarhus: TestCitizen;

  beforeAll(async () => {
    existing = await registerCitizen(suite.app, await suite.app.login('sagsbehandler.kbh'), '150361', { firstName: 'Eksisterende', lastName: 'Borger' });
    inAarhus = await registerCitizen(suite.app, await suite.app.login('sagsbehandler.aar'), '160361', { firstName: 'Aarhus', lastName: 'Borger', postalCode: '8000', city: 'Aarhus C' });
  }, 180_000);

  it('a caseworker creates a citizen whose CPR number fails the check: confirmed as correct, saved, and on to the grant page', async () => {
    const { page } = suite;
    const dialog = await openCreate(page);
    await checkA11y(page, 'Opret ny borger');

    // The CPR number first: it is copied into "Brugernavn til webshop".
    const cpr = fictitiousCpr('121275', '2', { checksum: 'invalid' });
    await fill(dialog, { 'CPR-nummer': hyphenated(cpr) });
    expect(await dialog.getByLabel('Brugernavn til webshop').inputValue()).toBe(cpr);
    await fill(dialog, { ...PERSON, Telefon: '12345678' });
    await screenshot(page, 'opret-borger', { fullPage: false });
    await saveData(dialog);

    await summaryOf(dialog).waitFor();
    expect(await summaryOf(dialog).innerText()).toContain('Kontrollér CPR-nummeret. Er det rigtigt, så bekræft det og gem igen.');
    expect(await summaryOf(dialog).evaluate((element) => element === document.activeElement)).toBe(true);
    const confirm = dialog.getByLabel('CPR-nummeret er kontrolleret og korrekt');
    expect(await confirm.isChecked()).toBe(false);
    await checkA11y(page, 'Opret ny borger, CPR to be checked');

    // Saving again without the confirmation is refused before anything is sent.
    await saveData(dialog);
    await dialog.getByText('Kontrollér CPR-nummeret, og sæt flueben, hvis det er korrekt.').first().waitFor();
    await dialog.getByText('CPR-nummeret er kontrolleret og korrekt').click();
    await saveData(dialog);

    await page.waitForURL(new RegExp(`/borgere/${CITIZEN_ID}/bevilling$`));
    const citizenId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await page.getByRole('dialog', { name: 'Opret ny borger' }).isVisible()).toBe(false);
    const caseworker = await suite.app.login('sagsbehandler.kbh');
    const record = await suite.app.request('GET', `/api/v1/citizens/${citizenId}?purpose=Kontrol i test`, { token: caseworker });
    expect(record.body).toMatchObject({ cpr, firstName: 'Ellen', lastName: 'Nyborg', webshopUsername: cpr, phone: '12345678', email: null, address: { postalCode: '2200' } });
  });

  it('the red-star fields are required, and CPR numbers that cannot be one are explained at the field', async () => {
    const { page } = suite;
    const dialog = await openCreate(page);
    expect(await dialog.locator('label .required-mark').count()).toBe(6);
    await saveData(dialog);
    await summaryOf(dialog).waitFor();
    expect(await summaryOf(dialog).locator('li').allInnerTexts()).toEqual([
      'Udfyld CPR-nummeret.',
      'Udfyld fornavn.',
      'Udfyld efternavn.',
      'Udfyld adressen.',
      'Udfyld postnummeret.',
      'Udfyld byen.',
    ]);
    expect(await summaryOf(dialog).evaluate((element) => element === document.activeElement)).toBe(true);
    await checkA11y(page, 'Opret ny borger, empty');

    await fill(dialog, { ...PERSON, 'CPR-nummer': '12345' });
    await saveData(dialog);
    await dialog.getByText('CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).').first().waitFor();
    expect(await fieldError(dialog, 'new-cpr')).toContain('CPR-nummeret skal have 10 cifre');

    await fill(dialog, { 'CPR-nummer': '310299-1234' });
    await saveData(dialog);
    await dialog.getByText('De første seks cifre i CPR-nummeret er ikke en gyldig dato.').first().waitFor();

    // A postal code of another municipality is refused at the postal code.
    await fill(dialog, { 'CPR-nummer': fictitiousCpr('170361', '1', { checksum: 'valid' }), Postnummer: '8000', By: 'Aarhus C' });
    await saveData(dialog);
    await dialog.getByText('Postnummeret ligger uden for borgerens kommune.').first().waitFor();
    expect(await fieldError(dialog, 'new-postalCode')).toContain('Postnummeret ligger uden for borgerens kommune.');
    expect(await page.content()).not.toMatch(/CPR_FORMAT|CPR_DATE|ADDRESS_OUTSIDE_MUNICIPALITY/);
    await checkA11y(page, 'Opret ny borger, refused');

    // "Annullér" closes the pop-up and gives the focus back to the button that opened it.
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Opret ny borger …');
  });

  it('a CPR number already registered in the municipality says so and leads to that citizen', async () => {
    const { page } = suite;
    const dialog = await openCreate(page);
    await fill(dialog, { 'CPR-nummer': existing.cpr, ...PERSON });
    await saveData(dialog);
    await dialog.getByText('Der er allerede oprettet en borger med dette CPR-nummer.').first().waitFor();
    const link = dialog.getByRole('link', { name: 'Gå til borgeren, der allerede er oprettet' });
    expect(await link.getAttribute('href')).toBe(`/borgere/${existing.citizenId}/bevilling`);
    await checkA11y(page, 'Opret ny borger, already registered');
    await link.click();
    await page.waitForURL(`**/borgere/${existing.citizenId}/bevilling`);
  });

  it('a CPR number registered in another municipality says so, and nothing more', async () => {
    const { page } = suite;
    const dialog = await openCreate(page);
    await fill(dialog, { 'CPR-nummer': inAarhus.cpr, ...PERSON });
    await saveData(dialog);
    await dialog.getByText('CPR-nummeret er registreret i en anden kommune.').first().waitFor();
    expect(await dialog.getByRole('link', { name: /Gå til borgeren/ }).count()).toBe(0);
    const shown = await dialog.innerText();
    for (const secret of [inAarhus.citizenId, 'Aarhus', '751']) expect(shown).not.toContain(secret);
    await checkA11y(page, 'Opret ny borger, registered elsewhere');
  });
});
