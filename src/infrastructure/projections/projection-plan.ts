import type { ReadModelTable, TableState } from './projection-storage.js';

/**
 * What to do for a projection whose code is at `version`, given the read model's registered tables.
 * Pure, so the blue-green rules are testable in a table:
 * - no live table: create one and project into it directly (nothing is being served, so nothing to protect);
 * - live at this version: keep it current, and also run a build of this version if one exists (a forced rebuild);
 * - live at an older version: build this version beside it (resume the build if there is one);
 * - live or build at a newer version: a newer deployment owns the read model; never build backwards over it
 *   (two versions rebuilding in turn during a rolling deploy would never finish);
 * - a build older than both the code and the live table is abandoned: drop it.
 */
export type ProjectionPlan =
  | { readonly kind: 'create'; readonly state: TableState; readonly drop: readonly string[] }
  | { readonly kind: 'run'; readonly live?: ReadModelTable; readonly build?: ReadModelTable; readonly drop: readonly string[] }
  | { readonly kind: 'superseded'; readonly drop: readonly string[] };

export function planProjection(version: number, tables: readonly ReadModelTable[]): ProjectionPlan {
  const live = tables.find((table) => table.state === 'live');
  const building = tables.find((table) => table.state === 'building');
  const stale = building && building.version < Math.max(version, live?.version ?? 0) ? building : undefined;
  const drop = stale ? [stale.table] : [];
  const build = building && !stale && building.version === version ? building : undefined;
  const newerBuild = building !== undefined && building.version > version;
  if (!live) return build ? { kind: 'run', build, drop } : newerBuild ? { kind: 'superseded', drop } : { kind: 'create', state: 'live', drop };
  const current = live.version === version ? live : undefined;
  if (!current && !build && !newerBuild && live.version < version) return { kind: 'create', state: 'building', drop };
  if (!current && !build) return { kind: 'superseded', drop };
  return { kind: 'run', live: current, build, drop };
}
