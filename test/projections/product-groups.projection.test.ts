import { describe, expect, it } from '@jest/globals';
import { productGroupsProjection } from '../../projections/product-groups.projection.js';
import type { ProductGroupDocument } from '../../read-models/products/product-groups.read-model.js';
import { decodeEvent } from '../../src/composition/projections.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { applyBatch, decodeEvents } from '../../src/infrastructure/projections/apply-batch.js';
import { recordedEvent } from '../support/recorded-events.js';

const added = (itemNumber: string, group: string[]) =>
  recordedEvent(`product-${itemNumber}`, 'ProductAdded', {
    itemNumber,
    name: 'Hudring',
    description: '',
    manufacturer: 'Østfabrik',
    manufacturerRef: '',
    group,
    seriesId: null,
    salesUnit: { name: 'æske', pieces: 10 },
    listPrice: 10000,
    datasheetUrls: [],
  });
const changed = (itemNumber: string, data: object) => recordedEvent(`product-${itemNumber}`, 'ProductChanged', { itemNumber, ...data });

function project(events: RecordedEvent[]): Map<string, ProductGroupDocument | null> {
  const outcome = applyBatch(productGroupsProjection, decodeEvents(productGroupsProjection, decodeEvent, events, 1), new Map(), { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return new Map([...outcome.documents].map(([id, doc]) => [id, doc && (JSON.parse(doc.json) as ProductGroupDocument)]));
}

describe('The product groups read model (DOMAIN §3: groups to browse)', () => {
  it('a product makes a group of every level of its path, keyed as the products read model keys its group paths', () => {
    const docs = project([added('P1', ['Sårpleje', 'Skumbandager'])]);
    expect(docs.get('saarpleje')).toEqual({ key: 'saarpleje', path: 'Sårpleje', name: 'Sårpleje', parent: null });
    expect(docs.get('saarpleje > skumbandager')).toEqual({ key: 'saarpleje > skumbandager', path: 'Sårpleje > Skumbandager', name: 'Skumbandager', parent: 'Sårpleje' });
  });

  it('a product moved to another group adds that group; a change of anything else touches no group', () => {
    const docs = project([added('P1', ['Stomi', 'Poser']), changed('P1', { group: ['Stomi', 'Tilbehør'] }), changed('P2', { name: 'Ny' })]);
    expect([...docs.keys()].sort()).toEqual(['stomi', 'stomi > poser', 'stomi > tilbehoer']);
  });
});
