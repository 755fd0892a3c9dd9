import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { canSeeCitizen, visibleGrantAreas } from '../../src/kernel/access-policy.js';
import { GetCitizen, type CitizenProfile } from '../../src/citizens/citizen.queries.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { citizenScopeOf, citizensReadModel, type CitizenDocument } from './citizens.read-model.js';

/** A citizen's record (DOMAIN §2, "Brugerdata"); null when the caller may not see them. */
@QueryHandler(GetCitizen)
export class GetCitizenHandler implements IQueryHandler<GetCitizen> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, citizenId }: GetCitizen): Promise<CitizenProfile | null> {
    const doc = await this.store.get<CitizenDocument>(citizensReadModel.name, citizenId);
    if (!doc || !canSeeCitizen(principal, citizenScopeOf(doc))) return null;
    return {
      citizenId: doc.citizenId,
      municipalityId: doc.municipalityId,
      cpr: doc.cpr,
      cprMasked: doc.cprMasked,
      birthDate: doc.birthDate,
      gender: doc.gender,
      firstName: doc.firstName,
      lastName: doc.lastName,
      address: doc.address,
      phone: doc.phone,
      email: doc.email,
      webshopUsername: doc.webshopUsername,
      status: doc.status,
      grantAreas: visibleGrantAreas(principal, doc.grantAreas),
      erased: doc.erased,
    };
  }
}
