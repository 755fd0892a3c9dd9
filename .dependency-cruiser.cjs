/**
 * The layers of the service, bottom to top (README "Architecture"), and the rules that keep imports flowing
 * downward. Every rule says why; an import that breaks one is a design question, not a lint nit.
 *
 *   shared      pure types and helpers (ids, time, domain errors, the decider and event-schema contracts);
 *               beside it the leaves config (the environment's schema) and terms (the terms texts)
 *   kernel      the ports and the application's machinery: command runner, stream reader, projection and
 *               reaction contracts, logger, clock, principal and record-level access policy
 *   http        the HTTP edge's kit: the auth guard, decorators, pipes, interceptors, error mapping
 *   contexts    catalogue, identity, citizens, grants, orders, audit: deciders, events, rules, controllers,
 *               the handlers of requests that stay inside one context
 *   processes   what writes to the streams of more than one context: placing an order, carrying order steps
 *               to the grant, the citizen's registration and lifecycle, webshop logins; and their reactions
 *   read side   read-models/ (documents, query handlers) and projections/ (pure evolve)
 *   adapters    src/infrastructure: event stores, read-model stores, runners, SQL, mail, logging
 *   edges       src/operations (health, metrics, projection admin), src/seed, src/cli
 *   composition src/composition, app.module, bootstrap, main: binds ports to adapters, wires Nest
 *
 * The portal (web/src, bulletproof-react's layers): app → features → components, lib, config, api; a feature
 * reaches another only through its api.ts; the shared layers import no feature; the portal imports nothing of
 * the service's code (its tests may, to check that both sides agree).
 */
const CONTEXTS = '(catalogue|identity|citizens|grants|orders|audit)';
const CONTEXT = `^src/${CONTEXTS}/`;
const COMPOSITION = '^src/(composition/|app\\.module\\.ts$|bootstrap\\.ts$|main\\.ts$|cli/)';

/**
 * A context's published language: its events, its deciders and their state (pure folds), and its pure rule
 * files. Another context may import these and nothing else of it (no handler, controller, service or module).
 */
const PURE_DOMAIN = `^src/${CONTEXTS}/([^/]+\\.(decider|events|state)|allowance|windows|grant-access|grant-view|line-accounting|cpr|search-normalize|money|agreement-price)\\.ts$`;

