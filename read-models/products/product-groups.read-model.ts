import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';

/**
 * The product groups to browse (DOMAIN §3, the guide's "produktgruppe/sektionsside"): one document per group path
 * and each of its parents, for every path a product has been given. A group is never removed here: one whose
 * products all moved or were discontinued has none left in the search, which the query counts.
 */
export const productGroupsReadModel: ReadModelDefinition = {
  name: 'product-groups',
  version: 1,
  indexes: [{ field: 'path', kind: 'sort' }],
};

export interface ProductGroupDocument {
  /** The normalized path (normalizeForSearch of each part, joined by ' > '): the document's id, and what `groupPaths` of a product holds. */
  readonly key: string;
  /** The path as shown, e.g. 'Stomi > Poser' (as the latest product file spelled it). */
  readonly path: string;
  readonly name: string;
  /** The path as shown one level up; null for a top group. */
  readonly parent: string | null;
}
