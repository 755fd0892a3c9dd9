import { describe, expect, it } from '@jest/globals';
import { citizensProjection } from '../../projections/citizens.projection.js';
import type { ProjectedEvent } from '../../src/kernel/projection.js';
import { usersProjection } from '../../projections/users.projection.js';
import { decodeEvent } from '../../src/composition/projections.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { recordedEvent } from '../support/recorded-events.js';
import { applyBatch, decodeEvents } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';

const recorded = (streamName: string, type: string, data: unknown) => recordedEvent(streamName, type, data);

const registered = recorded('citizen-c1', 'CitizenRegistered', {
  citizenId: 'c1',
  municipalityId: '101',
  cpr: '0101901234',
  birthDate: '1990-01-01',
  gender: 'female',
  firstName: 'Åse',
  lastName: 'Brødsgaard',
  address: { street: 'Ølgade 3', postalCode: '2100', city: 'København Ø' },
  webshopUsername: '0101901234',
  status: 'ACTIVE',
});
const moved = recorded('citizen-c1', 'CitizenContactDetailsChanged', {
  citizenId: 'c1',
  address: { street: 'Nørregade 9', postalCode: '1150', city: 'København K' },
  phone: '12345678',
});

function project(events: RecordedEvent[], stored = new Map<string, StoredDocument>()) {
  const outcome = applyBatch(citizensProjection, decodeEvents(citizensProjection, decodeEvent, events, 1), stored, { attempts: 1 });
  return outcome.documents;
}

describe('The citizens read model (DOMAIN §2.2 search rows, the citizen profile)', () => {
  it('a registered citizen gets a masked CPR, the birth-date part, and normalised search keys', () => {
    const doc = citizensProjection.evolve(null, decodeEvent(registered) as ProjectedEvent<'CitizenRegistered'> as never, 'c1');
    expect(doc).toMatchObject({
      citizenId: 'c1',
      cprMasked: '010190-XXXX',
      cprBirthPart: '010190',
      nameSearch: 'aase broedsgaard',
      sortName: 'broedsgaard aase',
      streetSearch: 'oelgade 3',
      status: 'ACTIVE',
      grantAreas: [],
    });
  });

  it('a change of address moves the search keys with it', () => {
    const doc = JSON.parse(project([registered, moved]).get('c1')!.json);
    expect(doc).toMatchObject({ address: { street: 'Nørregade 9', postalCode: '1150' }, streetSearch: 'noerregade 9', phone: '12345678' });
  });

  it('the same events delivered twice change nothing the second time', () => {
    const first = project([registered, moved]);
    const stored = new Map([...first].map(([id, doc]) => [id, doc!]));
    expect(project([registered, moved], stored).size).toBe(0);
  });
});

describe('The users read model (login by username, the administrators\' list)', () => {
  const created = recorded('user-u1', 'UserCreated', {
    userId: 'u1',
    username: 'Signe.KBH',
    name: 'Signe',
    email: 's@example.invalid',
    role: 'nurse',
    municipalityId: '101',
    grantAreas: ['Stomi'],
  });

  it('usernames are looked up case-insensitively, and disabling is reflected', () => {
    const disabled = recorded('user-u1', 'UserDisabled', { userId: 'u1' });
    const outcome = applyBatch(usersProjection, decodeEvents(usersProjection, decodeEvent, [created, disabled], 1), new Map(), { attempts: 1 });
    expect(JSON.parse(outcome.documents.get('u1')!.json)).toMatchObject({ usernameKey: 'signe.kbh', disabled: true, grantAreas: ['Stomi'] });
  });
});
