import type { ProductEvent } from '../src/catalogue/product.events.js';
import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import { productGroupsReadModel, type ProductGroupDocument } from '../read-models/products/product-groups.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

type Event = ProjectedEvent<'ProductAdded' | 'ProductChanged'> & Extract<ProductEvent, { type: 'ProductAdded' | 'ProductChanged' }>;

/** Every level of a group path, top first: ['Stomi', 'Poser'] → 'Stomi', 'Stomi > Poser'. */
function levels(group: readonly string[]): ProductGroupDocument[] {
  return group.map((name, depth) => ({
    key: group.slice(0, depth + 1).map((part) => normalizeForSearch(part)).join(' > '),
    path: group.slice(0, depth + 1).join(' > '),
    name,
    parent: depth === 0 ? null : group.slice(0, depth).join(' > '),
  }));
}

/** The same keys as the products read model's `groupPaths`, so a group's key finds its products. */
export const productGroupsProjection: Projection<ProductGroupDocument, Event> = {
  readModel: productGroupsReadModel,
  handles: ['ProductAdded', 'ProductChanged'],
  documentIds: (event) => (event.data.group ? levels(event.data.group).map((level) => level.key) : []),
  evolve: (doc, event, key) => levels(event.data.group ?? []).find((level) => level.key === key) ?? doc,
};
