/**
 * "Opret ny bruger": the form's fields, what is checked before sending, and the body sent (API.md "Auth and
 * users"). Municipal roles (caseworker, nurse, orderer) belong to one municipality and work within the grant
 * areas given; the supplier's staff have neither (DOMAIN §6).
 */
export interface UserFields {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly municipalityId: string;
  readonly grantAreas: readonly string[];
}

export const EMPTY_USER: UserFields = { username: '', name: '', email: '', role: '', municipalityId: '', grantAreas: [] };

export const MUNICIPAL_ROLES: readonly string[] = ['caseworker', 'nurse', 'orderer'];
/** The roles an administrator gives staff accounts, in the order the form offers them. */
export const STAFF_ROLES: readonly string[] = ['caseworker', 'nurse', 'orderer', 'customer_service', 'auditor', 'admin', 'integration'];

export const isMunicipalRole = (role: string): boolean => MUNICIPAL_ROLES.includes(role);
export const isMunicipalityId = (value: string): boolean => /^\d{3}$/.test(value.trim());

const USERNAME = /^[\p{L}\p{N}._@-]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems found before sending, by field, in Danish. */
export function userProblems(fields: UserFields): Partial<Record<keyof UserFields, string>> {
  const username = fields.username.trim();
  const problems: Partial<Record<keyof UserFields, string>> = {};
  if (username === '') problems.username = 'Udfyld brugernavn.';
  else if (username.length < 3) problems.username = 'Brugernavnet skal have mindst 3 tegn.';
  else if (!USERNAME.test(username)) problems.username = 'Brugernavnet må kun indeholde bogstaver, tal og . _ @ -';
  if (fields.name.trim() === '') problems.name = 'Udfyld navn.';
  if (fields.email.trim() === '') problems.email = 'Udfyld e-mail.';
  else if (!EMAIL.test(fields.email.trim())) problems.email = 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk.';
  if (fields.role === '') problems.role = 'Vælg en rolle.';
  if (isMunicipalRole(fields.role)) {
    if (fields.municipalityId.trim() === '') problems.municipalityId = 'Udfyld kommunenummer.';
    else if (!isMunicipalityId(fields.municipalityId)) problems.municipalityId = 'Kommunenummeret er 3 cifre, fx 101.';
    if (fields.grantAreas.length === 0) problems.grantAreas = 'Vælg mindst ét bevillingsområde.';
  }
  return problems;
}

/** The body of POST /users: a municipality and areas only for a municipal role. */
export function userBody(fields: UserFields) {
  const municipal = isMunicipalRole(fields.role);
  return {
    username: fields.username.trim(),
    name: fields.name.trim(),
    email: fields.email.trim(),
    role: fields.role as 'caseworker',
    municipalityId: municipal ? fields.municipalityId.trim() : null,
    grantAreas: municipal ? [...fields.grantAreas] : [],
  };
}

/** A row's status in Danish: deactivated, locked until a time, or active. */
export function accountStatus(user: { disabled: boolean; lockedUntil: string | null }, formatTime: (iso: string) => string): string {
  if (user.disabled) return 'Deaktiveret';
  if (user.lockedUntil) return `Låst til ${formatTime(user.lockedUntil)}`;
  return 'Aktiv';
}

/** A staff account's page ("Redigér bruger"): the fields as the account stands (the username is not changed). */
export function fieldsOfUser(user: { username: string; name: string; email: string; role: string; municipalityId: string | null; grantAreas: readonly string[] }): UserFields {
  return { username: user.username, name: user.name, email: user.email, role: user.role, municipalityId: user.municipalityId ?? '', grantAreas: [...user.grantAreas] };
}

/** Problems found before sending a change: those of "Opret ny bruger" but the username's. */
export function changeProblems(fields: UserFields): Partial<Record<keyof UserFields, string>> {
  const { username: _username, ...problems } = userProblems(fields);
  return problems;
}

/** The body of PATCH /users/:id: every field but the username; a municipality and areas only for a municipal role. */
export function changeBody(fields: UserFields) {
  const { username: _username, ...body } = userBody(fields);
  return body;
}
