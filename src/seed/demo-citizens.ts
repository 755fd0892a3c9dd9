import type { CommandBus } from '@nestjs/cqrs';
import { RegisterCitizenRequest } from '../citizens/citizen.requests.js';
import type { Address } from '../citizens/citizen.events.js';
import { parseCpr, type Gender } from '../citizens/cpr.js';
import type { AllowanceInput } from '../grants/allowance.js';
import { AddGrantLineRequest } from '../grants/grant.requests.js';
import { addMonths, nextDay, previousDay } from '../grants/windows.js';
import { actorOf, type Principal } from '../kernel/principal.js';
import type { CommandContext } from '../kernel/command-context.js';
import { comparePositions, type Position } from '../kernel/event-store.port.js';
import { CancelOrderRequest, PlaceOrderRequest, ReportFulfilmentRequest } from '../orders/order.requests.js';
import type { FulfilmentType } from '../orders/order.decider.js';
import { DomainError } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import { copenhagenDate } from '../shared/time.js';

/**
 * The demo citizens of SEED_DEMO=1: a few people with grants and a history of orders (invoiced, credited,
 * back-ordered, cancelled, open), so that a new user meets a system that has been in use for a while.
 *
 * The history is dated relative to the seed's `now`: every grant line starts GRANT_START_MONTHS_AGO months
 * back, and each step runs through the ordinary commands with its own date as the command's `now` (the order
 * date, the grant's windows and the events' occurredAt all follow from it). Every command id is fixed, so a
 * second seed appends nothing. The CPR numbers are fictitious: computed here from patterned birth dates.
 */

const GRANT_START_MONTHS_AGO = 8;
/** The demo's 3-month lines share their windows: window k starts 3k months after the grant start. */
const WINDOW_MONTHS = 3;

/** An order's date: day `day` (0 = the first day) of the 3-month window `window`, or `daysAgo` days before today. */
type DemoDay = { readonly window: number; readonly day: number } | { readonly daysAgo: number };

/** Item number → sales units. */
type Units = Readonly<Record<string, number>>;

/** A step `after` days after the order date: a report by the supplier's ERP, or a cancellation by the caseworker. */
type DemoStep = { readonly after: number } & (
  | { readonly report: Exclude<FulfilmentType, 'credited'>; readonly lines?: Units }
  | { readonly report: 'credited'; readonly lines: Units }
  | { readonly cancel: string }
);

export interface DemoOrder {
  readonly key: string;
  readonly date: DemoDay;
  readonly lines: Units;
  readonly remarks?: string;
  readonly steps: readonly DemoStep[];
}

export interface DemoCitizen {
  readonly key: string;
  readonly municipalityId: '101' | '751';
  readonly birthDate: string;
  readonly gender: Gender;
  readonly firstName: string;
  readonly lastName: string;
  readonly address: Address;
  readonly email?: string;
  readonly lines: ReadonlyArray<{ readonly itemNumber: string; readonly grantArea: string; readonly allowance: AllowanceInput }>;
  readonly orders: readonly DemoOrder[];
}

const shipAll = (after: number): DemoStep => ({ after, report: 'shipped' });
const accepted = (after: number): DemoStep => ({ after, report: 'accepted' });
const invoiced = (after: number): DemoStep => ({ after, report: 'invoiced' });

