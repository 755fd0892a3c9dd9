import type { Role } from '../shared/actor.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, DomainError, unprocessable } from '../shared/domain-error.js';
import { resolveAllowance, sameAllowance, validationFailed, type AllowanceInput } from './allowance.js';
import { mayActInGrantArea, type GrantActor } from './grant-access.js';
import {
  LINE_KINDS,
  type GrantEvent,
  type GrantLineAdded,
  type GrantLineAllowanceChanged,
  type GrantLineEndDateChanged,
  type GrantLineInactivated,
  type GrantLineReactivated,
  type LineKind,
} from './grant.events.js';
import { activeLineOf, evolveGrant, findLine, initialGrantState, type GrantLine, type GrantState } from './grant.state.js';
import { isCalendarDate, laterOf } from './windows.js';

/**
 * A citizen's grant (stream `grant-<citizenId>`, DOMAIN §4): commands and decide here, state and evolve in
 * grant.state.ts. What lives in other streams arrives in the command, looked up by the application: whether
 * the citizen is ACTIVE, the product's name and pieces per sales unit, the caller's role and grant areas,
 * today's Copenhagen date and the new line's id.
 */

interface GrantCommandBase {
  readonly citizenId: string;
  readonly actor: GrantActor;
  /** The citizen's status is ACTIVE (citizen stream): grants change only for active citizens. */
  readonly citizenActive: boolean;
  /** YYYY-MM-DD, Europe/Copenhagen. */
  readonly today: string;
}

export interface AddGrantLine {
  readonly type: 'AddGrantLine';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    /** From the catalogue. */
    readonly product: { readonly itemNumber: string; readonly name?: string | null; readonly piecesPerSalesUnit: number };
    readonly grantArea: string;
    readonly kind: LineKind;
    /** Default: today. */
    readonly startDate?: string | null;
    /** Required for a one-time line (its last day, inclusive); refused for a continuous one. */
    readonly endDate?: string | null;
    /** Absent or null: no allowance, no caps. */
    readonly allowance?: AllowanceInput | null;
  };
}

export interface ChangeGrantLineAllowance {
  readonly type: 'ChangeGrantLineAllowance';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    /** The catalogue's current value, for a rate. */
    readonly piecesPerSalesUnit: number;
    /** null: remove the allowance (no caps). */
    readonly allowance: AllowanceInput | null;
  };
}

export interface ChangeGrantLineEndDate {
  readonly type: 'ChangeGrantLineEndDate';
  readonly data: GrantCommandBase & { readonly lineId: string; readonly endDate: string | null };
}

export interface InactivateGrantLine {
  readonly type: 'InactivateGrantLine';
  readonly data: GrantCommandBase & { readonly lineId: string; readonly reason?: string | null };
}

export interface ReactivateGrantLine {
  readonly type: 'ReactivateGrantLine';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    readonly piecesPerSalesUnit: number;
    /** Absent: the allowance the line had; null: none; else a new one. */
    readonly allowance?: AllowanceInput | null;
  };
}

export type GrantCommand = AddGrantLine | ChangeGrantLineAllowance | ChangeGrantLineEndDate | InactivateGrantLine | ReactivateGrantLine;

export const grantStream = (citizenId: string): string => `grant-${citizenId}`;

const GRANT_CHANGING_ROLES: readonly Role[] = ['caseworker', 'nurse'];

export function decideGrant(command: GrantCommand, state: GrantState): GrantEvent[] {
  if (state.status === 'granted' && state.citizenId !== command.data.citizenId) {
    throw new Error('A grant command sent to the stream of another citizen');
  }
  switch (command.type) {
    case 'AddGrantLine':
      return addLine(command.data, state);
    case 'ChangeGrantLineAllowance':
      return changeAllowance(command.data, state);
    case 'ChangeGrantLineEndDate':
      return changeEndDate(command.data, state);
    case 'InactivateGrantLine':
      return inactivate(command.data, state);
    case 'ReactivateGrantLine':
      return reactivate(command.data, state);
    default:
      return assertNever(command);
  }
}

export const grantDecider: Decider<GrantCommand, GrantEvent, GrantState> = {
  initialState: initialGrantState,
  evolve: evolveGrant,
  decide: decideGrant,
};

function addLine(command: AddGrantLine['data'], state: GrantState): GrantLineAdded[] {
  requireGrantChangingRole(command.actor);
  const grantArea = command.grantArea.trim();
  if (grantArea === '') throw validationFailed([{ path: 'grantArea', code: 'too_small', message: 'Required: must not be empty' }]);
  requireGrantArea(command.actor, grantArea);
  requireCitizenActive(command);

  if (!LINE_KINDS.includes(command.kind)) throw validationFailed([{ path: 'kind', code: 'invalid_value', message: 'continuous or one_time' }]);
  const startDate = command.startDate ?? command.today;
  requireDate(startDate, 'startDate');
  const endDate = endDateFor(command.kind, startDate, command.endDate ?? null);
  const allowance = resolveAllowance(command.allowance, command.product.piecesPerSalesUnit);

  if (findLine(state, command.lineId)) throw conflict('LINE_ID_IN_USE', 'A grant line with this id already exists');
  const active = activeLineOf(state, command.product.itemNumber);
  if (active) {
    throw conflict('LINE_ALREADY_ACTIVE', 'The item already has an active line: edit or reactivate that one', { lineId: active.lineId });
  }
  const productName = command.product.name?.trim();
  return [
    {
      type: 'GrantLineAdded',
      data: {
        citizenId: command.citizenId,
        lineId: command.lineId,
        itemNumber: command.product.itemNumber,
        ...(productName ? { productName } : {}),
        piecesPerSalesUnit: command.product.piecesPerSalesUnit,
        grantArea,
        kind: command.kind,
        startDate,
        endDate,
        allowance,
        allowanceEffectiveDate: startDate,
      },
    },
  ];
}

