import type { Page } from 'playwright-core';
import { logIn } from './browser.js';

/** Answers "Brugerdata"'s question of the look-up's purpose (it is logged with the opening), and waits for the record of `name`. */
export async function givePurpose(page: Page, name: string, purpose = 'Henvendelse fra borger'): Promise<void> {
  await page.getByRole('radio', { name: purpose }).check();
  await page.getByRole('button', { name: 'Vis brugerdata' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** "Brugerdata" of `name` as `username`: found by name in the citizen search, opened, the purpose given. */
export async function openRecord(page: Page, username: string, name: string): Promise<void> {
  await page.goto(`/borgere?name=${encodeURIComponent(name)}`);
  await logIn(page, username);
  await page.getByRole('link', { name: `Brugerdata for ${name}` }).click();
  await givePurpose(page, name);
}
