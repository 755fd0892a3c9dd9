/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import { checkA11y, describeInBrowser, tabTo } from '../support/browser.js';
import { openRecord } from '../support/brugerdata.js';
import { registerCitizen, type TestCitizen } from '../support/citizens.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

describeInBrowser('The portal: "Brugerdata" — a citizen\'s name and webshop username corrected (user guide p. 8, "Opdatere alle borgerens data")', {}, (suite) => {
  const citizens: Record<string, TestCitizen> = {};
  let caseworker: string;

  beforeAll(async () => {
    caseworker = await suite.app.login('sagsbehandler.kbh');
    citizens.misspelt = await registerCitizen(suite.app, caseworker, '210781', { firstName: 'Karen', lastName: 'Jenssen' });
    citizens.login = await registerCitizen(suite.app, caseworker, '220781', { firstName: 'Bruger', lastName: 'Navnesen' });
  }, 120_000);

  const record = async (citizenId: string) => (await suite.app.request('GET', `/api/v1/citizens/${citizenId}?purpose=Test`, { token: await suite.app.login('sagsbehandler.kbh') })).body;

  it('a misspelt name is corrected; a blank one is refused in Danish next to the field', async () => {
    const { page } = suite;
    await openRecord(page, 'sagsbehandler.kbh', 'Karen Jenssen');
    const form = page.getByRole('form', { name: 'Navn' });
    await form.getByLabel('Efternavn').fill(' ');
    await form.getByRole('button', { name: 'Gem navn' }).click();
    await page.getByText('Skriv borgerens efternavn.').first().waitFor();
    await checkA11y(page, 'Brugerdata, name refused');
    await form.getByLabel('Efternavn').fill('Jensen');
    await form.getByRole('button', { name: 'Gem navn' }).click();
    await page.getByText('Navnet er gemt.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Karen Jensen' }).waitFor();
    expect((await record(citizens.misspelt!.citizenId)).lastName).toBe('Jensen');
  });

  it('by keyboard alone: a new webshop username, a taken one refused first; the citizen logs in with the new one', async () => {
    const { page } = suite;
    await openRecord(page, 'kundeservice', 'Bruger Navnesen');
    const field = page.getByRole('textbox', { name: 'Brugernavn' });
    await tabTo(page, field, 60);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sagsbehandler.kbh');
    await tabTo(page, page.getByRole('button', { name: 'Gem brugernavn' }));
    await page.keyboard.press('Enter');
    await page.locator('#webshop-username-error').getByText('Brugernavnet er allerede i brug. Vælg et andet.').waitFor();
    expect(await page.content()).not.toContain('USERNAME_TAKEN');
    await checkA11y(page, 'Brugerdata, username taken');

    await tabTo(page, field, 60);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('bruger.navnesen');
    await tabTo(page, page.getByRole('button', { name: 'Gem brugernavn' }));
    await page.keyboard.press('Enter');
    await page.getByText('Brugernavnet er gemt.').waitFor();
    expect((await record(citizens.login!.citizenId)).webshopUsername).toBe('bruger.navnesen');

    const issued = await suite.app.request('POST', `/api/v1/citizens/${citizens.login!.citizenId}/webshop-one-time-password`, { token: caseworker });
    suite.app.secret(issued.body.password);
    const login = (username: string) => suite.app.request('POST', '/api/v1/auth/login', { body: { username, password: issued.body.password, acceptTerms: true } });
    expect((await login('bruger.navnesen')).status).toBe(200);
    expect((await login(citizens.login!.cpr)).status).toBe(401);
  });
});
