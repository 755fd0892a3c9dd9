/**
 * Debian's Chromium, driven through playwright-core (no browser download): where it is and the flags it runs
 * with here. Shared by the browser tests and the portal benchmark.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
