import { CITIZEN_STATUS_NAMES, type CitizenStatus } from '../../lib/citizen-status';
import { formatDate } from '../../lib/format';
import { roleName } from '../../lib/roles';

/**
 * A history event in words a person reads (DOMAIN §7: who, what, when). Pure: the type and payload of an event
 * as the service answers them (every CPR number already masked) → a Danish heading and the details worth
 * showing. An event type this table does not know is shown by its type, never hidden.
 */
export interface EventText {
  readonly what: string;
  readonly details: readonly string[];
}

type Data = Readonly<Record<string, unknown>>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const date = (value: unknown): string | null => (str(value) ? formatDate(value as string) : null);
const status = (value: unknown): string => CITIZEN_STATUS_NAMES[value as CitizenStatus] ?? String(value);
const lineCount = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const lines = (count: number): string => (count === 1 ? '1 vare' : `${count} varer`);

function present(entries: ReadonlyArray<readonly [string, string | null]>): string[] {
  return entries.flatMap(([label, value]) => (value === null ? [] : [`${label}: ${value}`]));
}

function allowanceText(value: unknown): string | null {
  if (value === null) return 'uden max.';
  if (typeof value !== 'object' || value === undefined) return null;
  const allowance = value as Data;
  const max = num(allowance.grantedMax);
  const months = num(allowance.periodMonths);
  return max === null ? null : `${max} salgsenheder pr. ${months ?? '?'} måneder`;
}

function orderLines(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  return value
    .map((line) => {
      const { itemNumber, salesUnits } = (line ?? {}) as Data;
      return `${str(itemNumber) ?? '?'} × ${num(salesUnits) ?? '?'}`;
    })
    .join(', ');
}

