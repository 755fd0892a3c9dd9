import { USER_DIRECTORY, type UserDirectory, type UserRecord } from '../../src/identity/identity.ports.js';
import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListUsers } from '../../src/identity/identity.queries.js';
import { READ_MODEL_STORE, type Page, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { isRemovalStatus } from '../../src/citizens/citizen.events.js';
import { citizensReadModel, type CitizenDocument } from '../citizens/citizens.read-model.js';
import { usernameKey, usersReadModel, type UserDocument } from './users.read-model.js';

const toRecord = (doc: UserDocument): UserRecord => ({
  userId: doc.userId,
  username: doc.username,
  name: doc.name,
  email: doc.email,
  role: doc.role,
  municipalityId: doc.municipalityId,
  grantAreas: doc.grantAreas,
  disabled: doc.disabled,
});

/**
 * A citizen's webshop login (DOMAIN §1 webshopUsername): the citizen id is the account id, and a removed
 * citizen (DECEASED, MOVED_AWAY) cannot log in.
 */
const citizenRecord = (doc: CitizenDocument): UserRecord => ({
  userId: doc.citizenId,
  username: doc.webshopUsername,
  name: `${doc.firstName} ${doc.lastName}`,
  email: doc.email ?? '',
  role: 'citizen',
  municipalityId: doc.municipalityId,
  grantAreas: [],
  disabled: isRemovalStatus(doc.status),
});

/** Accounts for login: staff from the users read model, citizens' webshop logins from the citizens read model. */
@Injectable()
export class ReadModelUserDirectory implements UserDirectory {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async byId(userId: string): Promise<UserRecord | null> {
    const doc = await this.store.get<UserDocument>(usersReadModel.name, userId);
    if (doc) return toRecord(doc);
    const citizen = await this.store.get<CitizenDocument>(citizensReadModel.name, userId);
    return citizen ? citizenRecord(citizen) : null;
  }

  /** Staff usernames first; a citizen's webshop username only if no staff account has it. */
  async byUsername(username: string): Promise<UserRecord | null> {
    const key = usernameKey(username);
    const { items } = await this.store.find<UserDocument>(usersReadModel.name, { where: [{ field: 'usernameKey', op: 'eq', value: key }], sort: [], page: 1, pageSize: 1 });
    if (items[0]) return toRecord(items[0]);
    const citizens = await this.store.find<CitizenDocument>(citizensReadModel.name, {
      where: [{ field: 'webshopUsernameKey', op: 'eq', value: key }],
      sort: [{ field: 'registeredAt', direction: 'desc' }],
      page: 1,
      pageSize: 10,
    });
    // A removed citizen's username may be held again by their new registration: the active one logs in.
    const active = citizens.items.find((doc) => !isRemovalStatus(doc.status));
    return active ? citizenRecord(active) : null;
  }

  async list(filter: { municipalityId?: string; role?: string }, page: number, pageSize: number): Promise<Page<UserRecord>> {
    const where = [
      ...(filter.municipalityId ? [{ field: 'municipalityId', op: 'eq' as const, value: filter.municipalityId }] : []),
      ...(filter.role ? [{ field: 'role', op: 'eq' as const, value: filter.role }] : []),
    ];
    const result = await this.store.find<UserDocument>(usersReadModel.name, {
      where,
      sort: [{ field: 'username', direction: 'asc' }],
      page,
      pageSize,
    });
    return { items: result.items.map(toRecord), total: result.total };
  }
}

@QueryHandler(ListUsers)
export class ListUsersHandler implements IQueryHandler<ListUsers> {
  constructor(@Inject(USER_DIRECTORY) private readonly users: ReadModelUserDirectory) {}

  execute({ filter }: ListUsers) {
    return this.users.list(filter, filter.page, filter.pageSize);
  }
}
