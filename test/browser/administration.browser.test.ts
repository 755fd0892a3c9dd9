/// <reference lib="dom" />
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, type TestApp } from '../support/app.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { readDroppedMail } from '../support/mail.js';

interface UserRow {
  userId: string;
  username: string;
  role: string;
  municipalityId: string | null;
  grantAreas: string[];
  disabled: boolean;
  lockedUntil: string | null;
}

/** Every staff account, as the API answers it: what the pages are checked against. */
async function usersOf(app: TestApp, query = ''): Promise<{ items: UserRow[]; total: number }> {
  const answer = await app.request('GET', `/api/v1/users?pageSize=200${query}`, { token: await app.login('admin') });
  expect(answer.status).toBe(200);
  return answer.body;
}
const userNamed = async (app: TestApp, username: string) => (await usersOf(app)).items.find((user) => user.username === username);

async function openAsAdmin(page: Page, path: string, heading: string): Promise<void> {
  await page.goto('/log-ind');
  await logIn(page, 'admin');
  await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** A user row of the "Brugere" table. */
const row = (page: Page, username: string) => page.locator(`tr[data-username="${username}"]`);

describeInBrowser('The portal: "Administration" for administrators (PORTAL.md "Pages (other roles)")', {}, (suite) => {
  it('the menu leads to "Administration" and "Brugere": every staff account with role, municipality, areas and status', async () => {
    const { page, app } = suite;
    await page.goto('/log-ind');
    await logIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Brugere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    const all = await usersOf(app);
    await expect(page.getByRole('status').filter({ hasText: 'Viser' }).innerText()).resolves.toBe(`Viser 1–${Math.min(25, all.total)} af ${all.total} brugere.`);
    await expect(row(page, 'sygeplejerske.kbh').locator('td').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('@'),
      'Sygeplejerske',
      '101',
      'Stomi, Kateter',
      'Aktiv',
      expect.stringContaining('Send invitation igen'),
    ]);
    await checkA11y(page);
    await screenshot(page, 'administration-users');

    // Only one municipality's users.
    await page.getByLabel('Kommunenummer').fill('751');
    await page.getByRole('button', { name: 'Søg', exact: true }).last().click();
    const aarhus = await usersOf(app, '&municipalityId=751');
    await page.waitForFunction((count) => document.querySelectorAll('tr[data-username]').length === count, aarhus.total);
    await expect(page.locator('tr[data-username]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')))).resolves.toEqual(
      aarhus.items.map((user) => user.username),
    );
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('751');
  });

  it('by keyboard alone: "Opret ny bruger" asks for what is missing, then creates a nurse with one area; she gets the e-mail', async () => {
    const { page, app } = suite;
    await openAsAdmin(page, '/administration/brugere', 'Brugere');
    await tabTo(page, page.getByRole('link', { name: 'Opret ny bruger …' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Opret ny bruger' }).waitFor();
    await checkA11y(page);

    // An empty form: the summary gets the focus and names each field.
    await tabTo(page, page.getByRole('button', { name: 'Opret bruger' }), 40);
    await page.keyboard.press('Enter');
    const summary = page.locator('[data-module="error-summary"]');
    await summary.waitFor();
    await expect(summary.evaluate((element) => element.contains(document.activeElement))).resolves.toBe(true);
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual(['Udfyld brugernavn.', 'Udfyld navn.', 'Udfyld e-mail.', 'Vælg en rolle.']);
    await checkA11y(page, 'Opret ny bruger, with errors');

    await tabTo(page, page.getByLabel('Brugernavn'));
    await page.keyboard.type('nora.ny');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nora Ny');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nora.ny@kommune.invalid');
    await tabTo(page, page.getByLabel('Rolle'));
    await page.keyboard.type('Sygeplejerske');
    await expect(page.getByLabel('Rolle').inputValue()).resolves.toBe('nurse');
    await tabTo(page, page.getByLabel('Kommunenummer'));
    await page.keyboard.type('101');
    const stomi = page.getByRole('checkbox', { name: 'Stomi' });
    await stomi.waitFor();
    await expect(page.getByRole('group', { name: /Bevillingsområder i København/ }).getByRole('checkbox').count()).resolves.toBe(6);
    await tabTo(page, stomi);
    await page.keyboard.press('Space');
    await checkA11y(page, 'Opret ny bruger, filled in');
    await screenshot(page, 'administration-create-user');
    await tabTo(page, page.getByRole('button', { name: 'Opret bruger' }));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    await page.locator('#users-notice').filter({ hasText: 'Nora Ny er oprettet. Der er sendt en e-mail til nora.ny@kommune.invalid' }).waitFor();
    expect(await userNamed(app, 'nora.ny')).toMatchObject({ role: 'nurse', municipalityId: '101', grantAreas: ['Stomi'], disabled: false });
    const mail = await eventually(async () => (await readDroppedMail(app.mailDir)).find((message) => message.to.includes('nora.ny@kommune.invalid')));
    expect(mail.text).toMatch(/#token=/);
  });

  it('refusals are shown in Danish at their fields: a username in use, an unknown municipality', async () => {
    const { page } = suite;
    await openAsAdmin(page, '/administration/brugere/ny', 'Opret ny bruger');
    await page.getByLabel('Brugernavn').fill('sagsbehandler.kbh');
    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('Dobbelt Navn');
    await page.getByLabel('E-mail').fill('dobbelt@kommune.invalid');
    await page.getByLabel('Rolle').selectOption('auditor');
    await expect(page.getByLabel('Kommunenummer').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await expect(page.locator('#user-username-error').innerText()).resolves.toContain('Brugernavnet er allerede i brug. Vælg et andet.');
    await checkA11y(page, 'Opret ny bruger, username taken');

    await page.getByLabel('Brugernavn').fill('ny.bestiller');
    await page.getByLabel('Rolle').selectOption('orderer');
    await page.getByLabel('Kommunenummer').fill('999');
    await expect(page.locator('#user-municipalityId-error').innerText()).resolves.toContain('Kommunen findes ikke');
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await expect(page.locator('#user-municipalityId-error').innerText()).resolves.toContain('Kommunen findes ikke');
    await expect(page.locator('[data-module="error-summary"]').getByRole('link').allInnerTexts()).resolves.toEqual(['Vælg mindst ét bevillingsområde.']);
  });

  it('"Send invitation igen", "Lås op" and "Deaktivér" (with a confirmation), then "Aktivér"', async () => {
    const { page, app } = suite;
    // bestiller.kbh locks herself out.
    for (let attempt = 0; attempt < 5; attempt++) {
      await app.request('POST', '/api/v1/auth/login', { body: { username: 'bestiller.kbh', password: 'forkert adgangskode', acceptTerms: true } });
    }
    expect((await userNamed(app, 'bestiller.kbh'))?.lockedUntil).not.toBeNull();
    await openAsAdmin(page, '/administration/brugere', 'Brugere');
    await expect(row(page, 'bestiller.kbh').innerText()).resolves.toMatch(/Låst til \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d/);
    await checkA11y(page);

    await page.getByRole('button', { name: 'Lås op bestiller.kbh' }).click();
    await page.locator('#users-notice').filter({ hasText: 'bestiller.kbh er låst op' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('tr[data-username="bestiller.kbh"]')?.textContent?.includes('Låst'));
    expect((await userNamed(app, 'bestiller.kbh'))?.lockedUntil).toBeNull();
    const login = await app.request('POST', '/api/v1/auth/login', { body: { username: 'bestiller.kbh', password: DEMO_PASSWORD, acceptTerms: true } });
    expect(login.status).toBe(200);

    const mailsBefore = (await readDroppedMail(app.mailDir)).length;
    await page.getByRole('button', { name: 'Send invitation igen til sygeplejerske.kbh' }).click();
    await page.locator('#users-notice').filter({ hasText: /Der er sendt en ny invitation til \S+@/ }).waitFor();
    const mails = await readDroppedMail(app.mailDir);
    expect(mails.length).toBe(mailsBefore + 1);

    await page.getByRole('button', { name: 'Deaktivér revisor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deaktivér bruger' });
    await dialog.waitFor();
    await checkA11y(page, 'Deaktivér bruger');
    await screenshot(page, 'administration-deactivate-user', { fullPage: false });
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    expect((await userNamed(app, 'revisor'))?.disabled).toBe(false);
    await page.getByRole('button', { name: 'Deaktivér revisor' }).click();
    await dialog.getByRole('button', { name: 'Deaktivér', exact: true }).click();
    await page.locator('#users-notice').filter({ hasText: 'revisor er deaktiveret' }).waitFor();
    await page.waitForFunction(() => document.querySelector('tr[data-username="revisor"]')?.textContent?.includes('Deaktiveret'));
    expect((await userNamed(app, 'revisor'))?.disabled).toBe(true);
    expect((await app.request('POST', '/api/v1/auth/login', { body: { username: 'revisor', password: DEMO_PASSWORD, acceptTerms: true } })).status).not.toBe(200);

    await page.getByRole('button', { name: 'Aktivér revisor' }).click();
    await page.waitForFunction(() => document.querySelector('tr[data-username="revisor"]')?.textContent?.includes('Aktiv'));
    expect((await userNamed(app, 'revisor'))?.disabled).toBe(false);
  });

  it('"Projektioner": every projection with its lag; a parked event is shown and replayed on confirmation', async () => {
    const { page, app } = suite;
    const token = await app.login('admin');
    const health = (await app.request('GET', '/api/v1/admin/projections', { token })).body.items as Array<{ name: string }>;
    // An event of the users projection entered as parked (the table the runtime parks in), so there is one to replay.
    const { database, eventStore } = app.infra;
    const nurse = await userNamed(app, 'sygeplejerske.kbh');
    const [event] = await eventStore.readStream(`user-${nurse!.userId}`, { maxCount: 1 });
    const { rows } = await database.query<{ table_name: string }>(`select table_name from read_model_registry where read_model = 'users' and state = 'live'`);
    await database.query(
      `insert into parked_events (table_name, projection, position, event_id, event_type, stream_name, revision, error, attempts)
       values ($1, 'users', $2, $3, $4, $5, $6, 'parked by the browser test', 1) on conflict do nothing`,
      [rows[0]!.table_name, event!.position, event!.eventId, event!.type, event!.streamName, event!.revision],
    );

    await openAsAdmin(page, '/administration', 'Administration');
    await page.getByRole('link', { name: 'Projektioner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projektioner' }).waitFor();
    await expect(page.locator('tr[data-projection]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-projection')))).resolves.toEqual(health.map((p) => p.name));
    await expect(page.locator('tr[data-projection="users"] td').first().innerText()).resolves.toMatch(/Ajour|bagud/);
    await expect(page.locator('tr[data-projection="users"] td').nth(1).innerText()).resolves.toBe('1');
    await checkA11y(page);

    await page.getByRole('button', { name: 'Vis hændelser sat til side for Brugere' }).click();
    await page.getByRole('heading', { name: 'Hændelser sat til side i Brugere' }).waitFor();
    await page.getByRole('cell', { name: 'parked by the browser test' }).waitFor();
    await checkA11y(page, 'Projektioner, parked events');
    await screenshot(page, 'administration-projections');

    await page.getByRole('button', { name: `Afspil igen hændelse ${event!.position}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Afspil hændelsen igen?' });
    await dialog.waitFor();
    await checkA11y(page, 'Afspil hændelsen igen?');
    await dialog.getByRole('button', { name: 'Afspil igen' }).click();
    await page.locator('#projections-notice').filter({ hasText: 'Hændelsen er afspillet igen' }).waitFor();
    await page.getByText('Der er ingen hændelser sat til side.').waitFor();
    expect((await app.request('GET', '/api/v1/admin/projections/users/parked', { token })).body.items).toEqual([]);
  });
  it('"Indlæs varefil": a CSV uploaded with its progress, then the report with each rejected row and its reason', async () => {
    const { page, app } = suite;
    const header = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
    const csv = [
      header,
      'ADM1001;Admtest stomipose 25 mm;Til browsertesten;Admfabrik;ADM-1;Stomi > Poser;ADM-SERIE;æske;30;1.299,50',
      'ADM1002;Admtest stomipose 35 mm;Til browsertesten;Admfabrik;ADM-2;Stomi > Poser;ADM-SERIE;æske;30;12.50',
      ';Uden varenummer;Til browsertesten;Admfabrik;ADM-3;Stomi > Poser;ADM-SERIE;æske;30;10,00',
    ].join('\n');
    await openAsAdmin(page, '/administration', 'Administration');
    await page.getByRole('link', { name: 'Indlæs varefil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indlæs varefil' }).waitFor();
    await checkA11y(page);

    // Without a file: the summary says so.
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await expect(page.locator('#catalogue-file-error').innerText()).resolves.toContain('Vælg en varefil (CSV).');

    await page.getByLabel('Varefil').setInputFiles({ name: 'varer.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await page.getByRole('heading', { name: 'Rapport' }).waitFor();
    await expect(page.locator('#import-summary').innerText()).resolves.toContain('1 række indlæst: 1 nye, 0 ændrede, 0 uændrede. 2 rækker afvist.');
    await expect(page.locator('#rejected-rows tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^3\s+ADM1002\s+Listeprisen er ugyldig/),
      expect.stringMatching(/^4\s+–\s+Varenummer mangler\./),
    ]);
    await checkA11y(page, 'Indlæs varefil, the report');
    await screenshot(page, 'administration-catalogue-import');
    const product = await app.request('GET', '/api/v1/products/ADM1001', { token: await app.login('admin') });
    expect(product.body).toMatchObject({ itemNumber: 'ADM1001', name: 'Admtest stomipose 25 mm' });

    // A file that is not a product file is refused as a whole.
    await page.getByLabel('Varefil').setInputFiles({ name: 'noget.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2', 'utf8') });
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await expect(page.locator('[data-module="error-summary"]').innerText()).resolves.toMatch(/overskriftsrække|ikke en varefil/);
  });
  it('"Udgåede varer": a product found by item number is discontinued after a confirmation (it leaves the search), then reinstated', async () => {
    const { page, app } = suite;
    const token = await app.login('admin');
    const first = (await app.request('GET', '/api/v1/products?pageSize=1', { token })).body.items[0] as { itemNumber: string; name: string };
    const inSearch = async () =>
      ((await app.request('GET', `/api/v1/products?q=${encodeURIComponent(first.itemNumber)}&pageSize=200`, { token })).body.items as Array<{ itemNumber: string }>).some(
        (item) => item.itemNumber === first.itemNumber,
      );
    expect(await inSearch()).toBe(true);

    await openAsAdmin(page, '/administration', 'Administration');
    await page.getByRole('link', { name: 'Udgåede varer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Udgåede varer' }).waitFor();
    await checkA11y(page);
    await page.getByRole('textbox', { name: 'Varenummer', exact: true }).fill('FINDES-IKKE-1');
    await page.getByRole('button', { name: 'Find vare' }).click();
    await page.getByText('Der er ingen vare med varenummer FINDES-IKKE-1.').waitFor();

    await page.getByRole('textbox', { name: 'Varenummer', exact: true }).fill(first.itemNumber);
    await page.getByRole('button', { name: 'Find vare' }).click();
    await page.getByRole('heading', { level: 2, name: `${first.name} (${first.itemNumber})` }).waitFor();
    await expect(page.locator('#product-status').innerText()).resolves.toBe('Status: I sortimentet');
    await page.getByLabel('Begrundelse').fill('Producenten leverer ikke længere varen');
    await page.getByRole('button', { name: 'Markér som udgået' }).click();
    const dialog = page.getByRole('dialog', { name: 'Markér varen som udgået?' });
    await dialog.waitFor();
    await checkA11y(page, 'Markér varen som udgået?');
    await dialog.getByRole('button', { name: 'Markér som udgået' }).click();
    await page.locator('#discontinue-notice').filter({ hasText: 'Varen er markeret som udgået.' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#product-status')?.textContent === 'Status: Udgået');
    expect((await app.request('GET', `/api/v1/products/${first.itemNumber}`, { token })).body.discontinued).toBe(true);
    expect(await inSearch()).toBe(false);
    await checkA11y(page, 'Udgåede varer, discontinued');

    await page.getByRole('button', { name: 'Genindsæt vare' }).click();
    await page.waitForFunction(() => document.querySelector('#product-status')?.textContent === 'Status: I sortimentet');
    expect((await app.request('GET', `/api/v1/products/${first.itemNumber}`, { token })).body.discontinued).toBe(false);
    expect(await inSearch()).toBe(true);
  });
  it('"Kommuner": a new municipality created (what is missing named first), then its postal codes changed', async () => {
    const { page, app } = suite;
    const token = await app.login('admin');
    expect((await app.request('GET', '/api/v1/municipalities/461', { token })).status).toBe(404);
    await openAsAdmin(page, '/administration', 'Administration');
    await page.getByRole('link', { name: 'Kommuner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommuner' }).waitFor();
    await checkA11y(page);

    await page.getByLabel('Kommunenummer').fill('461');
    await page.getByRole('button', { name: 'Find kommune' }).click();
    await page.getByRole('heading', { level: 2, name: 'Opret kommune 461' }).waitFor();
    await page.getByRole('button', { name: 'Opret kommune' }).click();
    await expect(page.locator('[data-module="error-summary"]').getByRole('link').allInnerTexts()).resolves.toEqual([
      'Udfyld kommunens navn.',
      'Skriv mindst ét postnummer.',
      'Skriv mindst ét bevillingsområde.',
    ]);
    await checkA11y(page, 'Opret kommune, with errors');
    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('Odense');
    await page.getByLabel('Postnumre').fill('5000, 5200');
    await page.getByLabel('Bevillingsområder').fill('Stomi\nKateter');
    await page.getByRole('button', { name: 'Opret kommune' }).click();
    await page.locator('#municipality-notice').filter({ hasText: 'Kommune 461 er oprettet.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kommune 461' }).waitFor();
    expect((await app.request('GET', '/api/v1/municipalities/461', { token })).body).toEqual({ id: '461', name: 'Odense', postalCodes: ['5000', '5200'], grantAreas: ['Stomi', 'Kateter'] });

    await expect(page.getByLabel('Postnumre').inputValue()).resolves.toBe('5000, 5200');
    await page.getByLabel('Postnumre').fill('5000, 5200, 5210');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.locator('#municipality-notice').filter({ hasText: 'Ændringerne er gemt.' }).waitFor();
    await checkA11y(page, 'Kommune 461');
    await eventually(async () => {
      const body = (await app.request('GET', '/api/v1/municipalities/461', { token })).body;
      return body.postalCodes.length === 3 ? body : undefined;
    });
  });
});
