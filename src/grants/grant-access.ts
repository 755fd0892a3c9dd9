import type { Role } from '../shared/actor.js';

/**
 * The caller, as far as grants care. Caseworkers, nurses and orderers are scoped to `grantAreas`: exactly the
 * areas listed, so an empty list means none (fail closed). For roles without area scoping (customer service,
 * …) the list is empty and means all areas. Only caseworkers and nurses change grants (DOMAIN §6).
 */
export interface GrantActor {
  readonly role: Role;
  readonly grantAreas: readonly string[];
}

export const AREA_SCOPED_ROLES: readonly Role[] = ['caseworker', 'nurse', 'orderer'];

/** Whether the caller may see and act on lines of `grantArea` (API.md: GRANT_AREA_FORBIDDEN, left out of views). */
export const mayActInGrantArea = (actor: GrantActor, grantArea: string): boolean =>
  !AREA_SCOPED_ROLES.includes(actor.role) || actor.grantAreas.includes(grantArea);

