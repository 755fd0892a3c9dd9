/**
 * What each role may do with citizens (DOMAIN §6, user guide p. 8 "3 forskellige brugerprofiler"). The service
 * refuses the rest anyway (403); the portal hides what a user may not do, so nobody meets a button that fails.
 */
export interface CitizenPermissions {
  /** "Opret ny borger …": the caseworker alone. */
  readonly register: boolean;
  /** Address, phone, e-mail ("Brugerdata"). */
  readonly changeContactDetails: boolean;
  /** "Status": Bevilling ophørt, Valgt anden leverandør, Mors, Fraflyttet, and back to Aktiv. */
  readonly changeStatus: boolean;
  /** "Nulstil adgangskode": a set-password link to the citizen's e-mail. */
  readonly resetWebshopPassword: boolean;
  /** "Genåbn borger": a removed citizen (Mors, Fraflyttet) back, with a reason — customer service alone. */
  readonly reopen: boolean;
  /** "Skift CPR-nummer", with a reason (customer service, PORTAL.md). */
  readonly changeCpr: boolean;
  /** The supplier's staff search across municipalities (and find removed citizens): they need the municipality. */
  readonly acrossMunicipalities: boolean;
}

const may = (role: string, roles: readonly string[]) => roles.includes(role);

export function citizenPermissions(role: string): CitizenPermissions {
  return {
    register: role === 'caseworker',
    changeContactDetails: may(role, ['caseworker', 'nurse', 'orderer', 'customer_service']),
    changeStatus: may(role, ['caseworker', 'nurse']),
    resetWebshopPassword: may(role, ['caseworker', 'customer_service']),
    acrossMunicipalities: may(role, ['customer_service', 'auditor']),
    reopen: role === 'customer_service',
    changeCpr: role === 'customer_service',
  };
}
