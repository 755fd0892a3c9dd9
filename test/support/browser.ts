/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The callbacks of page.evaluate run in the browser.
/**
 * The browser-test harness: the real service (startTestApp: PGlite, demo users, e-mail in a folder) serving the
 * built portal, driven by Debian's Chromium through playwright-core. One service and one browser per test file,
 * a fresh browser context (no cookies, no sessionStorage) per test. Where Chromium is missing, the file's suite
 * is reported as skipped with the reason and the install command, never as passed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestApp, TestClock, type TestApp, type TestAppOptions } from './app.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { backends } from './databases.js';

export { CHROMIUM_PATH };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PORTAL_DIR = join(ROOT, 'dist', 'web');
const SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots');
const SKIP_TITLE = 'skipped: Chromium not found — apt-get install -y --no-install-recommends chromium';

export interface BrowserSuite {
  /** The running service; valid from beforeAll on. */
  readonly app: TestApp;
  readonly clock: TestClock;
  /** A fresh page in a fresh context, for the current test. */
  readonly page: Page;
  /** Another fresh context, for a test that needs a second person. */
  newPage(): Promise<Page>;
  /**
   * The Content-Security-Policy violations the browser reported in this test so far, taken (the list starts
   * empty again). Any left at the end of a test fail it.
   */
  takeCspViolations(): string[];
}

/**
 * `describe` for a file of browser tests. `env` configures the service (e.g. SESSION_IDLE_SECONDS), `options` the
 * seed (`seedCitizens: true` for the demo citizens with their grants and orders); the tests read `suite.page`,
 * `suite.app` and `suite.clock` inside their bodies.
 */
export function describeInBrowser(title: string, env: Record<string, string>, define: (suite: BrowserSuite) => void, options: TestAppOptions = {}): void {
  if (!existsSync(CHROMIUM_PATH)) {
    // CI installs Chromium (.ci/chromium.sh) and says so: there a missing browser fails instead of skipping.
    if (process.env.REQUIRE_CHROMIUM === '1') {
      describe(title, () => it('Chromium is installed (REQUIRE_CHROMIUM=1)', () => expect(existsSync(CHROMIUM_PATH)).toBe(true)));
    } else {
      describe(title, () => it.skip(SKIP_TITLE, () => undefined));
    }
    return;
  }
  describe(title, () => {
    const clock = new TestClock();
    let app: TestApp | undefined;
    let browser: Browser | undefined;
    const contexts: BrowserContext[] = [];
    let page: Page | undefined;
    const pageErrors: string[] = [];
    const cspViolations: string[] = [];

    const newPage = async () => {
      const context = await browser!.newContext({ baseURL: app!.baseUrl, locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      // The service's policy (src/http/security-headers.ts) allows no inline script or style: what the browser
      // blocks is reported from every page, before any of the portal's own code runs, and fails the test.
      await context.exposeBinding('reportCspViolation', (_source, report: string) => void cspViolations.push(report));
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile || event.documentURI}:${event.lineNumber}`;
          void (window as unknown as { reportCspViolation(report: string): Promise<void> }).reportCspViolation(report);
        });
      });
      const created = await context.newPage();
      // An uncaught error in the portal fails the test, even when the page still looks right.
      created.on('pageerror', (error) => pageErrors.push(error.message));
      return created;
    };

    // The demo citizens' histories are hundreds of commands: on a busy machine they take their time.
    const startTimeout = options.seedCitizens ? 180_000 : 60_000;
    beforeAll(async () => {
      assertPortalBuilt();
      const pglite = backends().find((backend) => backend.name === 'pglite')!;
      [app, browser] = await Promise.all([
        startTestApp(pglite, { PORTAL_DIR, ...env }, clock, options),
        chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS }),
      ]);
    }, startTimeout);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });
    beforeEach(async () => {
      pageErrors.length = 0;
      cspViolations.length = 0;
      page = await newPage();
    });
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      if (pageErrors.length > 0) throw new Error(`Uncaught errors in the portal:\n${pageErrors.join('\n')}`);
      if (cspViolations.length > 0) throw new Error(`Content-Security-Policy violations in the portal:\n${cspViolations.join('\n')}`);
    });

    define({
      get app() {
        return app!;
      },
      clock,
      get page() {
        return page!;
      },
      newPage,
      takeCspViolations: () => cspViolations.splice(0),
    });
  });
}

export const ACCEPT_AND_LOG_IN = 'Acceptér brugervilkår & privatlivspolitik og log ind';

/** Fills the login form and presses the green button, as a person would (the page must show "Log ind"). */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: ACCEPT_AND_LOG_IN }).click();
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Only the violations are read: axe still runs every rule on every element, but details no passing node. */
const AXE_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: WCAG_21_AA }, resultTypes: ['violations'] };
let axeSource: string | undefined;

/**
 * axe-core over the page as it is now (WCAG 2.1 AA rules). Fails on any serious or critical violation, listing
 * each rule, what it asks and where, so the failure says what to fix.
 *
 * axe runs in the page itself, injected once per document: the portal is one document across its routes, so the
 * checks after the first on a page cost only the rules. (@axe-core/playwright re-sent the 580 kB script on every
 * check and finished each run in a new tab, most of a check's time; the portal has no frames for it to cross.)
 */
export async function checkA11y(page: Page, where = page.url()): Promise<void> {
  if (!(await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object'))) {
    axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate((options) => (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, options), AXE_OPTIONS);
  const blocking = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (blocking.length === 0) return;
  const lines = blocking.flatMap((violation) => [
    `- ${violation.id} (${violation.impact}): ${violation.help}`,
    ...violation.nodes.slice(0, 5).map((node) => `    at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  throw new Error(`Accessibility (WCAG 2.1 AA) violations on ${where}:\n${lines.join('\n')}`);
}

/**
 * A PNG of the page for the README, written to docs/screenshots/<name>.png when UPDATE_SCREENSHOTS=1
 * (`npm run screenshots`); otherwise nothing, so that a test run leaves the work tree as it was. An open modal is
 * best shown as the screen shows it (`fullPage: false`): its backdrop covers the window, not the whole page.
 */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Presses Tab until `target` has the focus (keyboard-only tests); fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 25): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} did not get the focus after ${limit} presses of Tab`);
}

/** The tests run against dist/web: it must be there and newer than every file it is built from. */
function assertPortalBuilt(): void {
  const manifest = join(PORTAL_DIR, '.vite', 'manifest.json');
  if (!existsSync(manifest)) throw new Error('The portal is not built (dist/web): run npm run build:web (npm test does)');
  const built = statSync(manifest).mtimeMs;
  const sources = [join(ROOT, 'web', 'src'), join(ROOT, 'web', 'index.html'), join(ROOT, 'web', 'vite.config.ts')];
  const stale = sources.flatMap(newerFiles(built));
  if (stale.length > 0) throw new Error(`The portal build (dist/web) is older than ${stale.slice(0, 3).join(', ')}: run npm run build:web (npm test does)`);
}

const newerFiles =
  (than: number) =>
  (path: string): string[] => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs > than && !path.endsWith('.test.ts') ? [path.slice(ROOT.length)] : [];
    return readdirSync(path).flatMap((name) => newerFiles(than)(join(path, name)));
  };
