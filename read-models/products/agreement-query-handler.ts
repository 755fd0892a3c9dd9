import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetAgreement, type AgreementItemView } from '../../src/catalogue/catalogue.queries.js';
import { normalizeForSearch } from '../../src/citizens/search-normalize.js';
import { municipalityDecider, municipalityStream } from '../../src/identity/municipality.decider.js';
import { READ_MODEL_STORE, type Condition, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { STREAM_READER, type StreamReader } from '../../src/kernel/stream-reader.js';
import { onAgreementToday } from './product-query-handlers.js';
import { OPEN_ENDED, productsReadModel, type ProductDocument } from './products.read-model.js';

/**
 * GET /municipalities/:id/agreement (DOMAIN §3): a municipality's agreement assortment, item by item, with the
 * product's name beside each item number.
 *
 * Decision: answered from the products read model, not folded from the agreement stream. The stream is one
 * per municipality, but each AgreementAssortmentSet carries the whole assortment (thousands of items in the
 * demo's and a real contract's size), so a fold reads every version ever set and still has to join the
 * catalogue for names. The products projection already keeps each product's agreement periods per
 * municipality, with an index on the municipalities (`agreementMunicipalities`): one paged, filtered query
 * gives the items, their names and their periods together, and read-your-writes (`consistentWith`) works as
 * for every other read model. Paged by item number; a page holds every period of its items.
 */
@QueryHandler(GetAgreement)
export class GetAgreementHandler implements IQueryHandler<GetAgreement> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(STREAM_READER) private readonly reader: StreamReader,
  ) {}

  async execute({ municipalityId, criteria, today }: GetAgreement) {
    // An unknown municipality is a 404, not an empty agreement: its stream is small, and read as the PUT reads it.
    const municipality = await this.reader.load(municipalityStream(municipalityId), municipalityDecider);
    if (municipality.state.status !== 'registered') return null;
    const words = normalizeForSearch(criteria.q ?? '').split(' ').filter(Boolean);
    const where: Condition[] = [
      ...(criteria.validToday ? onAgreementToday(municipalityId, today) : [{ field: 'agreementMunicipalities', op: 'has' as const, value: municipalityId }]),
      // The title is the normalized item number, manufacturer reference and name.
      ...words.map((word): Condition => ({ field: 'title', op: 'contains', value: word })),
    ];
    const page = await this.store.find<ProductDocument>(productsReadModel.name, {
      where,
      sort: [{ field: 'itemNumber', direction: 'asc' }],
      page: criteria.page,
      pageSize: criteria.pageSize,
    });
    return { items: page.items.map((doc) => agreementItem(doc, municipalityId, today)), total: page.total };
  }
}

function agreementItem(doc: ProductDocument, municipalityId: string, today: string): AgreementItemView {
  const periods = doc.agreements
    .filter((period) => period.municipalityId === municipalityId)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))
    .map((period) => ({
      pricePerSalesUnit: period.pricePerSalesUnit,
      validFrom: period.validFrom,
      validTo: period.validTo === OPEN_ENDED ? null : period.validTo,
      validToday: period.validFrom <= today && today <= period.validTo,
    }));
  return {
    itemNumber: doc.itemNumber,
    name: doc.name,
    inCatalogue: doc.listed,
    discontinued: doc.discontinued,
    salesUnit: doc.salesUnit,
    listPrice: doc.listPrice,
    periods,
    priceToday: periods.find((period) => period.validToday)?.pricePerSalesUnit ?? null,
  };
}
