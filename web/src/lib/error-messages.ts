import { ApiError, isApiError } from './api-error';
import { formatCount, formatDate, formatDateTime } from './format';

/**
 * The one table from the API's error codes to what a person reads (PORTAL.md: every error in Danish, never a
 * raw code). Add a code here when a page meets a new one; an unknown code gets the generic message.
 */
type Message = string | ((error: ApiError) => string);

const minutes = (seconds: number) => {
  const whole = Math.max(1, Math.ceil(seconds / 60));
  return whole === 1 ? '1 minut' : `${whole} minutter`;
};

const TRY_LATER = 'Prøv igen om lidt.';

const salesUnits = (count: number) => formatCount(count, 'salgsenhed', 'salgsenheder');
const detail = (error: ApiError, key: string): unknown => error.details[key];
const whole = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const date = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : null);

/** EXCEEDS_GRANTED_MAX (DOMAIN §4.2 rule 3): how many remain in the window, and when more can be ordered. */
function exceedsGrantedMax(error: ApiError): string {
  const remaining = whole(detail(error, 'remaining'));
  const next = date(detail(error, 'nextOrderDate'));
  const left = remaining === null ? 'Der er ikke så mange salgsenheder tilbage i perioden' : `Der er ${remaining === 0 ? 'ingen salgsenheder' : salesUnits(remaining)} tilbage i perioden`;
  return next ? `${left}; næste bestillingsdato er ${next}.` : `${left}.`;
}

/** EXCEEDS_PER_ORDER (rule 2): the cap of one order, or that the number must be whole. */
function exceedsPerOrder(error: ApiError): string {
  const perOrder = whole(detail(error, 'salesUnitsPerOrder'));
  return perOrder === null ? 'Antal skal være et helt antal salgsenheder, mindst 1.' : `Der kan højst bestilles ${salesUnits(perOrder)} pr. ordre.`;
}
export const GENERIC_MESSAGE = 'Der opstod en fejl. Prøv igen, og kontakt support, hvis fejlen bliver ved.';

