import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import type { MunicipalityEvent } from '../src/identity/identity.events.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';
import { municipalitiesReadModel, type MunicipalityDocument } from '../read-models/municipalities/municipalities.read-model.js';

type Event = ProjectedEvent<MunicipalityEvent['type']> & MunicipalityEvent;

/** Both events carry the municipality's whole details, so each replaces the document. */
export const municipalitiesProjection: Projection<MunicipalityDocument, Event> = {
  readModel: municipalitiesReadModel,
  handles: ['MunicipalityRegistered', 'MunicipalityUpdated'],
  documentIds: (event) => [event.data.municipalityId],
  evolve: (_doc, event) => ({
    municipalityId: event.data.municipalityId,
    name: event.data.name,
    nameKey: normalizeForSearch(event.data.name),
    postalCodeCount: event.data.postalCodes.length,
    grantAreas: event.data.grantAreas,
  }),
};
