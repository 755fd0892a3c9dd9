import type { AgreementEvent } from '../src/catalogue/agreement.events.js';
import type { ProductEvent, ProductRow } from '../src/catalogue/product.events.js';
import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import { OPEN_ENDED, productsReadModel, type AgreementPeriod, type ProductDocument } from '../read-models/products/products.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

type Event = ProjectedEvent<ProductEvent['type'] | AgreementEvent['type']> & (ProductEvent | AgreementEvent);

const EMPTY: ProductDocument = {
  itemNumber: '',
  listed: false,
  discontinued: false,
  searchable: false,
  name: '',
  description: '',
  manufacturer: '',
  manufacturerRef: '',
  group: [],
  groupKey: '',
  groupPaths: [],
  seriesId: null,
  salesUnit: { name: '', pieces: 1 },
  listPrice: 0,
  datasheetUrls: [],
  searchText: '',
  title: '',
  keys: [],
  agreements: [],
  agreementMunicipalities: [],
};

/** The derived fields follow the product's own, whichever event changed them. */
function withProduct(doc: ProductDocument, product: Partial<ProductRow>): ProductDocument {
  const next = { ...doc, ...Object.fromEntries(Object.entries(product).filter(([, value]) => value !== undefined)) } as ProductDocument;
  const group = next.group.map((part) => normalizeForSearch(part));
  return {
    ...next,
    groupKey: next.group.join(' > '),
    groupPaths: group.map((_, depth) => group.slice(0, depth + 1).join(' > ')),
    searchText: normalizeForSearch(
      [next.itemNumber, next.manufacturerRef, next.name, next.manufacturer, next.group.join(' '), next.description].join(' '),
    ),
    title: normalizeForSearch([next.itemNumber, next.manufacturerRef, next.name].join(' ')),
    keys: [...new Set([next.itemNumber, next.manufacturerRef].map((key) => normalizeForSearch(key)).filter(Boolean))],
  };
}

/** The flag follows listed and discontinued, whichever event changed them. */
const withFlags = (doc: ProductDocument | null): ProductDocument | null =>
  doc && (doc.searchable === (doc.listed && !doc.discontinued) ? doc : { ...doc, searchable: doc.listed && !doc.discontinued });

function withAgreements(doc: ProductDocument, municipalityId: string, periods: readonly AgreementPeriod[]): ProductDocument {
  const agreements = [...doc.agreements.filter((period) => period.municipalityId !== municipalityId), ...periods];
  return { ...doc, agreements, agreementMunicipalities: [...new Set(agreements.map((period) => period.municipalityId))].sort() };
}

export const productsProjection: Projection<ProductDocument, Event> = {
  readModel: productsReadModel,
  handles: ['ProductAdded', 'ProductChanged', 'ProductDiscontinued', 'ProductReinstated', 'AgreementAssortmentSet'],
  documentIds: (event) =>
    event.type === 'AgreementAssortmentSet'
      ? [...new Set([...event.data.items.map((item) => item.itemNumber), ...event.data.removedItemNumbers])]
      : [event.data.itemNumber],

  evolve: (doc, event, itemNumber) => withFlags(evolve(doc, event, itemNumber)),
};

function evolve(doc: ProductDocument | null, event: Event, itemNumber: string): ProductDocument | null {
  switch (event.type) {
    case 'ProductAdded':
      return withProduct({ ...(doc ?? EMPTY), listed: true, discontinued: false }, event.data);
    case 'ProductChanged':
      return doc && withProduct(doc, event.data);
    case 'ProductDiscontinued':
      return doc && { ...doc, discontinued: true };
    case 'ProductReinstated':
      return doc && { ...doc, discontinued: false };
    case 'AgreementAssortmentSet': {
      const periods = event.data.items
        .filter((item) => item.itemNumber === itemNumber)
        .map((item) => ({
          municipalityId: event.data.municipalityId,
          pricePerSalesUnit: item.pricePerSalesUnit,
          validFrom: item.validFrom,
          validTo: item.validTo ?? OPEN_ENDED,
        }));
      const next = withAgreements(doc ?? { ...EMPTY, itemNumber }, event.data.municipalityId, periods);
      // A placeholder that no longer holds any agreement has nothing left to say.
      return !next.listed && next.agreements.length === 0 ? null : next;
    }
  }
}
