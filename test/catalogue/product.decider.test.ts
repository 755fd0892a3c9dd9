import { describe, expect, it } from '@jest/globals';
import { productDecider, productStream, type ProductCommand } from '../../src/catalogue/product.decider.js';
import { productEventDefinitions, type ProductEvent, type ProductRow } from '../../src/catalogue/product.events.js';
import { fold } from '../../src/shared/decider.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';

const ITEM = '301004';

const row = (changes: Partial<ProductRow> = {}): ProductRow => ({
  itemNumber: ITEM,
  name: 'Lyngby Cath Mand Nelaton CH 14',
  description: 'Hydrofilt engangskateter til mænd, 40 cm, klar til brug.',
  manufacturer: 'Lyngby Urologi',
  manufacturerRef: 'LCM-NELATONCH14-30',
  group: ['Kateter', 'Engangskatetre'],
  seriesId: 'LC-MAND',
  salesUnit: { name: 'æske', pieces: 30 },
  listPrice: 129950,
  datasheetUrls: ['https://produktdata.example/datablade/lcm.pdf'],
  ...changes,
});

const importRow = (changes: Partial<ProductRow> = {}): ProductCommand => ({ type: 'ImportProduct', data: { row: row(changes) } });
const added = (changes: Partial<ProductRow> = {}): ProductEvent => ({ type: 'ProductAdded', data: row(changes) });
const discontinued: ProductEvent = { type: 'ProductDiscontinued', data: { itemNumber: ITEM } };
const reinstated: ProductEvent = { type: 'ProductReinstated', data: { itemNumber: ITEM } };

const product = spec(productDecider);

describe('importing a product row (DOMAIN §3: an import is idempotent)', () => {
  it('a new item number adds the product, in full', () => {
    product.given([]).when(importRow()).then([added()]);
  });

  it('an unchanged row appends nothing, so importing the same file twice changes nothing', () => {
    product.given([added()]).when(importRow()).thenNothing();
  });

  it('a changed row records only the fields that changed', () => {
    product
      .given([added()])
      .when(importRow({ listPrice: 134900, name: 'Lyngby Cath Mand Nelaton Ch14' }))
      .then([{ type: 'ProductChanged', data: { itemNumber: ITEM, name: 'Lyngby Cath Mand Nelaton Ch14', listPrice: 134900 } }]);
  });

  it('a field that changes as a whole is recorded whole: the sales unit, the group path, the datasheets', () => {
    product
      .given([added()])
      .when(importRow({ salesUnit: { name: 'æske', pieces: 25 }, group: ['Kateter', 'Engangskatetre', 'Mand'], datasheetUrls: [] }))
      .then([
        {
          type: 'ProductChanged',
          data: { itemNumber: ITEM, group: ['Kateter', 'Engangskatetre', 'Mand'], salesUnit: { name: 'æske', pieces: 25 }, datasheetUrls: [] },
        },
      ]);
  });

  it('leaving a series is a change to null', () => {
    product.given([added()]).when(importRow({ seriesId: null })).then([{ type: 'ProductChanged', data: { itemNumber: ITEM, seriesId: null } }]);
  });

  it('changes are compared with the product as it is now, after earlier changes', () => {
    const changed: ProductEvent = { type: 'ProductChanged', data: { itemNumber: ITEM, listPrice: 134900 } };
    product.given([added(), changed]).when(importRow({ listPrice: 134900 })).thenNothing();
    product.given([added(), changed]).when(importRow()).then([{ type: 'ProductChanged', data: { itemNumber: ITEM, listPrice: 129950 } }]);
  });

  it('a discontinued product that appears again in an import is reinstated, then changed', () => {
    product
      .given([added(), discontinued])
      .when(importRow({ listPrice: 134900 }))
      .then([reinstated, { type: 'ProductChanged', data: { itemNumber: ITEM, listPrice: 134900 } }]);
  });

  it('a discontinued product that appears again unchanged is only reinstated', () => {
    product.given([added(), discontinued]).when(importRow()).then([reinstated]);
  });

  it('a row that breaks the product invariants is refused, whoever sends it', () => {
    const error = product.given([]).when(importRow({ salesUnit: { name: 'æske', pieces: 0 }, listPrice: -1 })).thenThrows('VALIDATION_FAILED');
    expect(error.kind).toBe('bad_request');
    expect(error.details['fields']).toEqual([
      expect.objectContaining({ path: 'salesUnit.pieces' }),
      expect.objectContaining({ path: 'listPrice' }),
    ]);
  });
});

describe('discontinuing and reinstating (DOMAIN §3: active/discontinued)', () => {
  it('an administrator discontinues a product, with an optional reason', () => {
    product.given([added()]).when({ type: 'DiscontinueProduct', data: { itemNumber: ITEM } }).then([discontinued]);
    product
      .given([added()])
      .when({ type: 'DiscontinueProduct', data: { itemNumber: ITEM, reason: '  Udgået hos producenten ' } })
      .then([{ type: 'ProductDiscontinued', data: { itemNumber: ITEM, reason: 'Udgået hos producenten' } }]);
  });

  it('discontinuing a discontinued product changes nothing', () => {
    product.given([added(), discontinued]).when({ type: 'DiscontinueProduct', data: { itemNumber: ITEM } }).thenNothing();
  });

  it('an administrator reinstates a discontinued product', () => {
    product.given([added(), discontinued]).when({ type: 'ReinstateProduct', data: { itemNumber: ITEM } }).then([reinstated]);
  });

  it('reinstating a product that is sold changes nothing', () => {
    product.given([added()]).when({ type: 'ReinstateProduct', data: { itemNumber: ITEM } }).thenNothing();
    product.given([added(), discontinued, reinstated]).when({ type: 'ReinstateProduct', data: { itemNumber: ITEM } }).thenNothing();
  });

  it.each<ProductCommand>([
    { type: 'DiscontinueProduct', data: { itemNumber: ITEM } },
    { type: 'ReinstateProduct', data: { itemNumber: ITEM } },
  ])('$type of an unknown item number is NOT_FOUND', (command) => {
    expect(product.given([]).when(command).thenThrows('NOT_FOUND').kind).toBe('not_found');
  });
});

describe('the product stream', () => {
  it('is named by the item number: the supplier’s id, no personal data', () => {
    expect(productStream(ITEM)).toBe('product-301004');
  });

  it('every event the decider emits passes its registered schema', () => {
    const registry = new EventRegistry(productEventDefinitions);
    const events = [
      added(),
      { type: 'ProductChanged', data: { itemNumber: ITEM, seriesId: null, listPrice: 1 } },
      discontinued,
      { type: 'ProductDiscontinued', data: { itemNumber: ITEM, reason: 'Udgået' } },
      reinstated,
    ] satisfies ProductEvent[];
    for (const event of events) expect(registry.encode(event).data).toEqual(event.data);
  });

  it('a full history folds to the product as it is now', () => {
    const history: ProductEvent[] = [added(), { type: 'ProductChanged', data: { itemNumber: ITEM, listPrice: 134900, seriesId: null } }, discontinued];
    const state = fold(productDecider, history);
    expect(state).toEqual({ status: 'discontinued', product: row({ listPrice: 134900, seriesId: null }) });
  });
});