const TEXTS: Readonly<Record<string, (data: Data) => EventText>> = {
  CitizenRegistered: (d) => ({
    what: 'Borgeren blev oprettet',
    details: present([
      ['Navn', [str(d.firstName), str(d.lastName)].filter(Boolean).join(' ') || null],
      ['CPR-nr.', str(d.cpr)],
      ['Kommune', str(d.municipalityId)],
    ]),
  }),
  CitizenContactDetailsChanged: (d) => ({
    what: 'Kontaktoplysninger blev ændret',
    details: [d.address !== undefined ? 'Adresse' : null, d.phone !== undefined ? 'Telefon' : null, d.email !== undefined ? 'E-mail' : null]
      .filter((field): field is string => field !== null)
      .map((field) => `${field} ændret`),
  }),
  CitizenStatusChanged: (d) => ({ what: `Status ændret fra "${status(d.from)}" til "${status(d.to)}"`, details: present([['Begrundelse', str(d.reason)]]) }),
  CitizenRemoved: (d) => ({ what: `Borgeren blev fjernet: "${status(d.status)}"`, details: present([['Begrundelse', str(d.reason)]]) }),
  CitizenReopened: (d) => ({ what: `Borgeren blev genåbnet (var "${status(d.from)}")`, details: present([['Begrundelse', str(d.reason)]]) }),
  CitizenCprChanged: (d) => ({ what: 'CPR-nummeret blev skiftet', details: present([['Nyt CPR-nr.', str(d.cpr)], ['Begrundelse', str(d.reason)]]) }),
  CitizenAcceptedTerms: (d) => ({ what: 'Borgeren accepterede brugervilkårene', details: present([['Version', str(d.termsVersion)]]) }),
  GrantLineAdded: (d) => ({
    what: `Vare bevilget: ${str(d.productName) ?? str(d.itemNumber) ?? ''}`.trim(),
    details: present([
      ['Varenr.', str(d.itemNumber)],
      ['Bevillingsområde', str(d.grantArea)],
      ['Type', d.kind === 'one_time' ? 'Engangsbevilling' : d.kind === 'continuous' ? 'Løbende' : null],
      ['Startdato', date(d.startDate)],
      ['Slutdato', date(d.endDate)],
      ['Bevilget max.', allowanceText(d.allowance)],
    ]),
  }),
  GrantLineAllowanceChanged: (d) => ({ what: 'Bevilget max. blev ændret', details: present([['Bevilget max.', allowanceText(d.allowance)], ['Fra', date(d.effectiveDate)]]) }),
  GrantLineEndDateChanged: (d) => ({ what: 'Slutdato blev ændret', details: present([['Slutdato', date(d.endDate)]]) }),
  GrantLineInactivated: (d) => ({ what: 'Vare gjort inaktiv', details: present([['Fra', date(d.effectiveDate)], ['Begrundelse', str(d.reason)]]) }),
  GrantLineReactivated: (d) => ({ what: 'Vare gjort aktiv igen', details: present([['Fra', date(d.effectiveDate)], ['Bevilget max.', d.allowance === undefined ? null : allowanceText(d.allowance)]]) }),
  GrantLinesInactivatedForStatus: (d) => ({
    what: `${lines(lineCount(d.lineIds))} gjort inaktiv ved status "${status(d.status)}"`,
    details: present([['Fra', date(d.effectiveDate)]]),
  }),
  GrantLinesRestored: (d) => ({ what: `${lines(lineCount(d.lineIds))} gjort aktiv igen ved genåbning`, details: present([['Fra', date(d.effectiveDate)]]) }),
  GrantOrderPlaced: (d) => ({ what: 'Bestilling talt på bevillingen', details: present([['Ordredato', date(d.orderDate)], ['Varer', orderLines(d.lines)]]) }),
  GrantOrderLinesDelivered: (d) => ({ what: 'Levering talt på bevillingen', details: present([['Varer', orderLines(d.lines)]]) }),
  GrantOrderLinesGivenBack: (d) => ({ what: 'Annullerede enheder givet tilbage til bevillingen', details: present([['Varer', orderLines(d.lines)]]) }),
  OrderNumberReserved: (d) => ({ what: 'Ordrenummer reserveret', details: present([['Ordrenr.', str(d.orderNumber)]]) }),
  OrderPlaced: (d) => ({
    what: `Ordre bestilt${str(d.orderNumber) ? `: ${str(d.orderNumber)}` : ''}`,
    details: present([['Varer', orderLines(d.lines)], ['Bemærkninger', str(d.remarks)]]),
  }),
  OrderAbandoned: () => ({ what: 'Ordren blev opgivet', details: [] }),
  OrderAccepted: () => ({ what: 'Ordren blev modtaget af leverandøren', details: [] }),
  OrderLinesShipped: (d) => ({ what: 'Varer afsendt', details: present([['Varer', orderLines(d.lines)]]) }),
  OrderLinesBackordered: (d) => ({ what: 'Varer i restordre', details: present([['Varer', orderLines(d.lines)]]) }),
  OrderInvoiced: (d) => ({ what: 'Ordren blev faktureret', details: present([['Fakturanr.', str(d.invoiceNumber)]]) }),
  OrderLinesCredited: (d) => ({ what: 'Varer krediteret', details: present([['Varer', orderLines(d.lines)], ['Kreditnotanr.', str(d.creditNoteNumber)]]) }),
  OrderCancelled: (d) => ({ what: 'Ordren blev annulleret', details: present([['Begrundelse', str(d.reason)]]) }),
};

export function eventText(type: string, data: unknown): EventText {
  const text = TEXTS[type];
  const payload = typeof data === 'object' && data !== null ? (data as Data) : {};
  return text ? text(payload) : { what: type, details: [] };
}

/** Who did it: the user's name and role, or the system for an event no user caused. */
export function actorText(actor: { name: string | null; role: string | null; userId: string | null }): string {
  if (actor.role === null && actor.userId === null) return 'Systemet';
  if (actor.role === 'citizen') return 'Borgeren selv (webshop)';
  const role = actor.role === null ? null : roleName(actor.role);
  if (actor.name) return role ? `${actor.name} (${role})` : actor.name;
  return role ?? 'Ukendt bruger';
}
