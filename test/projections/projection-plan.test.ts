import { describe, expect, it } from '@jest/globals';
import { planProjection } from '../../src/infrastructure/projections/projection-plan.js';
import type { ReadModelTable, TableState } from '../../src/infrastructure/projections/projection-storage.js';

const table = (version: number, state: TableState, build = 1): ReadModelTable => ({
  table: `rm_pages_v${version}_b${build}`,
  readModel: 'pages',
  version,
  build,
  state,
  checkpoint: undefined,
});

describe('planning a read model from the registry (code at version 2)', () => {
  const live1 = table(1, 'live');
  const live2 = table(2, 'live');
  const live3 = table(3, 'live');
  const build1 = table(1, 'building', 2);
  const build2 = table(2, 'building', 2);
  const build3 = table(3, 'building', 2);

  it.each([
    ['nothing registered: create the live table and project into it', [], { kind: 'create', state: 'live', drop: [] }],
    ['live at this version: keep it current', [live2], { kind: 'run', live: live2, drop: [] }],
    ['live at an older version: build this one beside it', [live1], { kind: 'create', state: 'building', drop: [] }],
    ['older live and a build of this version: resume the build', [live1, build2], { kind: 'run', build: build2, drop: [] }],
    ['live and a build of this version (forced rebuild): run both', [live2, build2], { kind: 'run', live: live2, build: build2, drop: [] }],
    ['an abandoned older build: drop it, then build this version', [live1, build1], { kind: 'create', state: 'building', drop: [build1.table] }],
    ['live at a newer version: superseded, build nothing', [live3], { kind: 'superseded', drop: [] }],
    ['a newer version building beside an older live table: leave it to the newer deployment', [live1, build3], { kind: 'superseded', drop: [] }],
    ['live here and a newer build: keep live current until the newer one swaps', [live2, build3], { kind: 'run', live: live2, drop: [] }],
    ['newer live and an older build of ours: drop the build', [live3, build2], { kind: 'superseded', drop: [build2.table] }],
    ['only a build of this version (live was dropped): finish it', [build2], { kind: 'run', build: build2, drop: [] }],
  ] as const)('%s', (_rule, tables, plan) => {
    expect(planProjection(2, tables)).toEqual(plan);
  });
});
