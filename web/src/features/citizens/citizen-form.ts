/**
 * The fields of a citizen's record as the forms hold them ("Opret ny borger …", "Brugerdata"), the checks made
 * before sending (the service checks them again and has the last word), and what a change of contact details
 * sends: only what changed, so that saving an untouched form changes nothing.
 */
export interface ContactFields {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly phone: string;
  readonly email: string;
}

export interface RegistrationFields extends ContactFields {
  readonly cpr: string;
  readonly webshopUsername: string;
  readonly firstName: string;
  readonly lastName: string;
}

type Problems<T> = Partial<Record<keyof T, string>>;

const blank = (value: string) => value.trim() === '';

export function contactProblems(fields: ContactFields): Problems<ContactFields> {
  return {
    street: blank(fields.street) ? 'Udfyld adressen.' : undefined,
    postalCode: blank(fields.postalCode) ? 'Udfyld postnummeret.' : /^\d{4}$/.test(fields.postalCode.trim()) ? undefined : 'Postnummeret skal have 4 cifre.',
    city: blank(fields.city) ? 'Udfyld byen.' : undefined,
    // The service checks the address itself; this catches the typo that leaves out the @.
    email: blank(fields.email) || /^[^\s@]+@[^\s@]+$/.test(fields.email.trim()) ? undefined : 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
  };
}

export function registrationProblems(fields: RegistrationFields): Problems<RegistrationFields> {
  return {
    cpr: blank(fields.cpr) ? 'Udfyld CPR-nummeret.' : undefined,
    firstName: blank(fields.firstName) ? 'Udfyld fornavn.' : undefined,
    lastName: blank(fields.lastName) ? 'Udfyld efternavn.' : undefined,
    ...contactProblems(fields),
  };
}

const optional = (value: string): string | null => (blank(value) ? null : value.trim());

/** The body of POST /citizens. */
export function registrationBody(fields: RegistrationFields, confirmUnusualCpr: boolean) {
  return {
    cpr: fields.cpr.trim(),
    firstName: fields.firstName.trim(),
    lastName: fields.lastName.trim(),
    address: { street: fields.street.trim(), postalCode: fields.postalCode.trim(), city: fields.city.trim() },
    phone: optional(fields.phone),
    email: optional(fields.email),
    webshopUsername: optional(fields.webshopUsername),
    ...(confirmUnusualCpr ? { confirmUnusualCpr: true } : {}),
  };
}

export interface ContactDetails {
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string };
  readonly phone: string | null;
  readonly email: string | null;
}

export const contactFieldsOf = (details: ContactDetails): ContactFields => ({
  street: details.address.street,
  postalCode: details.address.postalCode,
  city: details.address.city,
  phone: details.phone ?? '',
  email: details.email ?? '',
});

/** The body of PATCH /citizens/:id: what differs from the record; null when nothing does. An emptied field is removed (null). */
export function contactChanges(before: ContactDetails, fields: ContactFields) {
  const address = { street: fields.street.trim(), postalCode: fields.postalCode.trim(), city: fields.city.trim() };
  const addressChanged = address.street !== before.address.street || address.postalCode !== before.address.postalCode || address.city !== before.address.city;
  const phone = optional(fields.phone);
  const email = optional(fields.email);
  const changes = {
    ...(addressChanged ? { address } : {}),
    ...(phone !== (before.phone ?? null) ? { phone } : {}),
    ...(email !== (before.email ?? null) ? { email } : {}),
  };
  return Object.keys(changes).length > 0 ? changes : null;
}
