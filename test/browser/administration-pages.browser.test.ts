/// <reference lib="dom" />
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';

interface UserRow {
  userId: string;
  username: string;
  name: string;
  role: string;
  municipalityId: string | null;
  grantAreas: string[];
}

/** A staff account as the API answers it: what the pages are checked against. */
async function userNamed(app: TestApp, username: string): Promise<UserRow> {
  const answer = await app.request('GET', '/api/v1/users?pageSize=200', { token: await app.login('admin') });
  expect(answer.status).toBe(200);
  const user = (answer.body.items as UserRow[]).find((item) => item.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}

async function openAsAdmin(page: Page, path: string, heading: string): Promise<void> {
  await page.goto('/log-ind');
  await logIn(page, 'admin');
  await page.getByRole('heading', { level: 1, name: 'Mine sider' }).waitFor();
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The municipalities the list shows, by number, in its order. */
const listedNumbers = (page: Page) => page.locator('#municipality-list tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.municipality));

const errorSummary = (page: Page) => page.locator('[data-module="error-summary"]').getByRole('link').allInnerTexts();

describeInBrowser('The portal: "Kommuner" lists the municipalities, and "Brugere" changes an account (issue 14)', {}, (suite) => {
  it('"Alle kommuner": each municipality by number with its name, postal codes and areas; a name narrows it; a number opens its page', async () => {
    const { page, app } = suite;
    const token = await app.login('admin');
    for (const body of [
      { id: '851', name: 'Aalborg', postalCodes: ['9000', '9200', '9210'], grantAreas: ['Stomi', 'Inkontinens'] },
      { id: '461', name: 'Odense', postalCodes: ['5000'], grantAreas: ['Diabetes'] },
    ]) {
      expect((await app.request('POST', '/api/v1/municipalities', { token, body })).status).toBe(201);
    }
    const listed = (await app.request('GET', '/api/v1/municipalities', { token })).body.items as Array<{ id: string; name: string; postalCodeCount: number; grantAreas: string[] }>;

    await openAsAdmin(page, '/administration/kommuner', 'Kommuner');
    const table = page.locator('#municipality-list');
    await table.waitFor();
    // The page shows what the API lists, in its order.
    await expect(listedNumbers(page)).resolves.toEqual(listed.map((item) => item.id));
    expect(listed.map((item) => item.id)).toEqual(['101', '461', '751', '851']);
    await expect(page.locator('tr[data-municipality="851"] td').allInnerTexts()).resolves.toEqual(['Aalborg', '3', 'Stomi, Inkontinens']);
    await expect(page.getByRole('status').filter({ hasText: 'kommuner.' }).innerText()).resolves.toBe(`${listed.length} kommuner.`);
    await checkA11y(page, 'Kommuner, the list');
    await screenshot(page, 'administration-municipalities');

    await page.getByLabel('Søg efter navn eller nummer').fill('odense');
    await page.getByRole('search', { name: 'Søg i kommuner' }).getByRole('button', { name: 'Søg' }).click();
    await page.getByRole('status').filter({ hasText: '1 kommune matcher "odense".' }).waitFor();
    await expect(listedNumbers(page)).resolves.toEqual(['461']);

    await page.getByRole('link', { name: '461 Odense' }).click();
    await page.getByRole('heading', { level: 1, name: 'Odense (461)' }).waitFor();
    await checkA11y(page, 'a municipality\'s page');
    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('Odense Kommune');
    await page.getByLabel('Postnumre').fill('5000, 5200');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.locator('#municipality-notice').filter({ hasText: 'Ændringerne er gemt.' }).waitFor();
    expect((await app.request('GET', '/api/v1/municipalities/461', { token })).body).toEqual({ id: '461', name: 'Odense Kommune', postalCodes: ['5000', '5200'], grantAreas: ['Diabetes'] });

    // Back on the list, the change shows (the list is read again).
    await page.getByRole('link', { name: 'Tilbage til Kommuner' }).click();
    // The list may show what it held a moment ago while it is read again: wait for the row as it now is.
    const odense = page.locator('tr[data-municipality="461"]');
    await odense.filter({ hasText: 'Odense Kommune' }).waitFor();
    await expect(odense.locator('td').allInnerTexts()).resolves.toEqual(['Odense Kommune', '2', 'Diabetes']);
  });

  it('by keyboard alone: "Redigér" on a caseworker changes her role to nurse and her areas to two; the API agrees', async () => {
    const { page, app } = suite;
    const before = await userNamed(app, 'sagsbehandler.kbh');
    expect(before).toMatchObject({ role: 'caseworker', municipalityId: '101' });
    expect(before.grantAreas.length).toBeGreaterThan(2);
    await openAsAdmin(page, '/administration/brugere', 'Brugere');
    await tabTo(page, page.getByRole('link', { name: 'Redigér sagsbehandler.kbh' }), 80);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Redigér bruger sagsbehandler.kbh' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Navn', exact: true }).inputValue()).resolves.toBe(before.name);
    await expect(page.getByLabel('Rolle').inputValue()).resolves.toBe('caseworker');
    const group = page.getByRole('group', { name: /Bevillingsområder i København/ });
    await group.waitFor();
    await checkA11y(page, 'Redigér bruger');

    await tabTo(page, page.getByLabel('Rolle'));
    await page.keyboard.type('Sygeplejerske');
    await expect(page.getByLabel('Rolle').inputValue()).resolves.toBe('nurse');
    // Untick every area but Stomi and Kateter.
    for (const area of before.grantAreas.filter((name) => name !== 'Stomi' && name !== 'Kateter')) {
      await tabTo(page, group.getByRole('checkbox', { name: area, exact: true }));
      await page.keyboard.press('Space');
    }
    await expect(group.getByRole('checkbox', { checked: true }).count()).resolves.toBe(2);
    await screenshot(page, 'administration-edit-user');
    await tabTo(page, page.getByRole('button', { name: 'Gem ændringer' }));
    await page.keyboard.press('Enter');
    await page.locator('#user-notice').filter({ hasText: 'Ændringerne er gemt.' }).waitFor();
    await checkA11y(page, 'Redigér bruger, saved');

    const after = await userNamed(app, 'sagsbehandler.kbh');
    expect(after).toMatchObject({ role: 'nurse', municipalityId: '101', name: before.name });
    expect([...after.grantAreas].sort()).toEqual(['Kateter', 'Stomi']);
  });

  it('refusals at their fields: what is missing before sending, and an area the municipality no longer has (the service refuses)', async () => {
    const { page, app } = suite;
    const token = await app.login('admin');
    await app.request('POST', '/api/v1/municipalities', { token, body: { id: '615', name: 'Horsens', postalCodes: ['8700'], grantAreas: ['Stomi', 'Kateter'] } });
    const created = await app.request('POST', '/api/v1/users', {
      token,
      body: { username: 'bo.horsens', name: 'Bo Bestiller', email: 'bo@horsens.invalid', role: 'orderer', municipalityId: '615', grantAreas: ['Stomi'] },
    });
    expect(created.status).toBe(201);
    await openAsAdmin(page, `/administration/brugere/${created.body.id}`, 'Redigér bruger bo.horsens');
    const group = page.getByRole('group', { name: /Bevillingsområder i Horsens/ });
    await group.waitFor();

    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('');
    await group.getByRole('checkbox', { name: 'Stomi' }).uncheck();
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(errorSummary(page)).resolves.toEqual(['Udfyld navn.', 'Vælg mindst ét bevillingsområde.']);
    await expect(page.locator('#user-name-error').innerText()).resolves.toContain('Udfyld navn.');
    await checkA11y(page, 'Redigér bruger, with errors');

    // Kateter leaves Horsens while the page is open: the service refuses it, and the page says so at the areas.
    expect((await app.request('PUT', '/api/v1/municipalities/615', { token, body: { name: 'Horsens', postalCodes: ['8700'], grantAreas: ['Stomi'] } })).status).toBe(200);
    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('Bo Bestiller');
    await group.getByRole('checkbox', { name: 'Kateter' }).check();
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await expect(page.locator('#user-grantAreas-error').innerText()).resolves.toContain('Et bevillingsområde findes ikke i kommunen.');
    expect((await userNamed(app, 'bo.horsens')).grantAreas).toEqual(['Stomi']);
  });
});
