import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, unprocessable } from '../shared/domain-error.js';
import type { MunicipalityEvent } from './identity.events.js';

export interface MunicipalityDetails {
  readonly name: string;
  readonly postalCodes: readonly string[];
  readonly grantAreas: readonly string[];
}

export type MunicipalityCommand =
  | { readonly type: 'RegisterMunicipality'; readonly municipalityId: string; readonly details: MunicipalityDetails }
  | { readonly type: 'UpdateMunicipality'; readonly municipalityId: string; readonly details: MunicipalityDetails };

export type MunicipalityState =
  | { readonly status: 'none' }
  | ({ readonly status: 'registered'; readonly municipalityId: string } & MunicipalityDetails);

const validate = (details: MunicipalityDetails) => {
  const postalCodes = [...new Set(details.postalCodes)].sort();
  const grantAreas = [...new Set(details.grantAreas.map((area) => area.trim()))];
  if (postalCodes.length === 0) throw unprocessable('POSTAL_CODES_REQUIRED', 'A municipality needs at least one postal code');
  if (grantAreas.length === 0 || grantAreas.some((area) => area === '')) {
    throw unprocessable('GRANT_AREAS_REQUIRED', 'A municipality needs at least one named grant area');
  }
  return { name: details.name.trim(), postalCodes, grantAreas };
};

const sameDetails = (a: MunicipalityDetails, b: MunicipalityDetails) =>
  a.name === b.name && a.postalCodes.join() === b.postalCodes.join() && a.grantAreas.join() === b.grantAreas.join();

export const municipalityDecider: Decider<MunicipalityCommand, MunicipalityEvent, MunicipalityState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterMunicipality': {
        if (state.status === 'registered') throw conflict('MUNICIPALITY_EXISTS', 'The municipality already exists');
        return [{ type: 'MunicipalityRegistered', data: { municipalityId: command.municipalityId, ...validate(command.details) } }];
      }
      case 'UpdateMunicipality': {
        if (state.status === 'none') throw notFound('Municipality not found');
        const details = validate(command.details);
        if (sameDetails(details, state)) return [];
        return [{ type: 'MunicipalityUpdated', data: { municipalityId: command.municipalityId, ...details } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'MunicipalityRegistered':
      case 'MunicipalityUpdated':
        return { status: 'registered', ...event.data };
      default:
        return assertNever(event);
    }
  },
};

export const municipalityStream = (municipalityId: string) => `municipality-${municipalityId}`;
