/** The roles (API.md) as the portal names them. */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  caseworker: 'Sagsbehandler',
  nurse: 'Sygeplejerske',
  orderer: 'Bestiller',
  citizen: 'Borger',
  customer_service: 'Kundeservice',
  auditor: 'Revisor',
  admin: 'Administrator',
  integration: 'Integration',
};

export const roleName = (role: string): string => ROLE_NAMES[role] ?? 'Bruger';

/** DOMAIN §6 "place an order": the staff who order on a citizen's behalf (auditors only look). */
const ORDERING_ROLES = new Set(['caseworker', 'nurse', 'orderer', 'customer_service']);
/** DOMAIN §6 "add, edit, inactivate, reactivate grant lines". */
const GRANTING_ROLES = new Set(['caseworker', 'nurse']);

export const mayOrder = (role: string | undefined): boolean => role !== undefined && ORDERING_ROLES.has(role);
export const mayChangeGrants = (role: string | undefined): boolean => role !== undefined && GRANTING_ROLES.has(role);