module.exports = {
  forbidden: [
    {
      name: 'shared-is-the-bottom',
      comment: 'shared/ holds pure types and helpers every layer uses; it can use nothing above it.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/shared/' },
    },
    {
      name: 'config-is-a-leaf',
      comment: 'The configuration schema is read by the composition root and handed down; it imports nothing of ours but the terms texts, whose version it checks.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/(config|terms)/' },
    },
    {
      name: 'terms-are-a-leaf',
      comment: 'The terms and privacy texts are content: read by the configuration (which version exists) and identity (which serves them).',
      severity: 'error',
      from: { path: '^src/terms/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/terms/' },
    },
    {
      name: 'kernel-imports-shared-only',
      comment: 'The kernel is what contexts and adapters program against: it must not know either of them.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/(kernel|shared)/' },
    },
    {
      name: 'infrastructure-is-adapters-only',
      comment: 'Adapters implement kernel ports with libraries; knowing a context, a process or the read side would make the domain depend on storage choices.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/(kernel|shared|infrastructure)/' },
    },
    {
      name: 'http-is-an-edge-kit',
      comment: 'The guard, pipes and interceptors serve every controller; they reach identity and the stores only through kernel ports.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/(kernel|shared|http)/' },
    },
    {
      name: 'contexts-below-processes',
      comment: 'A context knows nothing of the processes, the read side, the adapters or the composition above it.',
      severity: 'error',
      from: { path: CONTEXT },
      to: { path: '^(read-models/|projections/|src/(processes|infrastructure|composition|operations|seed|cli|config)/|src/[^/]+\\.ts$)' },
    },
    {
      name: 'contexts-meet-through-their-published-language',
      comment: "A context uses another only through its events, deciders and pure rules: a handler, controller or service of another context would tie their lifecycles together (cross-context work belongs in src/processes).",
      severity: 'error',
      from: { path: `^src/${CONTEXTS}/` },
      to: { path: CONTEXT, pathNot: [`^src/$1/`, PURE_DOMAIN] },
    },
    {
      name: 'domain-is-pure',
      comment: 'Deciders, events and domain rules: no Nest, no I/O, no runner; only shared, the principal and access policy, and other pure domain files.',
      severity: 'error',
      from: { path: PURE_DOMAIN },
      to: {
        path: '^(src/|read-models/|projections/)|node_modules/(@nestjs|pg|@electric-sql|pino|fastify|mongodb|@eventstore)',
        pathNot: ['^src/shared/', '^src/kernel/(principal|access-policy)\\.ts$', PURE_DOMAIN],
      },
    },
    {
      name: 'processes-below-the-read-side',
      comment: 'Processes decide on streams, never on read models (which lag), and know no adapter or composition.',
      severity: 'error',
      from: { path: '^src/processes/' },
      to: { path: '^(read-models/|projections/|src/(infrastructure|composition|operations|seed|cli)/|src/[^/]+\\.ts$)' },
    },
    {
      name: 'read-side-below-composition',
      comment: 'Read models and projections follow the contexts’ events; they never run processes, adapters or the composition root.',
      severity: 'error',
      from: { path: '^(read-models|projections)/' },
      to: { path: '^src/(processes|infrastructure|composition|operations|seed|cli|config)/|^src/[^/]+\\.ts$' },
    },
    {
      name: 'projections-stay-pure',
      comment: 'A projection is a pure evolve: it imports read-model documents, the contexts’ published language and kernel contracts only.',
      severity: 'error',
      from: { path: '^projections/' },
      to: {
        path: '^(src/|read-models/)',
        pathNot: ['^src/shared/', '^src/kernel/(projection|read-model-store\\.port|access-policy)\\.ts$', PURE_DOMAIN, '^read-models/[^/]+/[^/]+\\.read-model\\.ts$'],
      },
    },
    {
      name: 'operations-is-an-edge',
      comment: 'Health, metrics and projection administration read the kernel’s ports; they touch no context.',
      severity: 'error',
      from: { path: '^src/operations/' },
      to: { path: '^(src/|read-models/|projections/)', pathNot: '^src/(kernel|shared|http|operations)/' },
    },
    {
      name: 'only-the-composition-root-sees-everything',
      comment: 'Nothing but the composition root (and the CLIs, which are composition roots of their own) imports it.',
      severity: 'error',
      from: { path: '^(src|read-models|projections)/', pathNot: COMPOSITION },
      to: { path: COMPOSITION },
    },
    {
      name: 'no-test-code-in-service',
      severity: 'error',
      from: { path: '^(src|read-models|projections)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'portal-shared-layers-below-features',
      comment: 'components, lib, config and api serve every feature and the app; they import neither.',
      severity: 'error',
      from: { path: '^web/src/(components|lib|config|api)/' },
      to: { path: '^web/src/(app|features)/' },
    },
    {
      name: 'portal-features-below-app',
      comment: 'The app composes the features (router, shell); a feature does not reach back into it.',
      severity: 'error',
      from: { path: '^web/src/features/' },
      to: { path: '^web/src/app/' },
    },
    {
      name: 'portal-features-through-api',
      comment: "A feature uses another only through its api.ts (its calls and queries), never its pages or components.",
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: ['^web/src/features/$1/', '^web/src/features/[^/]+/api\\.ts$'] },
    },
    {
      name: 'portal-apart-from-service',
      comment: "The portal talks to the service over HTTP only; its tests may read the service's rules to check agreement.",
      severity: 'error',
      from: { path: '^web/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(src|read-models|projections)/' },
    },
    {
      name: 'no-circular',
      comment: 'No file imports a file that imports it back.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No folder imports a folder that imports it back: layers and contexts form a graph that only goes down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(src|read-models|projections)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
