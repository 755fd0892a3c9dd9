import type { EventStore } from '../kernel/event-store.port.js';
import { CitizenPersonalDataErased } from '../citizens/citizen.events.js';
import { LocalKeyEncryption } from '../infrastructure/personal-data/local-key-encryption.js';
import { PersonalDataKeys } from '../infrastructure/personal-data/personal-data-keys.js';
import { PersonalDataProtection, type ErasureOf } from '../infrastructure/personal-data/personal-data-protection.js';
import { SqlDataKeyStore } from '../infrastructure/personal-data/sql-data-key-store.js';
import { loadOrCreateSecret, migrateOperationalStore } from '../infrastructure/postgres/operational-store.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import { dataSubject } from '../shared/personal-data.js';
import { createEventRegistry } from './event-registry.js';

export interface PersonalDataSettings {
  readonly PERSONAL_DATA_MASTER_KEY?: string | undefined;
}

/** The events that erase a data subject, and whom. */
const ERASURES: ReadonlyMap<string, ErasureOf> = new Map([[CitizenPersonalDataErased.type, (data) => dataSubject('citizen', String(data.citizenId))]]);

/** The data keys, in the SQL database whichever store holds the events, wrapped by the configured master key. */
export async function openPersonalDataKeys(settings: PersonalDataSettings, db: SqlDatabase): Promise<PersonalDataKeys> {
  const keyStore = await SqlDataKeyStore.open(db);
  let masterKey = settings.PERSONAL_DATA_MASTER_KEY;
  if (!masterKey) {
    await migrateOperationalStore(db);
    masterKey = await loadOrCreateSecret(db, 'personal-data-master-key');
  }
  return new PersonalDataKeys(keyStore, LocalKeyEncryption.fromBase64(masterKey));
}

export const protectPersonalData = (store: EventStore, keys: PersonalDataKeys): EventStore =>
  new PersonalDataProtection(store, keys, createEventRegistry().all(), ERASURES);
