import type { Role } from '../shared/actor.js';
import { notFound } from '../shared/domain-error.js';
import type { Principal } from './principal.js';

/**
 * Record-level access (DOMAIN §6), in one place. Route-level role checks live on the routes (@Allow) and are
 * enforced by the auth guard; this decides which records a permitted caller may see. Another municipality's
 * record answers 404, never revealing that it exists.
 */
const ALL_MUNICIPALITIES: readonly Role[] = ['customer_service', 'auditor', 'admin', 'integration', 'system'];

/** The one municipality the caller is confined to, or null for the supplier's staff who see all. */
export function municipalityScope(principal: Principal): string | null {
  if (ALL_MUNICIPALITIES.includes(principal.role)) return null;
  // A municipal user without a municipality sees nothing: scope to an id no municipality has.
  return principal.municipalityId ?? '\u0000none';
}

/**
 * Whom a citizen's record concerns: their municipality, and whether they are removed (DECEASED, MOVED_AWAY:
 * hidden from most). The citizens context builds it (citizenScope); the policy needs no more of the citizen.
 */
export interface CitizenScope {
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly removed: boolean;
}

/**
 * DOMAIN §2.3: a removed citizen (DECEASED, MOVED_AWAY) is gone from every municipal view; the supplier's
 * customer service (who may reopen them) and auditors still see them.
 */
const SEE_REMOVED: readonly Role[] = ['customer_service', 'auditor', 'admin', 'system'];
export const maySeeRemovedCitizens = (principal: Principal): boolean => SEE_REMOVED.includes(principal.role);

export function canSeeCitizen(principal: Principal, citizen: CitizenScope): boolean {
  if (citizen.removed && !maySeeRemovedCitizens(principal)) return false;
  if (principal.role === 'citizen') return principal.userId === citizen.citizenId;
  const scope = municipalityScope(principal);
  return scope === null || scope === citizen.municipalityId;
}

export function assertCanSeeCitizen(principal: Principal, citizen: CitizenScope | null): void {
  if (!citizen || !canSeeCitizen(principal, citizen)) throw notFound('Citizen not found');
}

/** Grant areas the caller may see within a municipality: municipal users only their own; others all. */
export function visibleGrantAreas(principal: Principal, areas: readonly string[]): string[] {
  if (['caseworker', 'nurse', 'orderer'].includes(principal.role)) return areas.filter((area) => principal.grantAreas.includes(area));
  return [...areas];
}
