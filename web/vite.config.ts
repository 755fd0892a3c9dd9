import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * DKFDS exports only its bundled script; its stylesheets, fonts, icons and the ES-module components (so that
 * only the few the portal uses are bundled) are reached through this alias to the package folder.
 */
const dkfds = resolve(dirname(createRequire(import.meta.url).resolve('dkfds')), '../..');

/**
 * The service refuses the 10,000 most common passwords. Only those of 12 characters or more can reach that check
 * (shorter ones already fail the length rule), so the live feedback ships just those, read from the service's list.
 */
const LONG_COMMON_PASSWORDS = 'virtual:long-common-passwords';
function longCommonPasswords(): Plugin {
  const list = fileURLToPath(new URL('../src/identity/common-passwords.txt', import.meta.url));
  return {
    name: 'long-common-passwords',
    resolveId: (source) => (source === LONG_COMMON_PASSWORDS ? `\0${LONG_COMMON_PASSWORDS}` : undefined),
    load(id) {
      if (id !== `\0${LONG_COMMON_PASSWORDS}`) return undefined;
      const long = readFileSync(list, 'utf8')
        .split(/\r?\n/)
        .filter((line) => [...line].length >= 12)
        .map((line) => line.toLowerCase());
      return `export default ${JSON.stringify(long)};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), longCommonPasswords()],
  resolve: { alias: { '@dkfds': dkfds } },
  build: {
    // The service serves this folder at / (src/portal/serve-portal.ts); the manifest marks it as a build.
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
  },
  // `npm run dev --workspace=web` beside `npm start`: the API stays on the service.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
