/**
 * `npm run test:runtime`: CI's second pass, on the production image's Node 24 (README "Supported runtimes").
 *
 * The whole suite on both runtimes would double CI's jest time (1,270 s on Node 24 alone, 2 cores), so this pass
 * runs the suites whose subject is something the runtime provides, and leaves out those whose subject is the
 * service's own rules on paths the included suites already run here. The whole suite was run on Node 24 when this
 * list was made; its one failure was a race in a test, since fixed (README "Supported runtimes", with the figures).
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: [
    // Pure rules and the portal's helpers: cheap, and Intl (Danish collation, Copenhagen time) is the runtime's ICU.
    '<rootDir>/web/src/**/*.test.ts',
    '<rootDir>/test/{shared,kernel,http,citizens,identity,catalogue,grants,orders,audit,read-models}/**/*.test.ts',
    // The stores and their drivers: pg, PGlite's WASM, gRPC over http2 (the EventStoreDB model node), node:crypto
    // (sealed personal data), timers and subscriptions, the runners.
    '<rootDir>/test/{event-store,infrastructure,projections,read-model-store,processes}/**/*.test.ts',
    // Processes and signals: kill -9, a database taken away, SIGTERM.
    '<rootDir>/test/chaos/**/*.test.ts',
    // The image: the Dockerfile read, and its build rehearsed and started on this Node (npm ci, the build, argon2's
    // native binary, the service from dist/).
    '<rootDir>/test/deployment/**/*.test.ts',
    // The service over HTTP: shutdown and the data-directory lock (signals, files), login (argon2), retention and
    // erasure (crypto, a CLI in a child process), the portal's static files, EventStoreDB's topology, the HTTP edge
    // (body limits, framework errors), read-your-writes waits, and the order workflow end to end.
    '<rootDir>/test/e2e/{shutdown,data-dir-lock,auth,retention,citizen-erasure,portal,eventstoredb-topology,input-guard,framework-errors,read-your-writes,orders}.e2e.test.ts',
    // One browser suite: Playwright driving Chromium from this Node through a caseworker's day.
    '<rootDir>/test/browser/caseworker-day.browser.test.ts',
  ],
};
