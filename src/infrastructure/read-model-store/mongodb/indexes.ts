import { createHash } from 'node:crypto';
import type { Document, IndexDirection } from 'mongodb';
import type { EqualsCondition, IndexDefinition, ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import { conditionFilter } from './find-query.js';
import { docPath } from './field-path.js';

/**
 * The indexes of a document collection, from the read model's definition. Pure, so the mapping is tested
 * without a server; the storage hands the specs to createIndexes.
 *
 * - equals → `{ doc.<field>: 1 }`: eq, in, and the gte/lte ranges.
 * - array → `{ doc.<field>: 1 }`, which MongoDB makes multikey when it meets an array: has and hasAny
 *   (`$elemMatch` with `$eq` / `$in` gives exact bounds on it).
 * - sort → `{ doc.<field>: 1, _id: 1 }`: the order and find()'s `_id` tie-break from one index, walked forwards or
 *   backwards (the tie-break follows the first key's direction), stopping at the page's end.
 * - contains → `{ doc.<field>: 1 }`. MongoDB has no index for an unanchored substring (no trigram index; a text
 *   index finds words and stems, not substrings, and would change the results). This is the best on offer:
 *   a prefix query (an anchored, escaped regex) gets tight bounds on it, and a substring query scans the
 *   index's keys instead of the documents, fetching only the matches.
 *
 * `where` makes a partial index: `partialFilterExpression` holds the very filter the query translation
 * renders for those eq conditions (`{ doc.<field>: { $eq: value } }`), so a query that includes them can use
 * it. The same key pattern asked for twice with the same partial filter (e.g. equals and contains on one
 * field) is one index. Names are derived from key and filter, so they are stable across builds.
 */
export interface IndexSpec {
  readonly key: Record<string, IndexDirection>;
  readonly name: string;
  readonly partialFilterExpression?: Document;
}

function keyOf(index: IndexDefinition): Record<string, IndexDirection> {
  const path = docPath(index.field);
  switch (index.kind) {
    case 'equals':
    case 'contains':
    case 'array':
      return { [path]: 1 };
    case 'sort':
      return { [path]: 1, _id: 1 };
    default:
      throw new TypeError(`Unknown index kind ${String((index as { kind: unknown }).kind)}`);
  }
}

/** The eq conditions as one partial filter: fields side by side, or `$and` when a field repeats. */
export function partialFilter(where: readonly EqualsCondition[]): Document | undefined {
  if (where.length === 0) return undefined;
  const filters = where.map((condition) => conditionFilter({ field: condition.field, op: 'eq', value: condition.value }));
  const fields = filters.flatMap((filter) => Object.keys(filter));
  if (new Set(fields).size === fields.length) return Object.assign({}, ...filters) as Document;
  return { $and: filters };
}

const keyName = (key: Record<string, IndexDirection>) =>
  Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');

/** A short digest of the partial filter keeps names short whatever the values; the key part stays readable. */
const filterDigest = (filter: Document) => createHash('sha256').update(JSON.stringify(filter)).digest('hex').slice(0, 12);

export function indexSpecs(definition: ReadModelDefinition): IndexSpec[] {
  const specs = new Map<string, IndexSpec>();
  for (const index of definition.indexes) {
    const key = keyOf(index);
    const partialFilterExpression = partialFilter(index.where ?? []);
    const name = partialFilterExpression ? `${keyName(key)}_where_${filterDigest(partialFilterExpression)}` : keyName(key);
    if (!specs.has(name)) specs.set(name, partialFilterExpression ? { key, name, partialFilterExpression } : { key, name });
  }
  return [...specs.values()];
}
