import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { callerPrice } from '../../src/catalogue/agreement-price.js';
import { GetGrant, type GrantCitizen, type GrantOverview } from '../../src/grants/grant.queries.js';
import { grantView, type LineCatalogueFacts } from '../../src/grants/grant-view.js';
import { initialGrantState } from '../../src/grants/grant.state.js';
import { canSeeCitizen } from '../../src/kernel/access-policy.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { citizenScopeOf, citizensReadModel, type CitizenDocument } from '../citizens/citizens.read-model.js';
import { productsReadModel, type ProductDocument } from '../products/products.read-model.js';
import { grantsReadModel, type GrantDocument } from './grants.read-model.js';

/** Star and price of each product for one municipality on one date (DOMAIN §3). */
export async function catalogueFacts(store: ReadModelStore, itemNumbers: readonly string[], municipalityId: string, today: string) {
  if (itemNumbers.length === 0) return () => null;
  const { items } = await store.find<ProductDocument>(productsReadModel.name, {
    where: [{ field: 'itemNumber', op: 'in', values: [...new Set(itemNumbers)] }],
    sort: [],
    page: 1,
    pageSize: 200,
  });
  const byItem = new Map(items.map((doc) => [doc.itemNumber, doc]));
  return (itemNumber: string): LineCatalogueFacts | null => {
    const doc = byItem.get(itemNumber);
    if (!doc?.listed) return null;
    const period = doc.agreements.find((candidate) => candidate.municipalityId === municipalityId && candidate.validFrom <= today && today <= candidate.validTo);
    return { name: doc.name, salesUnit: doc.salesUnit, ...callerPrice(doc, period?.pricePerSalesUnit ?? null) };
  };
}

/** The grant page's heading: who the citizen is and where an order goes, from the citizen's document. */
export const grantCitizenOf = (doc: CitizenDocument): GrantCitizen => ({
  name: `${doc.firstName} ${doc.lastName}`,
  cprMasked: doc.cprMasked,
  address: doc.address,
  status: doc.status,
});

@QueryHandler(GetGrant)
export class GetGrantHandler implements IQueryHandler<GetGrant> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, citizenId, includeInactive, today }: GetGrant): Promise<GrantOverview | null> {
    const citizen = await this.store.get<CitizenDocument>(citizensReadModel.name, citizenId);
    if (!citizen || !canSeeCitizen(principal, citizenScopeOf(citizen))) return null;
    const grant = await this.store.get<GrantDocument>(grantsReadModel.name, citizenId);
    const state = grant?.state ?? initialGrantState;
    const lines = state.status === 'granted' ? state.lines : [];
    const view = grantView({
      citizenId,
      state,
      today,
      includeInactive,
      viewer: { role: principal.role, grantAreas: principal.grantAreas },
      catalogue: await catalogueFacts(this.store, lines.map((line) => line.itemNumber), citizen.municipalityId, today),
    });
    return { citizenId: view.citizenId, citizen: grantCitizenOf(citizen), areas: view.areas };
  }
}
