import type { paths } from '../api/schema';

/** A citizen's status (DOMAIN §1) as the API names it, and in the user guide's words. */
export type CitizenStatus = paths['/api/v1/citizens']['get']['responses'][200]['content']['application/json']['items'][number]['status'];

export const CITIZEN_STATUS_NAMES: Readonly<Record<CitizenStatus, string>> = {
  ACTIVE: 'Aktiv',
  GRANT_ENDED: 'Bevilling ophørt',
  OTHER_SUPPLIER: 'Valgt anden leverandør',
  DECEASED: 'Mors',
  MOVED_AWAY: 'Fraflyttet',
};

/** The guide's order: active first, then the two that keep the citizen findable, then the two that remove them. */
export const CITIZEN_STATUSES = Object.keys(CITIZEN_STATUS_NAMES) as CitizenStatus[];

/** DOMAIN §2.3: Mors and Fraflyttet remove the citizen and the grant from every municipal view at once. */
export const isRemovalStatus = (status: CitizenStatus): boolean => status === 'DECEASED' || status === 'MOVED_AWAY';

export const isCitizenStatus = (value: unknown): value is CitizenStatus => typeof value === 'string' && value in CITIZEN_STATUS_NAMES;
