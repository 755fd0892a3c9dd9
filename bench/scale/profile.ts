import type { Address } from '../../src/citizens/citizen.events.js';
import { CPR_CHECKSUM_WEIGHTS, type Gender } from '../../src/citizens/cpr.js';
import type { ProductRow } from '../../src/catalogue/product.events.js';
import { grantedMaxFor, type AllowanceInput } from '../../src/grants/allowance.js';
import { deterministicUuid } from '../../src/shared/ids.js';
import { demoCatalogue } from '../../src/seed/demo-catalogue.js';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, SCALE_MUNICIPALITIES, STREET_NAMES, type ScaleMunicipality } from './denmark.js';
import { mixSeed, Random, weightedIndex } from './random.js';

/**
 * Who citizen number i of a seed is, derived from (seed, i) alone, so a benchmark can pick search terms and a
 * citizen with a long history without keeping the generated events: identity, municipality, grant lines, and
 * the plan of their history (when registered, how long active, how it ends).
 *
 * CPR numbers are fictitious by construction: every one fails the modulus-11 check on a birth date that is not
 * 1 January. Since 2007 the CPR office has issued numbers failing the check only on 1 January dates (DOMAIN
 * §2.1), and before that it issued none, so no such number can belong to a person. The service accepts them as
 * "unusual" numbers when the command confirms them (confirmUnusualCpr), which every generated registration does.
 * Birth dates run from 1925 to 1999, weighted towards the elderly; numbers are unique within a seed (a bijection
 * from the citizen index onto (birth date, serial)).
 */

export interface PlannedLine {
  readonly itemNumber: string;
  readonly productName: string;
  readonly piecesPerSalesUnit: number;
  readonly grantArea: string;
  /** null: no allowance, no caps. */
  readonly allowance: AllowanceInput | null;
}

/**
 * How the citizen's history ends: still active now, or removed / grant ended at `at`. Some come back (reopened
 * by customer service, or set ACTIVE again) and then may die later (`deceasedAt`, a removal with no return).
 */
export type CitizenFate =
  | { readonly kind: 'active' }
  | { readonly kind: 'removed'; readonly status: 'DECEASED' | 'MOVED_AWAY'; readonly at: Date; readonly reopenedAt: Date | null; readonly deceasedAt: Date | null }
  | { readonly kind: 'ended'; readonly status: 'GRANT_ENDED' | 'OTHER_SUPPLIER'; readonly at: Date; readonly activeAgainAt: Date | null; readonly deceasedAt: Date | null };

export interface CitizenProfile {
  readonly index: number;
  readonly citizenId: string;
  /** The id of the registering command, from which the citizen id derives as the real handler derives it. */
  readonly registrationCommandId: string;
  readonly cpr: string;
  readonly birthDate: string;
  readonly gender: Gender;
  readonly firstName: string;
  readonly lastName: string;
  readonly address: Address;
  readonly email: string | null;
  readonly municipalityId: string;
  readonly grantAreas: readonly string[];
  readonly lines: readonly PlannedLine[];
  readonly itemNumbers: readonly string[];
  /** The instant of the registration (and the grant lines' start, the same day). */
  readonly registeredAt: Date;
  /** Registered at the very start of the history and active until now: orders over the whole history. */
  readonly longStanding: boolean;
  readonly fate: CitizenFate;
}

export interface ProfileOptions {
  readonly seed: number;
  readonly now: Date;
  readonly years: number;
  /** Mean of the time a citizen stays active before their grant ends or they are removed. */
  readonly meanActiveMonths: number;
}

const DAY_MS = 86_400_000;
const LONG_STANDING_SHARE = 0.02;

/** The first instant of the history: `years` before now, at midnight UTC. */
export const historyStart = (now: Date, years: number): number => startOfDay(now.getTime() - Math.round(years * 365.25) * DAY_MS);

export const startOfDay = (ms: number): number => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);

