import { describe, expect, it } from '@jest/globals';
import { municipalitiesProjection } from '../../projections/municipalities.projection.js';
import type { MunicipalityDocument } from '../../read-models/municipalities/municipalities.read-model.js';
import { decodeEvent } from '../../src/composition/projections.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { applyBatch, decodeEvents } from '../../src/infrastructure/projections/apply-batch.js';
import { recordedEvent } from '../support/recorded-events.js';

const details = (name: string, postalCodes: string[], grantAreas: string[]) => ({ name, postalCodes, grantAreas });

function project(events: RecordedEvent[]): Map<string, MunicipalityDocument | null> {
  const outcome = applyBatch(municipalitiesProjection, decodeEvents(municipalitiesProjection, decodeEvent, events, 1), new Map(), { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return new Map([...outcome.documents].map(([id, doc]) => [id, doc && (JSON.parse(doc.json) as MunicipalityDocument)]));
}

describe('The municipalities read model (the administrators\' "Kommuner")', () => {
  it('a registered municipality is one document: number, name, a searchable name, postal-code count, grant areas', () => {
    const docs = project([recordedEvent('municipality-851', 'MunicipalityRegistered', { municipalityId: '851', ...details('Ærø', ['5970', '5960'], ['Stomi']) })]);
    expect(docs.get('851')).toEqual({ municipalityId: '851', name: 'Ærø', nameKey: 'aeroe', postalCodeCount: 2, grantAreas: ['Stomi'] });
  });

  it('an update replaces the details; other municipalities are not touched', () => {
    const docs = project([
      recordedEvent('municipality-851', 'MunicipalityRegistered', { municipalityId: '851', ...details('Aalborg', ['9000'], ['Stomi']) }),
      recordedEvent('municipality-461', 'MunicipalityRegistered', { municipalityId: '461', ...details('Odense', ['5000'], ['Diabetes']) }),
      recordedEvent('municipality-851', 'MunicipalityUpdated', { municipalityId: '851', ...details('Aalborg Kommune', ['9000', '9200'], ['Stomi', 'Kateter']) }),
    ]);
    expect(docs.get('851')).toEqual({ municipalityId: '851', name: 'Aalborg Kommune', nameKey: 'aalborg kommune', postalCodeCount: 2, grantAreas: ['Stomi', 'Kateter'] });
    expect(docs.get('461')?.name).toBe('Odense');
  });
});
