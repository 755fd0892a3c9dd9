/**
 * Import direction (ARCHITECTURE §4, STYLE "Imports flow one way"):
 * - deciders and domain rules import no framework and no infrastructure;
 * - src imports neither read-models nor projections, except the composition root;
 * - projections import only read-models, the domain's events and shared kernel types;
 * - nothing imports tests or benchmarks.
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