/** Item numbers and grant areas from the demo catalogue (demo-catalogue.ts). */
export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    // Stomi: an ordinary, steady history; one box credited; an order from last week still open.
    key: 'inger',
    municipalityId: '101',
    birthDate: '1941-11-11',
    gender: 'female',
    firstName: 'Inger',
    lastName: 'Kristensen',
    address: { street: 'Amagerbrogade 112, 3. th.', postalCode: '2300', city: 'København S' },
    email: 'inger.kristensen@demo.invalid',
    lines: [
      // Skagen Colo lukket pose 30 mm (æske à 30): 2 a day over 3 months → 7 boxes.
      { itemNumber: '201005', grantArea: 'Stomi', allowance: { quantity: 2, per: 'day', periodMonths: 3 } },
      // Skagen hudring 2,0 mm (æske à 10).
      { itemNumber: '206002', grantArea: 'Stomi', allowance: { grantedMax: 2, periodMonths: 3 } },
    ],
    orders: [
      {
        key: '1',
        date: { window: 0, day: 14 },
        lines: { '201005': 6, '206002': 1 },
        remarks: 'Stil pakken ved døren, hvis borgeren ikke åbner.',
        steps: [accepted(1), shipAll(2), invoiced(4)],
      },
      {
        key: '2',
        date: { window: 1, day: 20 },
        lines: { '201005': 7, '206002': 2 },
        steps: [accepted(1), shipAll(2), invoiced(4), { after: 12, report: 'credited', lines: { '201005': 1 } }],
      },
      { key: '3', date: { window: 2, day: 5 }, lines: { '201005': 4 }, steps: [accepted(1), shipAll(2), invoiced(3)] },
      {
        key: '4',
        date: { daysAgo: 10 },
        lines: { '201005': 2, '206002': 1 },
        remarks: 'Ring venligst, før I kommer – dørtelefonen virker ikke.',
        steps: [accepted(1)],
      },
    ],
  },
  {
    // Kateter: a back-order, a cancelled order, and a current window used up: the bell shows a later date.
    key: 'poul',
    municipalityId: '101',
    birthDate: '1942-02-22',
    gender: 'male',
    firstName: 'Poul Erik',
    lastName: 'Jensen',
    address: { street: 'Nørrebrogade 45, 2. tv.', postalCode: '2200', city: 'København N' },
    lines: [
      // Lyngby Cath Mand Nelaton CH 12 (æske à 30): 5 a day over 3 months → 16 boxes.
      { itemNumber: '301003', grantArea: 'Kateter', allowance: { quantity: 5, per: 'day', periodMonths: 3 } },
      // Hafnia Benpose 500 ml (æske à 10).
      { itemNumber: '306004', grantArea: 'Kateter', allowance: { grantedMax: 3, periodMonths: 3 } },
    ],
    orders: [
      {
        key: '1',
        date: { window: 0, day: 10 },
        lines: { '301003': 16, '306004': 3 },
        remarks: 'Haster: borgeren har kun katetre til få dage.',
        steps: [
          accepted(0),
          { after: 1, report: 'backordered', lines: { '301003': 16 } },
          { after: 1, report: 'shipped', lines: { '306004': 3 } },
          { after: 8, report: 'shipped', lines: { '301003': 16 } },
          invoiced(9),
        ],
      },
      {
        key: '2',
        date: { window: 1, day: 5 },
        lines: { '301003': 16 },
        steps: [{ after: 1, cancel: 'Borgeren er indlagt; der bestilles igen efter udskrivelsen.' }],
      },
      { key: '3', date: { window: 1, day: 24 }, lines: { '301003': 16, '306004': 3 }, steps: [accepted(1), shipAll(2), invoiced(5)] },
      { key: '4', date: { window: 2, day: 4 }, lines: { '301003': 16, '306004': 3 }, steps: [accepted(1), shipAll(2), invoiced(5)] },
    ],
  },
  {
    // Inkontinens and Diabetes, 12-month lines beside a 3-month one; a wrong delivery credited in full, a split shipment.
    key: 'grethe',
    municipalityId: '101',
    birthDate: '1933-03-03',
    gender: 'female',
    firstName: 'Grethe',
    lastName: 'Olsen',
    address: { street: 'Østerbrogade 88, 1. th.', postalCode: '2100', city: 'København Ø' },
    lines: [
      // Nordvig Slip Super str. M (pose à 28): 4 a day over 3 months → 14 bags.
      { itemNumber: '101006', grantArea: 'Inkontinens', allowance: { quantity: 4, per: 'day', periodMonths: 3 } },
      // Hafnia Lady Normal (pakke à 24): 12 packs a year, at most 3 an order.
      { itemNumber: '103002', grantArea: 'Inkontinens', allowance: { grantedMax: 12, periodMonths: 12, salesUnitsPerOrder: 3 } },
      // Glyko teststrimler One 50 stk.: 2 a day over 12 months → 15 boxes, at most 4 an order.
      { itemNumber: '401001', grantArea: 'Diabetes', allowance: { quantity: 2, per: 'day', periodMonths: 12, salesUnitsPerOrder: 4 } },
    ],
    orders: [
      {
        key: '1',
        date: { window: 0, day: 7 },
        lines: { '101006': 14, '103002': 3, '401001': 4 },
        remarks: 'Leveres til hjemmeplejen – nøglen ligger i nøgleboksen.',
        steps: [accepted(1), shipAll(2), invoiced(5)],
      },
      {
        key: '2',
        date: { window: 1, day: 3 },
        lines: { '103002': 3 },
        steps: [shipAll(1), invoiced(3), { after: 10, report: 'credited', lines: { '103002': 3 } }],
      },
      {
        key: '3',
        date: { window: 1, day: 15 },
        lines: { '101006': 14, '103002': 3, '401001': 4 },
        remarks: 'Erstatning for de krediterede indlæg.',
        steps: [
          accepted(1),
          { after: 2, report: 'shipped', lines: { '101006': 10, '103002': 3, '401001': 4 } },
          { after: 6, report: 'shipped', lines: { '101006': 4 } },
          invoiced(7),
        ],
      },
      { key: '4', date: { window: 2, day: 6 }, lines: { '101006': 12, '401001': 4 }, steps: [shipAll(1), invoiced(3)] },
    ],
  },
  {
    // Aarhus: what the caseworkers of København never see.
    key: 'niels',
    municipalityId: '751',
    birthDate: '1944-04-04',
    gender: 'male',
    firstName: 'Niels',
    lastName: 'Madsen',
    address: { street: 'Frederiks Allé 20, 1. sal', postalCode: '8000', city: 'Aarhus C' },
    lines: [
      // Glyko Sense sensor (pakke à 1): one every 14 days.
      { itemNumber: '406001', grantArea: 'Diabetes', allowance: { grantedMax: 7, periodMonths: 3 } },
      // NordFine pennekanyle 5 mm (æske à 100): 4 a day over 12 months → 15 boxes, at most 5 an order.
      { itemNumber: '402002', grantArea: 'Diabetes', allowance: { quantity: 4, per: 'day', periodMonths: 12, salesUnitsPerOrder: 5 } },
    ],
    orders: [
      { key: '1', date: { window: 0, day: 12 }, lines: { '406001': 6, '402002': 5 }, steps: [accepted(1), shipAll(2), invoiced(4)] },
      { key: '2', date: { window: 1, day: 12 }, lines: { '406001': 7, '402002': 5 }, steps: [shipAll(1), invoiced(4)] },
      { key: '3', date: { window: 2, day: 8 }, lines: { '406001': 6 }, remarks: 'Må gerne lægges i pakkeboksen.', steps: [shipAll(1), invoiced(3)] },
      { key: '4', date: { daysAgo: 3 }, lines: { '402002': 4 }, steps: [] },
    ],
  },
];

