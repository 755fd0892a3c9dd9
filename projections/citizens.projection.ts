import type { CitizenEvent } from '../src/citizens/citizen.events.js';
import type { GrantEvent } from '../src/grants/grant.events.js';
import { maskCpr } from '../src/citizens/cpr.js';
import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import { areaItem, citizensReadModel, type CitizenDocument } from '../read-models/citizens/citizens.read-model.js';
import { usernameKey } from '../read-models/users/users.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';
import { ERASED, isErased } from '../src/shared/personal-data.js';

type GrantLineEvent = Extract<
  GrantEvent,
  { type: 'GrantLineAdded' | 'GrantLineInactivated' | 'GrantLineReactivated' | 'GrantLinesInactivatedForStatus' | 'GrantLinesRestored' }
>;
type Event = ProjectedEvent<CitizenEvent['type'] | GrantLineEvent['type']> & (CitizenEvent | GrantLineEvent);

/** What search needs of the grant: the areas and item numbers of the active lines (DOMAIN §2.2). */
function withGrantLines(doc: CitizenDocument, grantLines: CitizenDocument['grantLines']): CitizenDocument {
  const active = Object.values(grantLines).filter((line) => line.active);
  return {
    ...doc,
    grantLines,
    grantAreas: [...new Set(active.map((line) => line.grantArea))].sort(),
    activeItemNumbers: [...new Set(active.map((line) => line.itemNumber))].sort(),
    activeAreaItems: [...new Set(active.map((line) => areaItem(line.grantArea, line.itemNumber)))].sort(),
  };
}

const searchKeys = (doc: Pick<CitizenDocument, 'firstName' | 'lastName' | 'address'>) => ({
  nameSearch: normalizeForSearch(`${doc.firstName} ${doc.lastName}`),
  sortName: normalizeForSearch(`${doc.lastName} ${doc.firstName}`),
  streetSearch: normalizeForSearch(doc.address.street),
  citySearch: normalizeForSearch(doc.address.city),
});

/**
 * The CPR number's derived fields. An erased citizen's events read `slettet` where the number was (a rebuild
 * after the erasure): no birth part to search by, and `slettet` shown where the masked number was.
 */
const cprFields = (cpr: string) =>
  isErased(cpr) ? { cpr, cprBirthPart: null, cprMasked: ERASED } : { cpr, cprBirthPart: cpr.slice(0, 6), cprMasked: maskCpr(cpr) };

const webshopLogin = (webshopUsername: string) => ({
  webshopUsername,
  // An erased username matches no login (and every erased citizen's reads the same).
  webshopUsernameKey: isErased(webshopUsername) ? null : usernameKey(webshopUsername),
});

/** While removed and not erased: the retention job's candidate, ordered by the removal (citizens.read-model.ts). */
const withRemoval = (doc: CitizenDocument, removedAt: string | null): CitizenDocument => ({
  ...doc,
  removedAt,
  retentionKey: removedAt !== null && !doc.erased ? `${removedAt} ${doc.citizenId}` : null,
});

/**
 * GDPR erasure: every personal field blanked at once, so nothing personal stays in the read model even without a
 * rebuild (after one, the events themselves read `slettet`). Search keys empty: no name, street or city finds
 * the citizen, and no CPR number or username either.
 */
function erased(doc: CitizenDocument): CitizenDocument {
  return {
    ...doc,
    ...cprFields(ERASED),
    birthDate: ERASED,
    gender: ERASED,
    firstName: ERASED,
    lastName: ERASED,
    address: { street: ERASED, postalCode: ERASED, city: ERASED },
    phone: doc.phone === null ? null : ERASED,
    email: doc.email === null ? null : ERASED,
    ...webshopLogin(ERASED),
    nameSearch: '',
    sortName: '',
    streetSearch: '',
    citySearch: '',
    erased: true,
    retentionKey: null,
  };
}