const MESSAGES: Readonly<Record<string, Message>> = {
  // Login and accounts
  INVALID_CREDENTIALS: 'Brugernavn eller adgangskode er forkert.',
  ACCOUNT_LOCKED: (error) => {
    const until = typeof error.details.lockedUntil === 'string' ? ` til ${formatDateTime(error.details.lockedUntil)}` : '';
    return `Din konto er låst${until} efter for mange forkerte forsøg. Vent, eller nulstil din adgangskode via "Glemt adgangskode?".`;
  },
  TOO_MANY_ATTEMPTS: (error) => {
    const seconds = Number(error.details.retryAfterSeconds);
    return `Der har været for mange forkerte forsøg fra din forbindelse. Vent ${Number.isFinite(seconds) ? minutes(seconds) : 'et kvarter'}, og prøv igen.`;
  },
  TOO_MANY_REQUESTS: 'Der har været for mange forsøg. Vent lidt, og prøv igen.',
  TERMS_NOT_ACCEPTED: 'Du skal acceptere brugervilkår og privatlivspolitik for at logge ind.',
  UNAUTHENTICATED: 'Du er blevet logget ud. Log ind igen for at fortsætte.',
  PASSWORD_CHANGE_REQUIRED: 'Din adgangskode er udløbet. Vælg en ny adgangskode, før du fortsætter.',
  PASSWORD_POLICY: 'Den nye adgangskode opfylder ikke kravene.',
  CURRENT_PASSWORD_WRONG: 'Din nuværende adgangskode er forkert.',
  TOKEN_INVALID: 'Linket virker ikke længere. Det er allerede brugt, udløbet eller ugyldigt. Bed om et nyt link via "Glemt adgangskode?".',
  RESET_TOKEN_INVALID: 'Linket virker ikke længere. Det er allerede brugt, udløbet eller ugyldigt. Bed om et nyt link via "Glemt adgangskode?".',
  EMAIL_MISSING: 'Der er ingen e-mailadresse at sende linket til. Tilføj en e-mailadresse under kontaktoplysningerne, og prøv igen.',
  USERNAME_TAKEN: 'Brugernavnet er allerede i brug. Vælg et andet.',
  // Access
  FORBIDDEN: 'Du har ikke adgang til denne funktion.',
  GRANT_AREA_FORBIDDEN: 'Du har ikke adgang til dette bevillingsområde.',
  NOT_FOUND: 'Siden eller oplysningerne findes ikke, eller du har ikke adgang til dem.',
  // Citizens
  CPR_FORMAT: 'CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).',
  CPR_DATE: 'De første seks cifre i CPR-nummeret er ikke en gyldig dato.',
  CPR_CHECKSUM_UNCONFIRMED: 'Kontrollér CPR-nummeret. Er det rigtigt, så bekræft det og gem igen.',
  CPR_ALREADY_REGISTERED: 'Der er allerede oprettet en borger med dette CPR-nummer.',
  CPR_REGISTERED_ELSEWHERE: 'CPR-nummeret er registreret i en anden kommune. Kontakt kundeservice.',
  ADDRESS_OUTSIDE_MUNICIPALITY: 'Postnummeret ligger uden for borgerens kommune.',
  CITIZEN_NOT_ACTIVE: 'Borgeren er ikke aktiv, så der kan hverken bestilles eller ændres i bevillingen.',
  CITIZEN_REMOVED: 'Borgeren er fjernet og kan ikke ændres.',
  CITIZEN_NOT_REMOVED: 'Borgeren er ikke fjernet og kan derfor ikke genåbnes.',
  // Grants and orders
  LINE_ALREADY_ACTIVE: 'Varen er allerede bevilget til borgeren. Ret den med "Redigér" ved varen på bevillingen i stedet.',
  LINE_INACTIVE: 'Varen er inaktiv på bevillingen og kan ikke bestilles.',
  LINE_EXPIRED: 'Bevillingen på varen er udløbet, så den kan ikke bestilles.',
  LINE_NOT_STARTED: (error) => {
    const start = date(detail(error, 'nextOrderDate'));
    return start ? `Bevillingen på varen begynder først ${start}; den kan bestilles fra da.` : 'Bevillingen på varen er ikke begyndt endnu.';
  },
  LINE_NOT_FOUND: 'Varen findes ikke længere på bevillingen. Genindlæs siden.',
  EXCEEDS_PER_ORDER: exceedsPerOrder,
  EXCEEDS_GRANTED_MAX: exceedsGrantedMax,
  ORDER_ABANDONED: 'Bestillingen blev ikke gennemført. Kontrollér ordrehistorikken, og bestil igen, hvis den mangler.',
  END_DATE_REQUIRED: 'En engangsbevilling skal have en slutdato.',
  END_DATE_NOT_ALLOWED: 'En løbende bevilling har ingen slutdato. Vælg "Engangsbevilling", hvis bevillingen skal slutte.',
  END_DATE_BEFORE_START: 'Slutdatoen ligger før startdatoen.',
  SALES_UNITS_PER_ORDER_INVALID: (error) => {
    const grantedMax = Number(error.details.grantedMax);
    const range = Number.isSafeInteger(grantedMax) ? ` fra 1 til ${grantedMax}` : '';
    return `Salgsenheder pr. ordre skal være et helt tal${range} (højst bevilget max.). Ved 3 måneders beregningsperiode er det altid bevilget max.`;
  },
  ORDER_ALREADY_SHIPPED: 'Ordren er allerede afsendt og kan ikke annulleres.',
  ORDER_ALREADY_CANCELLED: 'Ordren er allerede annulleret.',
  ORDER_NOT_FOUND: 'Ordren findes ikke, eller du har ikke adgang til den.',
  PRODUCT_UNKNOWN: 'Varen findes ikke i sortimentet.',
  PRODUCT_DISCONTINUED: 'Varen er udgået og kan ikke bevilges.',
  // Administration: accounts
  MUNICIPALITY_REQUIRED: 'Vælg brugerens kommune.',
  MUNICIPALITY_UNKNOWN: 'Kommunen findes ikke. Kontrollér kommunenummeret.',
  GRANT_AREA_UNKNOWN: 'Et bevillingsområde findes ikke i kommunen.',
  ROLE_SCOPE_INVALID: 'Kun sagsbehandlere, sygeplejersker og bestillere har en kommune og bevillingsområder.',
  USER_EXISTS: 'Brugeren findes allerede.',
  MUNICIPALITY_EXISTS: 'Kommunen findes allerede.',
  POSTAL_CODES_REQUIRED: 'Skriv mindst ét postnummer.',
  GRANT_AREAS_REQUIRED: 'Skriv mindst ét bevillingsområde.',
  // Administration: the catalogue
  CATALOGUE_HEADER_INVALID: 'Filens overskriftsrække mangler kolonner eller har en kolonne to gange. Se hvilke kolonner en varefil skal have.',
  CATALOGUE_FILE_INVALID: 'Filen er ikke en varefil (CSV, UTF-8, semikolon-separeret).',
  // Administration: agreements
  AGREEMENT_ITEM_UNKNOWN: 'Der er ingen vare med dette varenummer i sortimentet.',
  AGREEMENT_PERIOD_INVALID: 'Gyldig til skal være samme dag som eller efter gyldig fra.',
  AGREEMENT_PERIODS_OVERLAP: 'Varen er allerede på aftalen i en periode, der overlapper. Ret eller fjern den anden periode først.',
  AGREEMENT_PRICE_INVALID: 'Aftaleprisen skal være et beløb i kroner og øre, 0 eller mere.',
  AGREEMENT_DATE_INVALID: 'Datoen er ikke gyldig. Skriv den som dd.mm.åååå.',
  // The service
  VALIDATION_FAILED: 'Der er fejl i de indtastede oplysninger. Ret dem, og prøv igen.',
  READ_MODEL_BEHIND: `Systemet er ved at opdatere. ${TRY_LATER}`,
  CONCURRENT_MODIFICATION: 'Andre ændrede de samme oplysninger samtidig, så intet blev gemt. Prøv igen.',
  IDEMPOTENCY_KEY_IN_PROGRESS: `Din forrige handling er stadig i gang. ${TRY_LATER}`,
  IDEMPOTENCY_KEY_REUSED: 'Handlingen blev ændret undervejs, så intet blev gemt. Prøv igen.',
  INTERNAL_ERROR: `Der opstod en fejl hos os. ${TRY_LATER}`,
  NETWORK: 'Der er ingen forbindelse til e-bevilling. Kontrollér din internetforbindelse, og prøv igen.',
};

