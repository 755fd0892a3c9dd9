import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accessLogStream, type CitizenRecordOpened } from './access-log.js';
import { grantStream } from '../grants/grant.decider.js';
import type { Principal } from '../kernel/principal.js';
import { USER_NAMES, type UserNames } from '../kernel/user-names.port.js';
import { orderStream } from '../orders/order.decider.js';
import { accessLogEntries, accessLogExtract, accessLogRows, type AccessLogEntry, type AccessLogExtract, type AccessLogRow, type DateRange } from './access-log-views.js';
import { CitizenEventReader } from './citizen-event-reader.js';
import { citizenHistory, orderIdsPlaced, type HistoryItem, type Page } from './citizen-history.js';

/**
 * The auditors' queries (DOMAIN §7). They read the event store, not read models, so they are current the
 * moment an append returns and need no read-your-writes wait. Each answers null for a citizen that does not
 * exist or that the caller may not see (the edge answers 404).
 */

/** Every event of the citizen, their grant and their orders, in log order, a page at a time. */
export class GetCitizenHistory extends Query<Page<HistoryItem> | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

/** Who opened the citizen's record, when and why, newest first. */
/** API.md: a plain array, newest first. */
export class GetCitizenAccessLog extends Query<AccessLogRow[] | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
    readonly range: DateRange,
  ) {
    super();
  }
}

/** The citizen's GDPR Art. 15 extract: dates and purposes only, oldest first. */
export class GetCitizenAccessLogExtract extends Query<AccessLogExtract | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
  ) {
    super();
  }
}

/**
 * The names of the users behind some user ids, as the users read model has them today, so that a person reading
 * the history or the access log sees who, not an id. A citizen's own id (the webshop login) is no user: null.
 */
async function userNames(users: UserNames, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((userId): userId is string => userId !== null))];
  const found = await Promise.all(ids.map(async (userId) => [userId, (await users.byId(userId))?.name ?? null] as const));
  return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== null));
}

@QueryHandler(GetCitizenHistory)
export class GetCitizenHistoryHandler implements IQueryHandler<GetCitizenHistory> {
  constructor(
    @Inject(CitizenEventReader) private readonly reader: CitizenEventReader,
    @Inject(USER_NAMES) private readonly users: UserNames,
  ) {}

  async execute({ principal, citizenId, page, pageSize }: GetCitizenHistory): Promise<Page<HistoryItem> | null> {
    const citizen = await this.reader.visibleCitizen(principal, citizenId);
    if (!citizen) return null;
    const grant = await this.reader.stream(grantStream(citizenId));
    // An order counted on the grant but abandoned before it was created still has its stream (OrderAbandoned).
    const orders = await this.reader.streams(orderIdsPlaced(grant.map(({ event }) => event)).map(orderStream));
    const history = citizenHistory([citizen, grant, ...orders], page, pageSize);
    const names = await userNames(this.users, history.items.map(({ actor }) => actor.userId));
    return {
      ...history,
      items: history.items.map((item) => ({ ...item, actor: { ...item.actor, name: (item.actor.userId && names.get(item.actor.userId)) ?? null } })),
    };
  }
}

/** The access log's entries of a citizen the caller may see; null otherwise. */
async function visibleAccessLog(reader: CitizenEventReader, principal: Principal, citizenId: string): Promise<AccessLogEntry[] | null> {
  if (!(await reader.visibleCitizen(principal, citizenId))) return null;
  const events = await reader.stream(accessLogStream(citizenId));
  return accessLogEntries(
    events.flatMap(({ recorded, event }) => (event.type === 'CitizenRecordOpened' ? [{ recorded, event: event as CitizenRecordOpened }] : [])),
  );
}

@QueryHandler(GetCitizenAccessLog)
export class GetCitizenAccessLogHandler implements IQueryHandler<GetCitizenAccessLog> {
  constructor(
    @Inject(CitizenEventReader) private readonly reader: CitizenEventReader,
    @Inject(USER_NAMES) private readonly users: UserNames,
  ) {}

  async execute({ principal, citizenId, range }: GetCitizenAccessLog): Promise<AccessLogRow[] | null> {
    const entries = await visibleAccessLog(this.reader, principal, citizenId);
    if (!entries) return null;
    const rows = accessLogRows(entries, range);
    const names = await userNames(this.users, rows.map(({ userId }) => userId));
    return rows.map((row) => ({ ...row, name: (row.userId && names.get(row.userId)) ?? null }));
  }
}

@QueryHandler(GetCitizenAccessLogExtract)
export class GetCitizenAccessLogExtractHandler implements IQueryHandler<GetCitizenAccessLogExtract> {
  constructor(@Inject(CitizenEventReader) private readonly reader: CitizenEventReader) {}

  async execute({ principal, citizenId }: GetCitizenAccessLogExtract): Promise<AccessLogExtract | null> {
    const entries = await visibleAccessLog(this.reader, principal, citizenId);
    return entries && accessLogExtract(citizenId, entries);
  }
}