/** A business instant on the day of `ms`: 07:00–15:59 UTC, so its Copenhagen date is its UTC date. */
export const businessInstant = (ms: number, random: Random): number => startOfDay(ms) + (7 * 60 + random.int(0, 9 * 60 - 1)) * 60_000 + random.int(0, 59) * 1000;

export function citizenProfile(options: ProfileOptions, index: number): CitizenProfile {
  const { seed, now, years } = options;
  const random = new Random(mixSeed(seed, index, 0x5eed));
  const municipality = pickMunicipality(random);
  const { cpr, birthDate, gender } = fictitiousCpr(seed, index);
  const firstNames = gender === 'female' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
  const firstName = random.chance(0.15) ? `${random.pick(firstNames)} ${random.pick(firstNames)}` : random.pick(firstNames);
  const lastName = random.chance(0.1) ? `${random.pick(LAST_NAMES)} ${random.pick(LAST_NAMES)}` : random.pick(LAST_NAMES);
  const address = addressIn(municipality, random);
  const email = random.chance(0.25) ? `${ascii(firstName)}.${ascii(lastName)}${index}@borger.invalid` : null;

  const lines = plannedLines(random);
  const grantAreas = [...new Set(lines.map((line) => line.grantArea))];

  const start = historyStart(now, years);
  const end = now.getTime();
  const longStanding = random.chance(LONG_STANDING_SHARE);
  const registeredDay = longStanding ? start + random.int(0, 30) * DAY_MS : start + Math.floor(random.next() * Math.max(1, end - start - 14 * DAY_MS));
  const registeredAt = businessInstant(registeredDay, random);
  const fate = longStanding ? ({ kind: 'active' } as const) : plannedFate(random, registeredAt, end, options.meanActiveMonths);
  const registrationCommandId = deterministicUuid('scale-history', String(seed), 'register-citizen', String(index));
  return {
    index,
    citizenId: deterministicUuid(registrationCommandId, 'citizen'),
    registrationCommandId,
    cpr,
    birthDate,
    gender,
    firstName,
    lastName,
    address,
    email,
    municipalityId: municipality.id,
    grantAreas,
    lines,
    itemNumbers: lines.map((line) => line.itemNumber),
    registeredAt: new Date(registeredAt),
    longStanding,
    fate,
  };
}

function plannedFate(random: Random, registeredAt: number, end: number, meanActiveMonths: number): CitizenFate {
  const activeUntil = registeredAt + Math.round(random.exponential(meanActiveMonths * 30.4) * DAY_MS);
  const draw = random.next();
  const reopenDraw = random.next();
  const comebackDays = random.int(7, 180);
  const secondSpan = Math.round(random.exponential(meanActiveMonths * 30.4) * DAY_MS);
  if (activeUntil >= end - 2 * DAY_MS) return { kind: 'active' };
  const at = new Date(businessInstant(Math.max(activeUntil, registeredAt + DAY_MS), random));
  const later = (days: number) => {
    const instant = businessInstant(at.getTime() + days * DAY_MS, random);
    return instant < end ? new Date(instant) : null;
  };
  const deceasedAfter = (comeback: Date | null): Date | null => {
    if (!comeback) return null;
    const instant = businessInstant(comeback.getTime() + DAY_MS + secondSpan, random);
    return instant < end ? new Date(instant) : null;
  };
  if (draw < 0.7) {
    const reopenedAt = reopenDraw < 0.06 ? later(Math.min(comebackDays, 40)) : null;
    return { kind: 'removed', status: 'DECEASED', at, reopenedAt, deceasedAt: deceasedAfter(reopenedAt) };
  }
  if (draw < 0.82) {
    const reopenedAt = reopenDraw < 0.25 ? later(Math.min(comebackDays, 60)) : null;
    return { kind: 'removed', status: 'MOVED_AWAY', at, reopenedAt, deceasedAt: deceasedAfter(reopenedAt) };
  }
  const status = draw < 0.91 ? 'GRANT_ENDED' : 'OTHER_SUPPLIER';
  const activeAgainAt = reopenDraw < 0.45 ? later(comebackDays) : null;
  return { kind: 'ended', status, at, activeAgainAt, deceasedAt: deceasedAfter(activeAgainAt) };
}