/** Who acts in the demo history: each municipality's caseworker, and the supplier's ERP. */
export interface DemoActors {
  readonly caseworkers: Readonly<Record<DemoCitizen['municipalityId'], Principal>>;
  readonly erp: Principal;
}

/** The context of a demo command: its id fixed by name (as for the rest of the demo data), dated `at`. */
export function demoContext(name: string, actor: CommandContext['actor'], at: Date): CommandContext {
  const commandId = deterministicUuid('demo-seed', name);
  return { commandId, correlationId: commandId, causationId: commandId, actor, now: at };
}

/**
 * Registers the demo citizens, grants their lines and replays their order histories in date order. Returns
 * the position of the latest event. A citizen whose fixed CPR number someone else already holds, or one of
 * whose products has meanwhile been discontinued, is left as it is: the seed must never stop the service.
 */
export async function seedDemoCitizens(commands: CommandBus, actors: DemoActors, now: Date): Promise<Position | null> {
  const today = copenhagenDate(now);
  const grantStart = addMonths(today, -GRANT_START_MONTHS_AGO);
  let position: Position | null = null;
  for (const citizen of DEMO_CITIZENS) {
    try {
      position = latest(position, await seedCitizen(commands, actors, citizen, { now, today, grantStart }));
    } catch (error) {
      if (error instanceof DomainError && LEFT_AS_IT_IS.includes(error.code)) continue;
      throw error;
    }
  }
  return position;
}

const LEFT_AS_IT_IS = ['CPR_ALREADY_REGISTERED', 'CPR_REGISTERED_ELSEWHERE', 'PRODUCT_DISCONTINUED'];

interface Timeline {
  readonly now: Date;
  readonly today: string;
  readonly grantStart: string;
}

