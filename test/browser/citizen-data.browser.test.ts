/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { givePurpose } from '../support/brugerdata.js';
import { addGrantLine, registerCitizen, type TestCitizen } from '../support/citizens.js';
import { readDroppedMail } from '../support/mail.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

const FULL_CPR = /\d{6}-\d{4}/;

/** "Brugere" as `username`, the citizen found by name, and their "Brugerdata" opened from the row. */
async function openCitizenData(page: Page, username: string, name: string): Promise<void> {
  await page.goto(`/borgere?name=${encodeURIComponent(name)}`);
  await logIn(page, username);
  await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
  await page.getByRole('link', { name: `Brugerdata for ${name}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Brugerdata' }).waitFor();
}

/** The record's facts as shown: label → value. */
const facts = (page: Page) =>
  page.locator('main dl.profile-list').evaluate((dl) => {
    const entries: Record<string, string> = {};
    dl.querySelectorAll('dt').forEach((dt) => (entries[dt.textContent ?? ''] = (dt.nextElementSibling?.textContent ?? '').trim()));
    return entries;
  });

describeInBrowser(
  'The portal: "Brugerdata" — a citizen\'s data, contact details, status and webshop password (PORTAL.md, user guide p. 8)',
  {},
  (suite) => {
    let caseworker: string;
    const citizens: Record<string, TestCitizen> = {};

    beforeAll(async () => {
      caseworker = await suite.app.login('sagsbehandler.kbh');
      citizens.phone = await registerCitizen(suite.app, caseworker, '010562', { firstName: 'Telefon', lastName: 'Skifter', phone: '11111111' });
      citizens.ended = await registerCitizen(suite.app, caseworker, '020562', { firstName: 'Ophører', lastName: 'Bevillingsen' });
      await addGrantLine(suite.app, caseworker, citizens.ended.citizenId, '206002', 'Stomi');
      citizens.moved = await registerCitizen(suite.app, caseworker, '030562', { firstName: 'Flytter', lastName: 'Væksen' });
      citizens.orderer = await registerCitizen(suite.app, caseworker, '040562', { firstName: 'Bestilt', lastName: 'Adressesen' });
      citizens.keyboard = await registerCitizen(suite.app, caseworker, '050562', { firstName: 'Tastatur', lastName: 'Tabulatorsen' });
    }, 180_000);

    it('the purpose of the look-up is asked before the full CPR number shows, and the look-up is recorded with it', async () => {
      const { page } = suite;
      await openCitizenData(page, 'sagsbehandler.kbh', 'Inger Kristensen');
      expect(await page.getByRole('main').innerText()).not.toMatch(FULL_CPR);
      expect(page.url()).toMatch(/\/borgere\/[0-9a-f-]{36}\/brugerdata$/);
      await checkA11y(page, 'Brugerdata, the purpose');
      await screenshot(page, 'brugerdata-formaal');

      await page.getByRole('button', { name: 'Vis brugerdata' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await summary.innerText()).toContain('Vælg formålet med opslaget.');
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      await page.getByRole('radio', { name: 'Andet' }).check();
      await page.getByRole('button', { name: 'Vis brugerdata' }).click();
      await page.getByText('Skriv formålet med opslaget.').first().waitFor();
      expect(await page.getByRole('main').innerText()).not.toMatch(FULL_CPR);
      await page.getByLabel('Beskriv formålet').fill('Klage over levering');
      await page.getByRole('button', { name: 'Vis brugerdata' }).click();

      await page.getByRole('heading', { level: 2, name: 'Inger Kristensen' }).waitFor();
      const shown = await facts(page);
      expect(shown).toMatchObject({ 'CPR-nummer': expect.stringMatching(/^111141-\d{4}$/), Fødselsdato: '11.11.1941', Køn: 'Kvinde', Status: 'Aktiv', 'Aktive bevillingsområder': 'Stomi' });
      expect(shown['Brugernavn til webshop']).toBe(shown['CPR-nummer']!.replace('-', ''));
      expect(page.url()).not.toMatch(/\d{10}|Klage/);
      await checkA11y(page, 'Brugerdata');
      await screenshot(page, 'brugerdata');

      const citizenId = new URL(page.url()).pathname.split('/')[2]!;
      const log = await suite.app.request('GET', `/api/v1/citizens/${citizenId}/access-log`, { token: await suite.app.login('revisor') });
      expect(log.body[0]).toMatchObject({ purpose: 'Klage over levering', role: 'caseworker', fullCprShown: true });
    });

    it('a nurse changes the phone number, and sees the new one when she opens the data again', async () => {
      const { page } = suite;
      await openCitizenData(page, 'sygeplejerske.kbh', 'Telefon Skifter');
      await givePurpose(page, 'Telefon Skifter', 'Ændring af kontaktoplysninger');
      const phone = page.getByRole('textbox', { name: 'Telefon' });
      expect(await phone.inputValue()).toBe('11111111');
      // A nurse changes status, but does not reset webshop passwords.
      expect(await page.getByRole('heading', { name: 'Status', exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Nulstil adgangskode' }).count()).toBe(0);
      await phone.fill('22 33 44 55');
      await page.getByRole('button', { name: 'Gem data' }).click();
      await page.getByText('Kontaktoplysningerne er gemt.').waitFor();

      await page.getByRole('link', { name: 'Tilbage' }).click();
      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      await page.getByRole('link', { name: 'Brugerdata for Telefon Skifter' }).click();
      await givePurpose(page, 'Telefon Skifter', 'Henvendelse fra borger');
      expect(await page.getByRole('textbox', { name: 'Telefon' }).inputValue()).toBe('22 33 44 55');
    });

    it('"Bevilling ophørt" is confirmed in a pop-up that says what happens; then every line is inactive and the citizen is found by that status', async () => {
      const { page } = suite;
      await openCitizenData(page, 'sagsbehandler.kbh', 'Ophører Bevillingsen');
      await givePurpose(page, 'Ophører Bevillingsen', 'Ændring af bevilling');
      expect((await facts(page))['Aktive bevillingsområder']).toBe('Stomi');
      await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Bevilling ophørt' });
      await page.getByRole('button', { name: 'Skift status …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Skift status til "Bevilling ophørt"?' });
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('Alle aktive varer på borgerens bevilling bliver inaktive med det samme.');
      await checkA11y(page, 'Brugerdata, confirming a status change');
      await screenshot(page, 'brugerdata-status', { fullPage: false });

      // "Fortryd" changes nothing.
      await dialog.getByRole('button', { name: 'Fortryd' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await facts(page)).Status).toBe('Aktiv');

      await page.getByRole('button', { name: 'Skift status …' }).click();
      await dialog.getByRole('button', { name: 'Ja, skift status' }).click();
      await page.getByText('Borgerens status er ændret til "Bevilling ophørt". Alle aktive varer på bevillingen er gjort inaktive.').waitFor();
      await page.waitForFunction(() => document.querySelector('main dl.profile-list')?.textContent?.includes('Bevilling ophørt'));
      expect(await facts(page)).toMatchObject({ Status: 'Bevilling ophørt', 'Aktive bevillingsområder': 'Ingen' });
      await checkA11y(page, 'Brugerdata, status changed');

      const grant = await suite.app.request('GET', `/api/v1/citizens/${citizens.ended!.citizenId}/grant?includeInactive=true`, { token: caseworker });
      expect(grant.body.areas.flatMap((area: { lines: { status: string }[] }) => area.lines.map((line) => line.status))).toEqual(['INACTIVE']);

      await page.getByRole('link', { name: 'Tilbage' }).click();
      await page.getByRole('main').getByLabel('Borgerstatus').selectOption({ label: 'Bevilling ophørt' });
      await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
      await page.waitForURL(/status=GRANT_ENDED/);
      await page.getByRole('cell', { name: 'Ophører Bevillingsen', exact: true }).waitFor();
    });

    it('"Fraflyttet" takes the citizen out of the municipality\'s views at once: back on the search, they are not found', async () => {
      const { page } = suite;
      await openCitizenData(page, 'sagsbehandler.kbh', 'Flytter Væksen');
      await givePurpose(page, 'Flytter Væksen', 'Ændring af bevilling');
      await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Fraflyttet' });
      await page.getByRole('button', { name: 'Skift status …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Skift status til "Fraflyttet"?' });
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('Borgeren og bevillingen fjernes med det samme fra kommunens oversigter og søgninger.');
      expect(await dialog.innerText()).toContain('ordrer, der endnu ikke er afsendt, annulleres');
      await dialog.getByRole('button', { name: 'Ja, skift status' }).click();

      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/borgere');
      await page.getByText('Borgerens status er ændret til "Fraflyttet". Borgeren og bevillingen er fjernet fra kommunens oversigter.').waitFor();
      await page.getByRole('main').getByLabel('Navn').fill('Flytter Væksen');
      await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByRole('heading', { name: 'Ingen borgere fundet' }).waitFor();
      await checkA11y(page, 'Brugere after a removal');
    });

    it('an orderer changes the address (within the municipality only) but has no status change, and no "Opret ny borger …"', async () => {
      const { page } = suite;
      await openCitizenData(page, 'bestiller.kbh', 'Bestilt Adressesen');
      await givePurpose(page, 'Bestilt Adressesen', 'Bestilling');
      expect(await page.getByRole('heading', { name: 'Status', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Skift status …' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Nulstil adgangskode' }).count()).toBe(0);

      await page.getByRole('textbox', { name: 'Adresse' }).fill('Bakkevej 3');
      await page.getByRole('textbox', { name: 'Postnummer' }).fill('8000');
      await page.getByRole('textbox', { name: 'By' }).fill('Aarhus C');
      await page.getByRole('button', { name: 'Gem data' }).click();
      await page.locator('#contact-postalCode-error').waitFor();
      expect(await page.locator('#contact-postalCode-error').innerText()).toContain('Postnummeret ligger uden for borgerens kommune.');
      await checkA11y(page, 'Brugerdata, address refused');

      await page.getByRole('textbox', { name: 'Postnummer' }).fill('2300');
      await page.getByRole('textbox', { name: 'By' }).fill('København S');
      await page.getByRole('button', { name: 'Gem data' }).click();
      await page.getByText('Kontaktoplysningerne er gemt.').waitFor();
      const record = await suite.app.request('GET', `/api/v1/citizens/${citizens.orderer!.citizenId}?purpose=Kontrol i test`, { token: caseworker });
      expect(record.body.address).toEqual({ street: 'Bakkevej 3', postalCode: '2300', city: 'København S' });

      await page.getByRole('link', { name: 'Tilbage' }).click();
      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      expect(await page.getByRole('button', { name: 'Opret ny borger …' }).count()).toBe(0);
    });

    it('a citizen without an e-mail address is offered a one-time password, not a link; with one, the link is sent', async () => {
      const { page } = suite;
      await openCitizenData(page, 'sagsbehandler.kbh', 'Poul Erik Jensen');
      await givePurpose(page, 'Poul Erik Jensen', 'Henvendelse fra borger');
      await page.getByRole('main').getByText('Borgeren har ingen e-mailadresse, så der kan ikke sendes et link.').waitFor();
      await page.getByRole('button', { name: 'Giv engangsadgangskode …' }).waitFor();
      expect(await page.getByRole('button', { name: 'Nulstil adgangskode' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Giv engangsadgangskode …' }).count()).toBe(1);
      await checkA11y(page, 'Brugerdata, no e-mail address');

      await page.getByRole('link', { name: 'Tilbage' }).click();
      // Back on the search ("Brugerdata" has a "Navn" form of its own).
      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      await page.getByRole('main').getByLabel('Navn', { exact: true }).fill('Inger Kristensen');
      await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByRole('link', { name: 'Brugerdata for Inger Kristensen' }).click();
      await givePurpose(page, 'Inger Kristensen', 'Henvendelse fra borger');
      await page.getByRole('button', { name: 'Nulstil adgangskode' }).click();
      await page.getByText('Linket er sendt til borgerens e-mailadresse.').waitFor();
      let mail;
      for (const started = Date.now(); !mail && Date.now() - started < 10_000; await page.waitForTimeout(100)) {
        mail = (await readDroppedMail(suite.app.mailDir)).find((message) => message.to.includes('inger.kristensen@demo.invalid'));
      }
      expect(mail?.subject).toBe('Din adgang til webshoppen i e-bevilling');
    });

    it('an auditor sees the record, contact details included, and can change nothing', async () => {
      const { page } = suite;
      await openCitizenData(page, 'revisor', 'Grethe Olsen');
      await givePurpose(page, 'Grethe Olsen', 'Henvendelse fra borger');
      expect(await facts(page)).toMatchObject({ Adresse: 'Østerbrogade 88, 1. th., 2100 København Ø', Telefon: 'Ikke oplyst', Kommune: '101' });
      expect(await page.getByRole('main').getByRole('button').allInnerTexts()).toEqual([]);
      expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
      await checkA11y(page, 'Brugerdata, auditor');
    });

    it('by keyboard alone: find the citizen, open "Brugerdata", give the purpose, change the phone and save', async () => {
      const { page } = suite;
      await page.goto('/borgere');
      await logIn(page, 'sagsbehandler.kbh');
      await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
      const main = page.getByRole('main');
      await tabTo(page, main.getByLabel('Navn'), 40);
      await page.keyboard.type('Tabulatorsen');
      await page.keyboard.press('Enter');
      await page.waitForURL(/name=Tabulatorsen/);
      await tabTo(page, page.getByRole('link', { name: 'Brugerdata for Tastatur Tabulatorsen' }), 60);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Brugerdata' }).waitFor();

      await tabTo(page, page.getByRole('radio', { name: 'Bestilling' }));
      await page.keyboard.press('Space');
      expect(await page.getByRole('radio', { name: 'Bestilling' }).isChecked()).toBe(true);
      await tabTo(page, page.getByRole('button', { name: 'Vis brugerdata' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Tastatur Tabulatorsen' }).waitFor();

      await tabTo(page, page.getByRole('textbox', { name: 'Telefon' }), 40);
      await page.keyboard.type('99887766');
      await tabTo(page, page.getByRole('button', { name: 'Gem data' }));
      await page.keyboard.press('Enter');
      await page.getByText('Kontaktoplysningerne er gemt.').waitFor();
      const record = await suite.app.request('GET', `/api/v1/citizens/${citizens.keyboard!.citizenId}?purpose=Kontrol i test`, { token: caseworker });
      expect(record.body.phone).toBe('99887766');

      // The status change's pop-up too: opened with Enter, left with Escape, the focus back on its button.
      await tabTo(page, page.getByRole('combobox', { name: 'Status', exact: true }));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, page.getByRole('button', { name: 'Skift status …' }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /Skift status til/ });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Skift status …');
    });
  },
  { seedCitizens: true },
);