// --- municipalities, addresses ------------------------------------------------------------------------

const MUNICIPALITY_WEIGHTS: readonly number[] = cumulative(SCALE_MUNICIPALITIES.map((municipality) => municipality.population));

function pickMunicipality(random: Random): ScaleMunicipality {
  return SCALE_MUNICIPALITIES[weightedIndex(MUNICIPALITY_WEIGHTS, random.next() * MUNICIPALITY_WEIGHTS.at(-1)!)]!;
}

const FLOORS = ['st.', '1.', '2.', '3.', '4.'];
const SIDES = ['th.', 'tv.', 'mf.'];

export function addressIn(municipality: ScaleMunicipality, random: Random): Address {
  const [postalCode, city] = random.pick(municipality.postalCodes);
  const number = random.int(1, 140);
  const letter = random.chance(0.08) ? random.pick(['A', 'B', 'C']) : '';
  const flat = random.chance(0.45) ? `, ${random.pick(FLOORS)} ${random.pick(SIDES)}` : '';
  return { street: `${random.pick(STREET_NAMES)} ${number}${letter}${flat}`, postalCode, city };
}

const ascii = (name: string): string =>
  name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .replace(/[^a-z]+/g, '');

// --- grant lines -----------------------------------------------------------------------------------------

/** Incontinence most common, then diabetes, stoma, catheter; a few nutrition and wound care. */
const AREA_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['Inkontinens', 50],
  ['Diabetes', 20],
  ['Stomi', 14],
  ['Kateter', 12],
  ['Ernæring', 2],
  ['Sårpleje', 2],
];
const AREA_CUMULATIVE = cumulative(AREA_WEIGHTS.map(([, weight]) => weight));

let productsByArea: Map<string, readonly ProductRow[]> | undefined;

/** The demo catalogue's products per grant area (the first product group is the area). */
export function catalogueByArea(): Map<string, readonly ProductRow[]> {
  if (!productsByArea) {
    const byArea = new Map<string, ProductRow[]>();
    for (const product of demoCatalogue()) {
      const area = product.group[0]!;
      byArea.set(area, [...(byArea.get(area) ?? []), product]);
    }
    productsByArea = byArea;
  }
  return productsByArea;
}

function pickArea(random: Random): string {
  return AREA_WEIGHTS[weightedIndex(AREA_CUMULATIVE, random.next() * AREA_CUMULATIVE.at(-1)!)]![0];
}

function plannedLines(random: Random): PlannedLine[] {
  const areas = [pickArea(random)];
  if (random.chance(0.12)) {
    const second = pickArea(random);
    if (second !== areas[0]) areas.push(second);
  }
  const lines: PlannedLine[] = [];
  for (const area of areas) {
    const products = catalogueByArea().get(area) ?? [];
    const count = random.chance(0.45) ? 2 : random.chance(0.15) ? 3 : 1;
    for (let n = 0; n < count; n++) {
      const product = random.pick(products);
      if (lines.some((line) => line.itemNumber === product.itemNumber)) continue;
      const pieces = product.salesUnit.pieces;
      lines.push({ itemNumber: product.itemNumber, productName: product.name, piecesPerSalesUnit: pieces, grantArea: area, allowance: plannedAllowance(random, pieces) });
    }
  }
  return lines;
}

