import { describe, expect, it } from '@jest/globals';
import { productsProjection } from '../../projections/products.projection.js';
import type { ProductDocument } from '../../read-models/products/products.read-model.js';
import { decodeEvent } from '../../src/composition/projections.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { recordedEvent } from '../support/recorded-events.js';
import { applyBatch, decodeEvents } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';

const recorded = (streamName: string, type: string, data: unknown) => recordedEvent(streamName, type, data);

const product = (itemNumber: string) =>
  recorded(`product-${itemNumber}`, 'ProductAdded', {
    itemNumber,
    name: 'Stomipose Åben',
    description: 'Til colostomi',
    manufacturer: 'Østfabrik',
    manufacturerRef: 'OF-25',
    group: ['Stomi', 'Poser'],
    seriesId: 'OF',
    salesUnit: { name: 'æske', pieces: 30 },
    listPrice: 30000,
    datasheetUrls: [],
  });
const agreement = (municipalityId: string, items: object[], removedItemNumbers: string[] = []) =>
  recorded(`agreement-${municipalityId}`, 'AgreementAssortmentSet', { municipalityId, items, removedItemNumbers });

function project(events: RecordedEvent[], stored = new Map<string, StoredDocument>()): Map<string, ProductDocument | null> {
  const outcome = applyBatch(productsProjection, decodeEvents(productsProjection, decodeEvent, events, 1), stored, { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return new Map([...outcome.documents].map(([id, doc]) => [id, doc && (JSON.parse(doc.json) as ProductDocument)]));
}

describe('The products read model (DOMAIN §3)', () => {
  it('a product gets its group path prefixes and one normalized text over number, reference, name, maker, group', () => {
    const doc = project([product('P1')]).get('P1')!;
    expect(doc).toMatchObject({ listed: true, groupKey: 'Stomi > Poser', groupPaths: ['stomi', 'stomi > poser'] });
    expect(doc.searchText).toBe('p1 of-25 stomipose aaben oestfabrik stomi poser til colostomi');
  });

  it('an agreement adds its periods per municipality; open-ended periods run to 9999-12-31', () => {
    const docs = project([
      product('P1'),
      agreement('101', [{ itemNumber: 'P1', pricePerSalesUnit: 25000, validFrom: '2026-01-01', validTo: null }]),
      agreement('751', [{ itemNumber: 'P1', pricePerSalesUnit: 26000, validFrom: '2026-01-01', validTo: '2026-12-31' }]),
    ]);
    expect(docs.get('P1')).toMatchObject({
      agreementMunicipalities: ['101', '751'],
      agreements: [
        { municipalityId: '101', pricePerSalesUnit: 25000, validFrom: '2026-01-01', validTo: '9999-12-31' },
        { municipalityId: '751', pricePerSalesUnit: 26000, validFrom: '2026-01-01', validTo: '2026-12-31' },
      ],
    });
  });

  it('an item the new assortment drops loses that municipality\'s periods, and only those', () => {
    const docs = project([
      product('P1'),
      agreement('101', [{ itemNumber: 'P1', pricePerSalesUnit: 25000, validFrom: '2026-01-01', validTo: null }]),
      agreement('751', [{ itemNumber: 'P1', pricePerSalesUnit: 26000, validFrom: '2026-01-01', validTo: null }]),
      agreement('101', [], ['P1']),
    ]);
    expect(docs.get('P1')).toMatchObject({ agreementMunicipalities: ['751'] });
  });

  it('an agreement may name a product before it is imported; the import then keeps the agreement', () => {
    const docs = project([agreement('101', [{ itemNumber: 'P9', pricePerSalesUnit: 1, validFrom: '2026-01-01', validTo: null }]), product('P9')]);
    expect(docs.get('P9')).toMatchObject({ listed: true, name: 'Stomipose Åben', agreementMunicipalities: ['101'] });
  });

  it('a discontinued product is marked, not removed', () => {
    const docs = project([product('P1'), recorded('product-P1', 'ProductDiscontinued', { itemNumber: 'P1' })]);
    expect(docs.get('P1')).toMatchObject({ listed: true, discontinued: true });
  });
});