export const citizensProjection: Projection<CitizenDocument, Event> = {
  readModel: citizensReadModel,
  handles: [
    'CitizenRegistered',
    'CitizenContactDetailsChanged',
    'CitizenStatusChanged',
    'CitizenRemoved',
    'CitizenReopened',
    'CitizenCprChanged',
    'CitizenNameChanged',
    'CitizenWebshopUsernameChanged',
    'CitizenPersonalDataErased',
    'GrantLineAdded',
    'GrantLineInactivated',
    'GrantLineReactivated',
    'GrantLinesInactivatedForStatus',
    'GrantLinesRestored',
  ],
  documentIds: (event) => [event.data.citizenId],

  evolve(doc, event) {
    switch (event.type) {
      case 'CitizenRegistered': {
        const data = event.data;
        const base = {
          citizenId: data.citizenId,
          municipalityId: data.municipalityId,
          ...cprFields(data.cpr),
          birthDate: data.birthDate,
          gender: data.gender,
          firstName: data.firstName,
          lastName: data.lastName,
          address: data.address,
          phone: data.phone ?? null,
          email: data.email ?? null,
          ...webshopLogin(data.webshopUsername),
          status: data.status,
          removedAt: null,
          erased: false,
          retentionKey: null,
          grantLines: {},
          grantAreas: [],
          activeItemNumbers: [],
          activeAreaItems: [],
          registeredAt: event.metadata.occurredAt,
        };
        return { ...base, ...searchKeys(base) };
      }
      case 'CitizenContactDetailsChanged': {
        if (!doc) return null;
        const { address, phone, email } = event.data;
        const next = {
          ...doc,
          address: address ?? doc.address,
          phone: phone === undefined ? doc.phone : phone,
          email: email === undefined ? doc.email : email,
        };
        return { ...next, ...searchKeys(next) };
      }
      // Status is all that search and access need: "removed" citizens (DOMAIN §2.3) stay, marked by it.
      case 'CitizenStatusChanged':
        return doc && { ...doc, status: event.data.to };
      case 'CitizenRemoved':
        return doc && withRemoval({ ...doc, status: event.data.status }, event.metadata.occurredAt);
      case 'CitizenReopened':
        return doc && withRemoval({ ...doc, status: 'ACTIVE' }, null);
      case 'CitizenPersonalDataErased':
        return doc && erased(doc);
      case 'CitizenAcceptedTerms':
      case 'CitizenWebshopOneTimePasswordIssued':
        return doc; // not handled: nothing search needs
      case 'CitizenCprChanged': {
        const { cpr, birthDate, gender } = event.data;
        const login = event.data.webshopUsername ? webshopLogin(event.data.webshopUsername) : {};
        return doc && { ...doc, ...cprFields(cpr), birthDate, gender, ...login };
      }
      case 'CitizenNameChanged': {
        if (!doc) return null;
        const next = { ...doc, firstName: event.data.firstName, lastName: event.data.lastName };
        return { ...next, ...searchKeys(next) };
      }
      case 'CitizenWebshopUsernameChanged':
        return doc && { ...doc, ...webshopLogin(event.data.webshopUsername) };
      case 'GrantLinesInactivatedForStatus':
      case 'GrantLinesRestored': {
        if (!doc) return null;
        const active = event.type === 'GrantLinesRestored';
        const lines = { ...doc.grantLines };
        for (const lineId of event.data.lineIds) if (lines[lineId]) lines[lineId] = { ...lines[lineId], active };
        return withGrantLines(doc, lines);
      }
      case 'GrantLineAdded': {
        if (!doc) return null;
        const { lineId, itemNumber, grantArea } = event.data;
        return withGrantLines(doc, { ...doc.grantLines, [lineId]: { itemNumber, grantArea, active: true } });
      }
      case 'GrantLineInactivated':
      case 'GrantLineReactivated': {
        const line = doc?.grantLines[event.data.lineId];
        if (!doc || !line) return doc;
        return withGrantLines(doc, { ...doc.grantLines, [event.data.lineId]: { ...line, active: event.type === 'GrantLineReactivated' } });
      }
    }
  },
};
