import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizeForSearch } from '../../src/citizens/search-normalize.js';
import { ListMunicipalities, type MunicipalityRowView } from '../../src/identity/identity.queries.js';
import { READ_MODEL_STORE, type Condition, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { municipalitiesReadModel, type MunicipalityDocument } from './municipalities.read-model.js';

/** More than Denmark's 98 municipalities: the list is one page. */
const MUNICIPALITIES_LIMIT = 1_000;

/** Digits look up the number (from its start); anything else the name, case- and accent-insensitively. */
function filterOf(q: string | undefined): Condition[] {
  const typed = q?.trim() ?? '';
  if (typed === '') return [];
  if (/^\d+$/.test(typed)) return [{ field: 'municipalityId', op: 'prefix', value: typed }];
  return [{ field: 'nameKey', op: 'contains', value: normalizeForSearch(typed) }];
}

@QueryHandler(ListMunicipalities)
export class ListMunicipalitiesHandler implements IQueryHandler<ListMunicipalities> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ q }: ListMunicipalities): Promise<MunicipalityRowView[]> {
    const { items } = await this.store.find<MunicipalityDocument>(municipalitiesReadModel.name, {
      where: filterOf(q),
      sort: [{ field: 'municipalityId', direction: 'asc' }],
      page: 1,
      pageSize: MUNICIPALITIES_LIMIT,
    });
    return items.map((doc) => ({ id: doc.municipalityId, name: doc.name, postalCodeCount: doc.postalCodeCount, grantAreas: doc.grantAreas }));
  }
}
