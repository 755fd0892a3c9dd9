import type { Role } from '../shared/actor.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, unprocessable } from '../shared/domain-error.js';
import type { UserEvent } from './identity.events.js';

/** Roles that belong to one municipality and work within the grant areas they were given (DOMAIN §6). */
export const MUNICIPAL_ROLES: readonly Role[] = ['caseworker', 'nurse', 'orderer'];
/** Roles an administrator may give a staff account. Citizens get webshop logins through their citizen record. */
export const STAFF_ROLES = ['caseworker', 'nurse', 'orderer', 'customer_service', 'auditor', 'admin', 'integration'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface UserProfile {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly municipalityId: string | null;
  readonly grantAreas: readonly string[];
}

export type UserChanges = Partial<Omit<UserProfile, 'username'>> & { readonly disabled?: boolean };

/** What the application knows about the municipality named in the command (null: it does not exist). */
export type MunicipalityAreas = { readonly grantAreas: readonly string[] } | null;

export type UserCommand =
  | { readonly type: 'CreateUser'; readonly userId: string; readonly profile: UserProfile; readonly municipality: MunicipalityAreas }
  | {
      readonly type: 'ChangeUser';
      readonly userId: string;
      readonly changes: UserChanges;
      readonly municipality: MunicipalityAreas;
    }
  | { readonly type: 'RecordPasswordChange'; readonly userId: string; readonly at: string }
  | { readonly type: 'AcceptTerms'; readonly userId: string; readonly termsVersion: string };

export type UserState =
  | { readonly status: 'none' }
  | ({ readonly status: 'active' | 'disabled'; readonly userId: string; readonly termsVersion: string | null } & UserProfile);

/** A municipal user needs a municipality and areas within it; the supplier's staff have neither. */
function checkScope(profile: Pick<UserProfile, 'role' | 'municipalityId' | 'grantAreas'>, municipality: MunicipalityAreas) {
  if (!MUNICIPAL_ROLES.includes(profile.role)) {
    if (profile.municipalityId !== null || profile.grantAreas.length > 0) {
      throw unprocessable('ROLE_SCOPE_INVALID', 'Only municipal roles have a municipality and grant areas');
    }
    return;
  }
  if (profile.municipalityId === null) throw unprocessable('MUNICIPALITY_REQUIRED', 'A municipal user needs a municipality');
  if (!municipality) throw unprocessable('MUNICIPALITY_UNKNOWN', 'The municipality does not exist');
  const unknown = profile.grantAreas.filter((area) => !municipality.grantAreas.includes(area));
  if (unknown.length > 0) throw unprocessable('GRANT_AREA_UNKNOWN', 'A grant area is not one of the municipality\'s', { grantAreas: unknown });
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'CreateUser') {
      if (state.status !== 'none') throw conflict('USER_EXISTS', 'The user already exists');
      checkScope(command.profile, command.municipality);
      return [{ type: 'UserCreated', data: { userId: command.userId, ...command.profile, grantAreas: [...command.profile.grantAreas] } }];
    }
    if (state.status === 'none') throw notFound('User not found');
    switch (command.type) {
      case 'ChangeUser': {
        const { disabled, ...profile } = command.changes;
        checkScope({ ...state, ...profile }, command.municipality);
        const changed = Object.fromEntries(
          Object.entries(profile).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(state[key as keyof UserProfile])),
        );
        const events: UserEvent[] = Object.keys(changed).length === 0 ? [] : [{ type: 'UserChanged', data: { userId: command.userId, ...changed } }];
        if (disabled === true && state.status === 'active') events.push({ type: 'UserDisabled', data: { userId: command.userId } });
        if (disabled === false && state.status === 'disabled') events.push({ type: 'UserEnabled', data: { userId: command.userId } });
        return events;
      }
      case 'RecordPasswordChange':
        return [{ type: 'UserPasswordChanged', data: { userId: command.userId, changedAt: command.at } }];
      case 'AcceptTerms':
        return state.termsVersion === command.termsVersion
          ? []
          : [{ type: 'UserAcceptedTerms', data: { userId: command.userId, termsVersion: command.termsVersion } }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UserCreated': {
        const { userId, role, ...profile } = event.data;
        return { status: 'active', userId, termsVersion: null, ...profile, role: role as StaffRole };
      }
      case 'UserChanged': {
        if (state.status === 'none') return state;
        const { userId: _userId, ...changes } = event.data;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        return { ...state, ...defined } as UserState;
      }
      case 'UserDisabled':
        return state.status === 'none' ? state : { ...state, status: 'disabled' };
      case 'UserEnabled':
        return state.status === 'none' ? state : { ...state, status: 'active' };
      case 'UserAcceptedTerms':
        return state.status === 'none' ? state : { ...state, termsVersion: event.data.termsVersion };
      case 'UserPasswordChanged':
        return state;
      default:
        return assertNever(event);
    }
  },
};

export const userStream = (userId: string) => `user-${userId}`;
