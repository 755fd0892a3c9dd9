/**
 * Import direction (ARCHITECTURE §4, STYLE "Imports flow one way"):
 * - deciders and domain rules import no framework and no infrastructure;
 * - src imports neither read-models nor projections, except the composition root;
 * - projections import only read-models, the domain's events and shared kernel types;
 * - nothing imports tests or benchmarks;
 * - the portal (web/src, bulletproof-react's layers): app → features → components, lib, config, api; a feature
 *   reaches another only through its api.ts; the shared layers import no feature; the portal imports nothing of
 *   the service's code (its tests may, to check that both sides agree).
 */
const COMPOSITION_ROOT = '^src/(app\\.module|bootstrap|main|composition/|cli/)';

module.exports = {
  forbidden: [
    {
      name: 'src-not-to-read-side',
      comment: 'Only the composition root wires read models and projections into the service (the runtime may know the Projection contract).',
      severity: 'error',
      from: { path: '^src/', pathNot: COMPOSITION_ROOT },
      to: { path: '^(read-models|projections)/', pathNot: '^projections/projection\\.ts$' },
    },
    {
      name: 'domain-is-pure',
      comment: 'Deciders, events and domain rules: no Nest, no I/O, no infrastructure.',
      severity: 'error',
      from: { path: '^src/(shared/|[^/]+/[^/]+\\.(decider|events)\\.ts$|citizens/(cpr|search-normalize|access-log)\\.ts$)' },
      to: { path: '(^src/(infrastructure|http|composition|operations)/)|node_modules/(@nestjs|pg|@electric-sql|pino|fastify)' },
    },
    {
      name: 'infrastructure-not-to-edges',
      comment: 'Adapters implement ports; they do not reach into controllers or the composition root.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/(composition|operations|app\\.module|bootstrap|main|citizens/[^/]*controller|identity/[^/]*controller)' },
    },
    {
      name: 'projections-stay-pure',
      comment: 'Projections import read-model documents, domain events, pure domain state and kernel types only.',
      severity: 'error',
      from: { path: '^projections/' },
      to: {
        path: '^src/',
        pathNot:
          '^src/(shared/|[^/]+/[^/]+\\.(events|state)\\.ts$|citizens/(cpr|search-normalize)\\.ts$|grants/(allowance|windows)\\.ts$|infrastructure/read-model-store/read-model-store\\.port\\.ts$)',
      },
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
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
