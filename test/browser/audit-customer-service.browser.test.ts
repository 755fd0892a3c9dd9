/// <reference lib="dom" />
// The callbacks of page.evaluate run in the browser.
import { beforeAll, expect, it, jest } from '@jest/globals';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';
import { checkA11y, describeInBrowser, logIn, screenshot, tabTo } from '../support/browser.js';
import { givePurpose } from '../support/brugerdata.js';
import { eventually } from '../support/eventually.js';
import { addGrantLine, registerCitizen, setCitizenStatus, type TestCitizen } from '../support/citizens.js';

// A workflow is many steps in a real browser against the real service: more than the default minute on a busy machine.
jest.setTimeout(120_000);

const FULL_CPR = /\d{6}-?\d{4}/;
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

describeInBrowser(
  'The portal: the auditor\'s history, grant at a past instant and access log; customer service\'s "Genåbn borger", "Skift CPR-nummer" and ordering (PORTAL.md)',
  {},
  (suite) => {
    let caseworker: string;
    let auditor: string;
    let customerService: string;
    const citizens: Record<string, TestCitizen> = {};
    /** Between the first line's grant and the changes after it. */
    let instant = '';
    const api = async (token: string, method: string, url: string, body?: unknown) => {
      const answer = await suite.app.request(method, `/api/v1${url}`, { token, ...(body === undefined ? {} : { body }) });
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const lineIdOf = async (citizenId: string, itemNumber: string) => {
      const grant = await api(caseworker, 'GET', `/citizens/${citizenId}/grant?includeInactive=true`);
      return grant.areas.flatMap((area: any) => area.lines).find((line: any) => line.itemNumber === itemNumber).lineId as string;
    };

    beforeAll(async () => {
      caseworker = await suite.app.login('sagsbehandler.kbh');
      auditor = await suite.app.login('revisor');
      customerService = await suite.app.login('kundeservice');
      citizens.audited = await registerCitizen(suite.app, caseworker, '060562', { firstName: 'Revideret', lastName: 'Tidslinjesen' });
      await addGrantLine(suite.app, caseworker, citizens.audited.citizenId, '206002', 'Stomi');
      await pause();
      instant = new Date().toISOString();
      await pause();
      const first = await lineIdOf(citizens.audited.citizenId, '206002');
      await api(caseworker, 'PATCH', `/citizens/${citizens.audited.citizenId}/grant/lines/${first}`, { status: 'INACTIVE' });
      await addGrantLine(suite.app, caseworker, citizens.audited.citizenId, '201005', 'Stomi');
      await api(caseworker, 'PATCH', `/citizens/${citizens.audited.citizenId}`, { phone: '22334455' });

      citizens.moved = await registerCitizen(suite.app, caseworker, '070562', { firstName: 'Genåbnet', lastName: 'Hjemvendtsen' });
      await addGrantLine(suite.app, caseworker, citizens.moved.citizenId, '206002', 'Stomi');
      await setCitizenStatus(suite.app, caseworker, citizens.moved.citizenId, 'MOVED_AWAY');
      citizens.keyboardMoved = await registerCitizen(suite.app, caseworker, '080562', { firstName: 'Tastatur', lastName: 'Genåbnersen' });
      await addGrantLine(suite.app, caseworker, citizens.keyboardMoved.citizenId, '201005', 'Stomi');
      await setCitizenStatus(suite.app, caseworker, citizens.keyboardMoved.citizenId, 'DECEASED');
      citizens.cpr = await registerCitizen(suite.app, caseworker, '090562', { firstName: 'Nummer', lastName: 'Skiftesen' });
      citizens.ordering = await registerCitizen(suite.app, caseworker, '100562', { firstName: 'Bestilt', lastName: 'Kundeservicesen' });
      await addGrantLine(suite.app, caseworker, citizens.ordering.citizenId, '201005', 'Stomi');
    }, 180_000);

    it('an auditor reads the history as a timeline — who, role, what, when, CPR masked — as the API has it; the reading is in the access log', async () => {
      const { page } = suite;
      const { citizenId } = citizens.audited!;
      await page.goto(`/borgere/${citizenId}/bevilling`);
      await logIn(page, 'revisor');
      await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
      await page.getByRole('link', { name: 'Hændelseshistorik' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hændelseshistorik' }).waitFor();
      const events = page.locator('ol.audit-timeline > li');
      await events.first().waitFor();

      const history = await api(auditor, 'GET', `/citizens/${citizenId}/history`);
      expect(await events.count()).toBe(history.total);
      expect(await events.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.eventType))).toEqual(history.items.map((item: any) => item.type));
      const first = (await events.first().innerText()).replace(/\s+/g, ' ');
      expect(first).toContain('Borgeren blev oprettet');
      expect(first).toContain('Sara Sagsbehandler (Sagsbehandler)');
      expect(first).toContain(`CPR-nr.: ${citizens.audited!.cpr.slice(0, 6)}-XXXX`);
      const main = await page.getByRole('main').innerText();
      expect(main).not.toMatch(FULL_CPR);
      expect(main).toContain('Vare gjort inaktiv');
      expect(main).toContain('Kontaktoplysninger blev ændret');
      await checkA11y(page, 'Hændelseshistorik');
      await screenshot(page, 'haendelseshistorik');

      await page.getByRole('link', { name: 'Adgangslog' }).click();
      await page.getByRole('heading', { level: 1, name: 'Adgangslog' }).waitFor();
      const rows = page.locator('main table tbody tr');
      await rows.first().waitFor();
      const log = await api(auditor, 'GET', `/citizens/${citizenId}/access-log`);
      expect(await rows.count()).toBe(log.length);
      expect(log[0]).toMatchObject({ purpose: 'Hændelseshistorik', role: 'auditor', name: 'Rikke Revisor' });
      expect((await rows.first().innerText()).replace(/\s+/g, ' ')).toMatch(/Rikke Revisor Revisor Hændelseshistorik Nej$/);
      await checkA11y(page, 'Adgangslog');
      await screenshot(page, 'adgangslog');
    });

    it('an auditor sees the grant at a chosen instant beside today\'s, with what changed marked, as the API answers both', async () => {
      const { page } = suite;
      const { citizenId } = citizens.audited!;
      await page.goto(`/borgere/${citizenId}/bevilling-tidligere?tidspunkt=${encodeURIComponent(instant)}`);
      await logIn(page, 'revisor');
      await page.getByRole('heading', { level: 1, name: 'Bevilling på et tidspunkt' }).waitFor();
      const rows = page.locator('table.audit-comparison tbody tr');
      await rows.first().waitFor();

      const then = await api(auditor, 'GET', `/citizens/${citizenId}/grant?includeInactive=true&asOf=${encodeURIComponent(instant)}`);
      const now = await api(auditor, 'GET', `/citizens/${citizenId}/grant?includeInactive=true`);
      const thenLines = then.areas.flatMap((area: any) => area.lines);
      const nowLines = now.areas.flatMap((area: any) => area.lines);
      expect(thenLines.map((line: any) => [line.itemNumber, line.status])).toEqual([['206002', 'ACTIVE']]);
      expect(await rows.count()).toBe(nowLines.length);
      const changes = Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.item, (tr as HTMLElement).dataset.change])));
      expect(changes).toEqual({ '206002': 'changed', '201005': 'added' });
      // The status changed; so did the consumption period (an active line without a max counts per month, an
      // inactive one has none today).
      const marked = await page.locator('tr[data-item="206002"] mark').allInnerTexts();
      expect(marked).toEqual(expect.arrayContaining(['Status: Aktiv', 'Status: Inaktiv']));
      expect(marked.filter((text) => !text.startsWith('Status:')).every((text) => /^(Periode|Bestilt i perioden|Leveret på bevillingen):/.test(text))).toBe(true);
      expect(await page.locator('tr[data-item="201005"]').innerText()).toContain('Bevilget siden');
      await checkA11y(page, 'Bevilling på et tidspunkt');
      await screenshot(page, 'bevilling-paa-et-tidspunkt');

      // The form: a time in the future is refused in Danish; a date alone (today) shows the grant as it is now.
      const today = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
      await page.getByRole('textbox', { name: 'Dato', exact: true }).fill(today);
      await page.getByLabel('Klokkeslæt (valgfrit)').fill('23:59');
      await page.getByRole('button', { name: 'Vis bevillingen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
      if (new Date().getHours() < 23) {
        await summary.waitFor();
        expect(await summary.innerText()).toContain('Tidspunktet må ikke ligge i fremtiden.');
      }
      await page.getByLabel('Klokkeslæt (valgfrit)').fill('');
      await page.getByRole('button', { name: 'Vis bevillingen' }).click();
      await page.waitForURL((url) => url.searchParams.get('tidspunkt') !== instant);
      await page.locator('tr[data-item="201005"][data-change="same"]').waitFor();
      expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.change))).toEqual(['same', 'same']);
    });

    it('by keyboard alone, an auditor goes from "Borgers bevilling" to the history and on to the access log', async () => {
      const { page } = suite;
      const { citizenId } = citizens.audited!;
      await page.goto(`/borgere/${citizenId}/bevilling`);
      await logIn(page, 'revisor');
      await page.getByRole('heading', { level: 1, name: 'Borgers bevilling' }).waitFor();
      await tabTo(page, page.getByRole('link', { name: 'Hændelseshistorik' }), 40);
      await page.keyboard.press('Enter');
      await page.locator('ol.audit-timeline > li').first().waitFor();
      await tabTo(page, page.getByRole('navigation', { name: 'Revision af borgeren' }).getByRole('link', { name: 'Adgangslog' }), 40);
      await page.keyboard.press('Enter');
      await page.locator('main table tbody tr').first().waitFor();
      expect(page.url()).toMatch(/\/adgangslog$/);
    });

    it('customer service finds a citizen who moved away, sees what comes back, and reopens them with a reason', async () => {
      const { page } = suite;
      const { citizenId } = citizens.moved!;
      await page.goto('/borgere?name=Hjemvendtsen&status=MOVED_AWAY');
      await logIn(page, 'kundeservice');
      await page.getByRole('link', { name: 'Brugerdata for Genåbnet Hjemvendtsen' }).click();
      await givePurpose(page, 'Genåbnet Hjemvendtsen');
      await page.getByRole('heading', { level: 2, name: 'Genåbn borger' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Skift CPR-nummer' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Genåbn borger …' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
      await summary.waitFor();
      expect(await summary.innerText()).toContain('Skriv hvorfor borgeren genåbnes.');
      await page.getByLabel('Begrundelse').fill('Fraflytning registreret ved en fejl');
      await page.getByRole('button', { name: 'Genåbn borger …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Genåbn borgeren?' });
      await dialog.getByRole('listitem').first().waitFor();
      const preview = await api(customerService, 'GET', `/citizens/${citizenId}/grant?includeInactive=true&asOf=${encodeURIComponent(new Date(Date.now() - 1000).toISOString())}`);
      const restored = preview.areas.flatMap((area: any) => area.lines).filter((line: any) => preview.restoredOnReopen.includes(line.lineId));
      expect(restored).toHaveLength(1);
      expect(await dialog.getByRole('listitem').allInnerTexts()).toEqual([`${restored[0].productName} (varenr. 206002), Stomi`]);
      await checkA11y(page, 'Genåbn borgeren?');
      await screenshot(page, 'genaabn-borger', { fullPage: false });
      await dialog.getByRole('button', { name: 'Ja, genåbn borgeren' }).click();
      await page.getByText('Borgeren er genåbnet og har status "Aktiv" igen.').waitFor();

      const record = await api(customerService, 'GET', `/citizens/${citizenId}?purpose=Kontrol i test`);
      expect(record.status).toBe('ACTIVE');
      const grant = await api(customerService, 'GET', `/citizens/${citizenId}/grant`);
      expect(grant.areas.flatMap((area: any) => area.lines).map((line: any) => [line.itemNumber, line.status])).toEqual([['206002', 'ACTIVE']]);
      const history = await api(auditor, 'GET', `/citizens/${citizenId}/history`);
      expect(history.items.find((item: any) => item.type === 'CitizenReopened')).toMatchObject({ data: { reason: 'Fraflytning registreret ved en fejl' }, actor: { role: 'customer_service' } });
    });

    it('customer service changes a CPR number in "Brugerdata"; refusals are told in Danish at the field', async () => {
      const { page } = suite;
      const { citizenId } = citizens.cpr!;
      await page.goto(`/borgere/${citizenId}/brugerdata`);
      await logIn(page, 'kundeservice');
      await givePurpose(page, 'Nummer Skiftesen');
      const field = page.getByLabel('Nyt CPR-nummer');
      const submit = page.getByRole('button', { name: 'Skift CPR-nummer' });
      const fieldError = page.locator('#new-cpr-error');
      await page.getByLabel('Begrundelse').fill('Forkert nummer ved oprettelsen');

      await field.fill('12345');
      await submit.click();
      await fieldError.waitFor();
      expect(await fieldError.innerText()).toContain('CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).');
      await field.fill(hyphenated(citizens.audited!.cpr));
      await submit.click();
      await page.getByText('Der er allerede oprettet en borger med dette CPR-nummer.').first().waitFor();
      await checkA11y(page, 'Skift CPR-nummer, refused');

      const newCpr = fictitiousCpr('110562', '1', { checksum: 'valid' });
      await field.fill(hyphenated(newCpr));
      await submit.click();
      await page.getByText(`CPR-nummeret er skiftet til ${hyphenated(newCpr)}.`).waitFor();
      const record = await api(customerService, 'GET', `/citizens/${citizenId}?purpose=Kontrol i test`);
      expect([record.citizenId, record.cpr]).toEqual([citizenId, newCpr]);
      await screenshot(page, 'skift-cpr-nummer');
    });

    it('customer service orders on the citizen\'s behalf from "Borgers bevilling"; the order is theirs in the history', async () => {
      const { page } = suite;
      const { citizenId } = citizens.ordering!;
      const grant = await api(customerService, 'GET', `/citizens/${citizenId}/grant`);
      const line = grant.areas[0].lines[0];
      await page.goto(`/borgere/${citizenId}/bevilling`);
      await logIn(page, 'kundeservice');
      await page.getByLabel(`Bestil ${line.productName}`).check();
      await page.getByRole('button', { name: 'Læg i indkøbskurv' }).click();
      const dialog = page.getByRole('dialog', { name: 'Indkøbskurv' });
      await dialog.getByRole('button', { name: 'Bestil varer' }).click();
      const confirmation = page.locator('.order-confirmation');
      await confirmation.waitFor();
      const orderNumber = /ordrenummer (\d{6}-\d{6})/.exec(await confirmation.innerText())?.[1];
      await checkA11y(page, 'Borgers bevilling, ordered by customer service');

      const history = await api(customerService, 'GET', `/citizens/${citizenId}/orders`);
      expect(history.items).toHaveLength(1);
      expect(history.items[0]).toMatchObject({ orderNumber, placedBy: { role: 'customer_service', name: 'Kim Kundeservice' } });
    });

    it('by keyboard alone, customer service reopens a deceased-marked citizen', async () => {
      const { page } = suite;
      const { citizenId } = citizens.keyboardMoved!;
      await page.goto(`/borgere/${citizenId}/brugerdata`);
      await logIn(page, 'kundeservice');
      await page.getByRole('heading', { level: 1, name: 'Brugerdata' }).waitFor();
      await tabTo(page, page.getByRole('radio', { name: 'Bestilling' }), 40);
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Vis brugerdata' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Genåbn borger' }).waitFor();
      await tabTo(page, page.getByLabel('Begrundelse'), 40);
      await page.keyboard.type('Dødsfald registreret på forkert borger');
      await tabTo(page, page.getByRole('button', { name: 'Genåbn borger …' }));
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: 'Genåbn borgeren?' }).getByRole('button', { name: 'Ja, genåbn borgeren' });
      await page.getByRole('dialog', { name: 'Genåbn borgeren?' }).getByRole('listitem').first().waitFor();
      await tabTo(page, confirm);
      await page.keyboard.press('Enter');
      await page.getByText('Borgeren er genåbnet og har status "Aktiv" igen.').waitFor();
      // A plain GET carries no read-your-writes position: the citizens read model catches up on its own.
      const status = await eventually(async () => {
        const record = await api(customerService, 'GET', `/citizens/${citizenId}?purpose=Kontrol i test`);
        return record.status === 'ACTIVE' ? record.status : undefined;
      });
      expect(status).toBe('ACTIVE');
    });
  },
);