/** What a field's validation code means, next to the field. */
const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  too_small: 'Feltet skal udfyldes.',
  too_big: 'Teksten er for lang.',
  invalid_format: 'Værdien har ikke det rigtige format.',
  invalid_type: 'Feltet skal udfyldes.',
};

/** The password policy's problem codes (details.problems of PASSWORD_POLICY). */
export const PASSWORD_PROBLEM_MESSAGES: Readonly<Record<string, string>> = {
  PASSWORD_TOO_SHORT: 'Adgangskoden skal være på mindst 12 tegn.',
  PASSWORD_TOO_LONG: 'Adgangskoden må højst være på 128 tegn.',
  PASSWORD_TOO_COMMON: 'Adgangskoden er en af de mest almindelige og er let at gætte. Vælg en anden.',
  PASSWORD_CONTAINS_USERNAME: 'Adgangskoden må ikke indeholde dit brugernavn.',
};

export function errorMessage(error: unknown): string {
  if (!isApiError(error)) return GENERIC_MESSAGE;
  const message = MESSAGES[error.code];
  if (message === undefined) return GENERIC_MESSAGE;
  return typeof message === 'function' ? message(error) : message;
}

export const fieldMessage = (code: string): string => FIELD_MESSAGES[code] ?? 'Værdien er ikke gyldig.';

/** The problems of a refused password, in Danish (unknown problem codes are left out: the summary says enough). */
export function passwordProblems(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'PASSWORD_POLICY') return [];
  const problems = Array.isArray(error.details.problems) ? error.details.problems : [];
  return problems.flatMap((problem: unknown) => {
    const code = typeof problem === 'string' ? problem : (problem as { code?: unknown })?.code;
    const message = typeof code === 'string' ? PASSWORD_PROBLEM_MESSAGES[code] : undefined;
    return message ? [message] : [];
  });
}