async function seedCitizen(commands: CommandBus, actors: DemoActors, citizen: DemoCitizen, time: Timeline): Promise<Position | null> {
  const caseworker = actors.caseworkers[citizen.municipalityId];
  const name = (step: string) => `citizen ${citizen.key} ${step}`;
  const context = (step: string, principal: Principal, at: Date) => {
    if (at > time.now) throw new Error(`The demo step ${name(step)} would be dated in the future`);
    return demoContext(name(step), actorOf(principal), at);
  };

  const { firstName, lastName, address, email } = citizen;
  const registered = await commands.execute(
    new RegisterCitizenRequest(caseworker, context('register', caseworker, instant(addDays(time.grantStart, -5), '09:00')), {
      cpr: demoCpr(citizen.birthDate, citizen.gender, time.today),
      firstName,
      lastName,
      address,
      ...(email ? { email } : {}),
    }),
  );
  const { citizenId } = registered;
  let position = registered.position;

  const lineIds = new Map<string, string>();
  for (const line of citizen.lines) {
    const at = instant(time.grantStart, '09:30');
    const added = await commands.execute(
      new AddGrantLineRequest(caseworker, context(`line ${line.itemNumber}`, caseworker, at), citizenId, { ...line, kind: 'continuous', startDate: time.grantStart }),
    );
    lineIds.set(line.itemNumber, added.lineId);
    position = latest(position, added.position);
  }

  const placed = new Map<string, { orderId: string; orderNumber: string }>();
  for (const action of timelineOf(citizen, time)) {
    const step = action.step;
    if (!step) {
      const lines = Object.entries(action.order.lines).map(([itemNumber, salesUnits]) => ({ lineId: lineIds.get(itemNumber)!, salesUnits }));
      const result = await commands.execute(
        new PlaceOrderRequest(caseworker, context(`order ${action.order.key}`, caseworker, action.at), citizenId, { lines, remarks: action.order.remarks ?? null }),
      );
      placed.set(action.order.key, result);
      position = latest(position, result.position);
      continue;
    }
    const { orderId, orderNumber } = placed.get(action.order.key)!;
    const stepName = `order ${action.order.key} step ${action.index}`;
    if ('cancel' in step) {
      const result = await commands.execute(new CancelOrderRequest(caseworker, context(stepName, caseworker, action.at), orderId, step.cancel));
      position = latest(position, result.position);
      continue;
    }
    const lines = Object.entries(step.lines ?? action.order.lines).map(([itemNumber, salesUnits]) => ({ itemNumber, salesUnits }));
    const result = await commands.execute(
      new ReportFulfilmentRequest(actors.erp, context(stepName, actors.erp, action.at), orderId, {
        type: step.report,
        at: action.at.toISOString(),
        ...(step.report === 'accepted' || step.report === 'invoiced' ? {} : { lines }),
        ...(step.report === 'invoiced' ? { invoiceNumber: `F-${orderNumber}` } : {}),
        ...(step.report === 'credited' ? { creditNoteNumber: `K-${orderNumber}` } : {}),
      }),
    );
    position = latest(position, result.position);
  }
  return position;
}

interface TimelineAction {
  readonly at: Date;
  readonly order: DemoOrder;
  /** Absent: placing the order. */
  readonly step?: DemoStep;
  readonly index: number;
}

/** Every placement and step of a citizen's orders, in the order they happened (same instant: as listed). */
function timelineOf(citizen: DemoCitizen, time: Timeline): TimelineAction[] {
  const actions = citizen.orders.flatMap((order) => {
    const orderDate = 'daysAgo' in order.date ? addDays(time.today, -order.date.daysAgo) : addDays(addMonths(time.grantStart, order.date.window * WINDOW_MONTHS), order.date.day);
    const placing: TimelineAction = { at: instant(orderDate, '08:30'), order, index: 0 };
    return [placing, ...order.steps.map((step, index) => ({ at: instant(addDays(orderDate, step.after), STEP_TIMES[stepKind(step)]), order, step, index }))];
  });
  return actions.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Times of day (UTC, well inside the Copenhagen day) that keep one day's steps in their natural order. */
const STEP_TIMES: Record<FulfilmentType | 'cancel', string> = {
  cancel: '09:00',
  accepted: '10:00',
  backordered: '11:00',
  shipped: '13:00',
  invoiced: '15:00',
  credited: '12:00',
};
const stepKind = (step: DemoStep): FulfilmentType | 'cancel' => ('cancel' in step ? 'cancel' : step.report);

/** `HH:MM` UTC on a date: 08:30–15:00 UTC is the same Copenhagen date, summer or winter. */
const instant = (date: string, time: string): Date => new Date(`${date}T${time}:00.000Z`);

function addDays(date: string, days: number): string {
  let result = date;
  for (let n = 0; n < Math.abs(days); n++) result = days > 0 ? nextDay(result) : previousDay(result);
  return result;
}

const latest = (a: Position | null, b: Position | null): Position | null => (a === null ? b : b === null || comparePositions(a, b) >= 0 ? a : b);

/**
 * A fictitious CPR number for a demo birth date: the first serial from 1000 (7th digit 1–3: born in the
 * 1900s) that passes the service's own CPR rules with a valid check digit and the wanted gender.
 */
function demoCpr(birthDate: string, gender: Gender, today: string): string {
  const ddmmyy = `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
  for (let serial = 1000; serial <= 3999; serial++) {
    const parsed = parseCpr(`${ddmmyy}${serial}`, today);
    if (parsed.ok && parsed.checksum === 'valid' && parsed.birthDate === birthDate && parsed.gender === gender) return parsed.cpr;
  }
  // The number is left out of the message: it would be a CPR number.
  throw new Error('No demo CPR number fits a demo birth date');
}
