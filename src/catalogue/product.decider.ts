import { assertNever, type Decider } from '../shared/decider.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import {
  PRODUCT_FIELDS,
  productRowSchema,
  type ProductChanged,
  type ProductEvent,
  type ProductField,
  type ProductRow,
} from './product.events.js';

/**
 * The product aggregate (stream `product-<itemNumber>`, DOMAIN §3). An import sends one ImportProduct per
 * row; a row that changes nothing appends nothing, so importing the same file twice changes nothing. A
 * product missing from a file is *not* discontinued: files may be partial, so that takes an explicit command.
 */

export interface ImportProduct {
  readonly type: 'ImportProduct';
  readonly data: { readonly row: ProductRow };
}

export interface DiscontinueProduct {
  readonly type: 'DiscontinueProduct';
  readonly data: { readonly itemNumber: string; readonly reason?: string | null };
}

export interface ReinstateProduct {
  readonly type: 'ReinstateProduct';
  readonly data: { readonly itemNumber: string };
}

export type ProductCommand = ImportProduct | DiscontinueProduct | ReinstateProduct;

export type ProductState =
  | { readonly status: 'none' }
  | { readonly status: 'listed'; readonly product: ProductRow }
  | { readonly status: 'discontinued'; readonly product: ProductRow };

export const initialProductState: ProductState = { status: 'none' };

export const productStream = (itemNumber: string): string => `product-${itemNumber}`;

export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductAdded':
      return { status: 'listed', product: event.data };
    case 'ProductChanged': {
      if (state.status === 'none') return state;
      const { itemNumber: _itemNumber, ...changes } = event.data;
      return { ...state, product: { ...state.product, ...definedOnly(changes) } };
    }
    case 'ProductDiscontinued':
      return state.status === 'none' ? state : { status: 'discontinued', product: state.product };
    case 'ProductReinstated':
      return state.status === 'none' ? state : { status: 'listed', product: state.product };
    default:
      return assertNever(event);
  }
}

export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  switch (command.type) {
    case 'ImportProduct':
      return importProduct(command.data.row, state);
    case 'DiscontinueProduct': {
      if (state.status === 'none') throw notFound('Product not found');
      if (state.status === 'discontinued') return [];
      const reason = command.data.reason?.trim();
      return [{ type: 'ProductDiscontinued', data: { itemNumber: state.product.itemNumber, ...(reason ? { reason } : {}) } }];
    }
    case 'ReinstateProduct':
      if (state.status === 'none') throw notFound('Product not found');
      return state.status === 'discontinued' ? [{ type: 'ProductReinstated', data: { itemNumber: state.product.itemNumber } }] : [];
    default:
      return assertNever(command);
  }
}

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  evolve: evolveProduct,
  decide: decideProduct,
};

function importProduct(input: ProductRow, state: ProductState): ProductEvent[] {
  const row = validRow(input);
  if (state.status === 'none') return [{ type: 'ProductAdded', data: row }];
  if (state.product.itemNumber !== row.itemNumber) {
    throw new Error('ImportProduct sent to the stream of another item number');
  }
  const events: ProductEvent[] = [];
  // A discontinued product that is in the supplier's file again is sold again.
  if (state.status === 'discontinued') events.push({ type: 'ProductReinstated', data: { itemNumber: row.itemNumber } });
  const changed = changedFields(state.product, row);
  if (changed) events.push({ type: 'ProductChanged', data: changed });
  return events;
}

/** The importer validated the row already; this keeps the stream's invariants whoever sends the command. */
function validRow(row: ProductRow): ProductRow {
  const parsed = productRowSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
  throw new DomainError('bad_request', 'VALIDATION_FAILED', 'The product row is not valid', { fields });
}

function changedFields(before: ProductRow, after: ProductRow): ProductChanged['data'] | null {
  const changed: Partial<Record<ProductField, unknown>> = {};
  for (const field of PRODUCT_FIELDS) {
    if (!sameValue(before[field], after[field])) changed[field] = after[field];
  }
  return Object.keys(changed).length === 0 ? null : { itemNumber: after.itemNumber, ...(changed as Partial<ProductRow>) };
}

/** Product values are strings, numbers, null, arrays of strings and the flat sales-unit object. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