/** The guide's kinds of allowance: a rate per day over 3 months (most), over 12 with a per-order cap, typed in, none. */
function plannedAllowance(random: Random, piecesPerSalesUnit: number): AllowanceInput | null {
  const draw = random.next();
  if (draw < 0.5) return { quantity: random.int(1, 5), per: 'day', periodMonths: 3 };
  if (draw < 0.62) return { quantity: random.int(1, 4), per: 'week', periodMonths: 3 };
  if (draw < 0.77) {
    const quantity = random.int(1, 4);
    const grantedMax = grantedMaxFor({ quantity, per: 'day', periodMonths: 12, piecesPerSalesUnit });
    return { quantity, per: 'day', periodMonths: 12, salesUnitsPerOrder: Math.max(1, Math.ceil(grantedMax / 4)) };
  }
  if (draw < 0.9) return { grantedMax: random.int(2, 12), periodMonths: 3 };
  return null;
}

// --- fictitious CPR numbers --------------------------------------------------------------------------------

interface BirthDay {
  readonly ddmmyy: string;
  readonly iso: string;
  readonly weight: number;
}

let birthDays: { readonly days: readonly BirthDay[]; readonly cumulative: readonly number[] } | undefined;

/** Every day of 1925–1999 but 1 January, weighted towards the elderly. */
function birthDayTable() {
  if (!birthDays) {
    const days: BirthDay[] = [];
    for (let year = 1925; year <= 1999; year++) {
      const weight = year < 1940 ? 3 : year < 1960 ? 4 : year < 1980 ? 2 : 1;
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          if (month === 1 && day === 1) continue;
          const dd = pad2(day);
          const mm = pad2(month);
          days.push({ ddmmyy: `${dd}${mm}${pad2(year % 100)}`, iso: `${year}-${mm}-${dd}`, weight });
        }
      }
    }
    birthDays = { days, cumulative: cumulative(days.map((day) => day.weight)) };
  }
  return birthDays;
}

/**
 * Citizen i → (birth day, rank among that day's serials): i's position in a round of W (the total weight) is
 * permuted by an affine map mod W (a bijection for a multiplier prime to W), and each day owns `weight`
 * consecutive ranks per round. The rank-th serial of 0000–3999 (7th digit 0–3: born in the 1900s) that fails
 * modulus 11, from a start that differs per day.
 */
export function fictitiousCpr(seed: number, index: number): { cpr: string; birthDate: string; gender: Gender } {
  const { days, cumulative: weights } = birthDayTable();
  const total = weights.at(-1)!;
  const round = Math.floor(index / total);
  const position = index % total;
  let multiplier = 7919 + (mixSeed(seed, 1) % 50_000);
  while (greatestCommonDivisor(multiplier, total) !== 1) multiplier++;
  const permuted = (position * multiplier + (mixSeed(seed, 2) % total)) % total;
  const dayIndex = weightedIndex(weights, permuted);
  const day = days[dayIndex]!;
  const firstOfDay = weights[dayIndex]! - day.weight;
  const rank = round * day.weight + (permuted - firstOfDay);
  const start = (dayIndex * 7919) % 4000;
  let found = -1;
  for (let step = 0; step < 4000; step++) {
    const serial = String((start + step) % 4000).padStart(4, '0');
    const cpr = `${day.ddmmyy}${serial}`;
    if (weightedSum(cpr) % 11 === 0) continue;
    found++;
    if (found === rank) return { cpr, birthDate: day.iso, gender: Number(cpr[9]) % 2 === 1 ? 'male' : 'female' };
  }
  throw new Error('More citizens than fictitious CPR numbers for a birth day');
}

/** The rule every generated number keeps (the test checks it): fails modulus 11, and not born on 1 January. */
export function isFictitiousCpr(cpr: string): boolean {
  return /^[0-9]{10}$/.test(cpr) && weightedSum(cpr) % 11 !== 0 && cpr.slice(0, 4) !== '0101';
}

function weightedSum(cpr: string): number {
  let sum = 0;
  for (let index = 0; index < 10; index++) sum += (cpr.charCodeAt(index) - 48) * CPR_CHECKSUM_WEIGHTS[index]!;
  return sum;
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
}

function greatestCommonDivisor(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
