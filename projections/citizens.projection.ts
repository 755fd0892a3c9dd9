import type { CitizenEvent } from '../src/citizens/citizen.events.js';
import type { GrantEvent } from '../src/grants/grant.events.js';
import { maskCpr } from '../src/citizens/cpr.js';
import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import { areaItem, citizensReadModel, type CitizenDocument } from '../read-models/citizens/citizens.read-model.js';
import { usernameKey } from '../read-models/users/users.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

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
          cpr: data.cpr,
          cprBirthPart: data.cpr.slice(0, 6),
          cprMasked: maskCpr(data.cpr),
          birthDate: data.birthDate,
          gender: data.gender,
          firstName: data.firstName,
          lastName: data.lastName,
          address: data.address,
          phone: data.phone ?? null,
          email: data.email ?? null,
          webshopUsername: data.webshopUsername,
          webshopUsernameKey: usernameKey(data.webshopUsername),
          status: data.status,
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
        return doc && { ...doc, status: event.data.status };
      case 'CitizenReopened':
        return doc && { ...doc, status: 'ACTIVE' };
      case 'CitizenAcceptedTerms':
      case 'CitizenWebshopOneTimePasswordIssued':
        return doc; // not handled: nothing search needs
      case 'CitizenCprChanged': {
        const { cpr, birthDate, gender } = event.data;
        const login = event.data.webshopUsername ? { webshopUsername: event.data.webshopUsername, webshopUsernameKey: usernameKey(event.data.webshopUsername) } : {};
        return doc && { ...doc, cpr, cprBirthPart: cpr.slice(0, 6), cprMasked: maskCpr(cpr), birthDate, gender, ...login };
      }
      case 'CitizenNameChanged': {
        if (!doc) return null;
        const next = { ...doc, firstName: event.data.firstName, lastName: event.data.lastName };
        return { ...next, ...searchKeys(next) };
      }
      case 'CitizenWebshopUsernameChanged':
        return doc && { ...doc, webshopUsername: event.data.webshopUsername, webshopUsernameKey: usernameKey(event.data.webshopUsername) };
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
