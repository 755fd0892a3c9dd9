import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import { isRemovalStatus, type CitizenStatus } from '../../src/citizens/citizen.events.js';
import type { CitizenScope } from '../../src/kernel/access-policy.js';
import type { Erased } from '../../src/shared/personal-data.js';

const ACTIVE = { field: 'status', op: 'eq', value: 'ACTIVE' } as const;

/** One document per citizen: serves the search (DOMAIN §2.2) and the citizen profile. */
export const citizensReadModel: ReadModelDefinition = {
  name: 'citizens',
  // 6: removedAt, erased and retentionKey (GDPR erasure); an erased citizen's personal fields blanked.
  version: 6,
  indexes: [
    { field: 'municipalityId', kind: 'equals' },
    // A caseworker's search is of the municipality's active citizens (the status the search starts on): one index
    // for both, rather than a bitmap of the municipality's citizens ANDed with one of every active citizen.
    { field: 'municipalityId', kind: 'equals', where: [ACTIVE] },
    { field: 'cpr', kind: 'equals' },
    { field: 'cprBirthPart', kind: 'equals' },
    { field: 'status', kind: 'equals' },
    { field: 'nameSearch', kind: 'contains' },
    { field: 'streetSearch', kind: 'contains' },
    { field: 'citySearch', kind: 'contains' },
    // Customer service searches every municipality's active citizens by name, street or city: the trigram
    // candidates of a common name part are then the country's, most of them not active. These hold the active
    // ones alone (about one in eight in the generated history), so a search reads and rechecks only those.
    ...(['nameSearch', 'streetSearch', 'citySearch'] as const).map((field) => ({ field, kind: 'contains' as const, where: [ACTIVE] })),
    { field: 'address.postalCode', kind: 'equals' },
    { field: 'grantAreas', kind: 'array' },
    { field: 'activeItemNumbers', kind: 'array' },
    { field: 'activeAreaItems', kind: 'array' },
    { field: 'sortName', kind: 'sort' },
    { field: 'webshopUsernameKey', kind: 'equals' },
    // The retention job's walk over removed citizens not yet erased: a range on the key, in its order.
    { field: 'retentionKey', kind: 'equals' },
    { field: 'retentionKey', kind: 'sort' },
  ],
};

/**
 * One citizen. Once their personal data is erased (GDPR: `erased`), every personal field reads `slettet`, or null
 * where null fits (a search key, the CPR's birth part, the username's key), so that no search finds them by it.
 */
export interface CitizenDocument {
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly cpr: string;
  /** The first 6 digits (DDMMYY), for searches by birth date; null once erased. */
  readonly cprBirthPart: string | null;
  readonly cprMasked: string;
  readonly birthDate: string;
  readonly gender: 'male' | 'female' | Erased;
  readonly firstName: string;
  readonly lastName: string;
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string };
  readonly phone: string | null;
  readonly email: string | null;
  readonly webshopUsername: string;
  /** The webshop login's username as matched (case-insensitively), like staff usernames; null once erased. */
  readonly webshopUsernameKey: string | null;
  readonly status: CitizenStatus;
  /** When the removal now in force happened (its event's occurredAt); null while the citizen is not removed. */
  readonly removedAt: string | null;
  /** The citizen's personal data is erased (CitizenPersonalDataErased). */
  readonly erased: boolean;
  /**
   * `<removedAt> <citizenId>` while removed and not erased, else null: unique, and ordered by the removal, so the
   * retention job pages through the candidates by it (retention-candidates.ts).
   */
  readonly retentionKey: string | null;
  /** Normalized (case, accents) search keys; see normalizeForSearch. */
  readonly nameSearch: string;
  readonly streetSearch: string;
  readonly citySearch: string;
  readonly sortName: string;
  /** The grant's lines as search needs them, by line id. */
  readonly grantLines: Readonly<Record<string, { readonly itemNumber: string; readonly grantArea: string; readonly active: boolean }>>;
  /** Grant areas and item numbers of the citizen's active grant lines. */
  readonly grantAreas: readonly string[];
  readonly activeItemNumbers: readonly string[];
  /** `area|itemNumber` of each active line: a search by item number within the caller's grant areas. */
  readonly activeAreaItems: readonly string[];
  readonly registeredAt: string;
}

export const areaItem = (grantArea: string, itemNumber: string): string => `${grantArea}|${itemNumber}`;

/** The citizen as record-level access sees them (kernel/access-policy.ts). */
export const citizenScopeOf = (doc: CitizenDocument): CitizenScope => ({ citizenId: doc.citizenId, municipalityId: doc.municipalityId, removed: isRemovalStatus(doc.status) });
