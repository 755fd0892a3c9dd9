import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';

/**
 * The municipalities, for the administrators' list ("Kommuner"): one document per municipality as its latest
 * MunicipalityRegistered/MunicipalityUpdated left it. A municipality is never removed.
 */
export const municipalitiesReadModel: ReadModelDefinition = {
  name: 'municipalities',
  version: 1,
  indexes: [{ field: 'municipalityId', kind: 'sort' }],
};

export interface MunicipalityDocument {
  /** The 3-digit municipality code: the document's id. */
  readonly municipalityId: string;
  readonly name: string;
  /** normalizeForSearch of the name: the list's filter matches it case- and accent-insensitively. */
  readonly nameKey: string;
  readonly postalCodeCount: number;
  readonly grantAreas: readonly string[];
}
