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

/** Who adds, changes, inactivates and reactivates grant lines (DOMAIN §6); the service refuses everyone else. */
export const mayChangeGrants = (role: string | undefined): boolean => role === 'caseworker' || role === 'nurse';
