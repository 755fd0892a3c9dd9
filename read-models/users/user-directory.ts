import type { UserDirectory, UserRecord } from '../../src/identity/identity.ports.js';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListUsers } from '../../src/identity/identity.queries.js';
import { READ_MODEL_STORE, type Page, type ReadModelStore } from '../../src/infrastructure/read-model-store/read-model-store.port.js';
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

export class ReadModelUserDirectory implements UserDirectory {
  constructor(private readonly store: ReadModelStore) {}

  async byId(userId: string): Promise<UserRecord | null> {
    const doc = await this.store.get<UserDocument>(usersReadModel.name, userId);
    return doc ? toRecord(doc) : null;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const { items } = await this.store.find<UserDocument>(usersReadModel.name, {
      where: [{ field: 'usernameKey', op: 'eq', value: usernameKey(username) }],
      sort: [],
      page: 1,
      pageSize: 1,
    });
    return items[0] ? toRecord(items[0]) : null;
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
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  execute({ filter }: ListUsers) {
    return new ReadModelUserDirectory(this.store).list(filter, filter.page, filter.pageSize);
  }
}