/** Re-anchors the windows, unless the allowance is the same as before: then nothing happens (no reset). */
function changeAllowance(command: ChangeGrantLineAllowance['data'], state: GrantState): GrantLineAllowanceChanged[] {
  const line = lineToChange(command, state);
  requireLineActive(line);
  const allowance = resolveAllowance(command.allowance, command.piecesPerSalesUnit);
  if (sameAllowance(allowance, line.allowance)) return [];
  return [
    {
      type: 'GrantLineAllowanceChanged',
      data: {
        citizenId: command.citizenId,
        lineId: line.lineId,
        allowance,
        piecesPerSalesUnit: command.piecesPerSalesUnit,
        effectiveDate: effectiveDateFor(line, command.today),
      },
    },
  ];
}

function changeEndDate(command: ChangeGrantLineEndDate['data'], state: GrantState): GrantLineEndDateChanged[] {
  const line = lineToChange(command, state);
  requireLineActive(line);
  const endDate = endDateFor(line.kind, line.startDate, command.endDate);
  if (endDate === null || endDate === line.endDate) return [];
  return [{ type: 'GrantLineEndDateChanged', data: { citizenId: command.citizenId, lineId: line.lineId, endDate } }];
}

/** Inactivating an inactive line is a no-op: no event, no error (a repeated click changes nothing). */
function inactivate(command: InactivateGrantLine['data'], state: GrantState): GrantLineInactivated[] {
  const line = lineToChange(command, state);
  if (line.status === 'INACTIVE') return [];
  const reason = command.reason?.trim();
  return [
    {
      type: 'GrantLineInactivated',
      data: { citizenId: command.citizenId, lineId: line.lineId, ...(reason ? { reason } : {}), effectiveDate: effectiveDateFor(line, command.today) },
    },
  ];
}

/**
 * Reactivating an active line without a new allowance is a no-op; with one it is refused (LINE_ALREADY_ACTIVE):
 * that is an allowance change, and re-anchoring should not happen by accident.
 */
function reactivate(command: ReactivateGrantLine['data'], state: GrantState): GrantLineReactivated[] {
  const line = lineToChange(command, state);
  if (line.status === 'ACTIVE') {
    if (command.allowance === undefined) return [];
    throw conflict('LINE_ALREADY_ACTIVE', 'The line is active: change its allowance instead', { lineId: line.lineId });
  }
  const other = activeLineOf(state, line.itemNumber);
  if (other) {
    throw conflict('LINE_ALREADY_ACTIVE', 'The item already has another active line', { lineId: other.lineId });
  }
  const allowance = command.allowance === undefined ? undefined : resolveAllowance(command.allowance, command.piecesPerSalesUnit);
  return [
    {
      type: 'GrantLineReactivated',
      data: {
        citizenId: command.citizenId,
        lineId: line.lineId,
        ...(allowance === undefined ? {} : { allowance }),
        piecesPerSalesUnit: command.piecesPerSalesUnit,
        effectiveDate: effectiveDateFor(line, command.today),
      },
    },
  ];
}

/** Role, line, grant area, citizen: the checks every command on an existing line makes, in this order. */
function lineToChange(command: GrantCommandBase & { readonly lineId: string }, state: GrantState): GrantLine {
  requireGrantChangingRole(command.actor);
  const line = findLine(state, command.lineId);
  if (!line) throw new DomainError('not_found', 'LINE_NOT_FOUND', 'Grant line not found');
  requireGrantArea(command.actor, line.grantArea);
  requireCitizenActive(command);
  return line;
}

/**
 * A one-time line needs an end date on or after its start date; a continuous line has none (Decision: a line
 * with an end date *is* a one-time line, DOMAIN §1; a continuous line ends by being inactivated).
 */
function endDateFor(kind: LineKind, startDate: string, endDate: string | null): string | null {
  if (kind === 'continuous') {
    if (endDate !== null) throw unprocessable('END_DATE_NOT_ALLOWED', 'A continuous line has no end date; make it one-time, or inactivate it');
    return null;
  }
  if (endDate === null) throw unprocessable('END_DATE_REQUIRED', 'A one-time line needs an end date');
  requireDate(endDate, 'endDate');
  if (endDate < startDate) throw unprocessable('END_DATE_BEFORE_START', 'The end date is before the start date');
  return endDate;
}

/** A change takes effect today, or on the start date of a line that has not started: windows never precede it. */
const effectiveDateFor = (line: GrantLine, today: string): string => laterOf(today, line.startDate);

function requireGrantChangingRole(actor: GrantActor): void {
  if (!GRANT_CHANGING_ROLES.includes(actor.role)) {
    throw new DomainError('forbidden', 'FORBIDDEN', 'Only caseworkers and nurses change grants');
  }
}

function requireGrantArea(actor: GrantActor, grantArea: string): void {
  if (!mayActInGrantArea(actor, grantArea)) {
    throw new DomainError('forbidden', 'GRANT_AREA_FORBIDDEN', 'The grant area is not one of yours', { grantArea });
  }
}

function requireCitizenActive(command: GrantCommandBase): void {
  if (!command.citizenActive) throw unprocessable('CITIZEN_NOT_ACTIVE', 'The citizen is not active');
}

function requireLineActive(line: GrantLine): void {
  if (line.status !== 'ACTIVE') throw unprocessable('LINE_INACTIVE', 'The line is inactive: reactivate it, optionally with a new allowance');
}

function requireDate(value: string, path: string): void {
  if (!isCalendarDate(value)) throw validationFailed([{ path, code: 'invalid_format', message: 'A date YYYY-MM-DD' }]);
}

