import { ERASED } from '../../src/shared/personal-data.js';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizeForSearch } from '../../src/citizens/search-normalize.js';
import { canSeeCitizen } from '../../src/kernel/access-policy.js';
import { READ_MODEL_STORE, type Condition, type ReadModelStore, type SortKey } from '../../src/kernel/read-model-store.port.js';
import {
  GetCitizenOrders,
  GetOrder,
  type OrderDetail,
  type OrderHistoryCriteria,
  type OrderHistoryPage,
  type OrderRow,
  type OrderSort,
} from '../../src/orders/order.queries.js';
import { deliveryStatus } from '../../src/orders/order.state.js';
import { citizenScopeOf, citizensReadModel, type CitizenDocument } from '../citizens/citizens.read-model.js';
import { ordersReadModel, type OrderDocument } from './orders.read-model.js';

/** Sort keys of the API to document fields; status sorts by the order's progress (ORDER_STATUS_SEQUENCE). */
const SORT_FIELDS: Readonly<Record<string, string>> = {
  orderDate: 'orderDate',
  orderNumber: 'orderNumber',
  status: 'statusRank',
};

/** The chosen key, then the newest placed first among equals (then id, which the store always adds). */
export function historySort(sort: OrderSort): SortKey[] {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const field = SORT_FIELDS[sort.replace(/^-/, '')] ?? 'orderDate';
  return [
    { field, direction },
    { field: 'placedAt', direction: 'desc' },
  ];
}

/** One citizen's orders dated from..to (inclusive); every word of q somewhere in number, item numbers or names. */
export function historyConditions(citizenId: string, criteria: OrderHistoryCriteria): Condition[] {
  const words = normalizeForSearch(criteria.q ?? '').split(' ').filter(Boolean);
  return [
    { field: 'citizenId', op: 'eq', value: citizenId },
    { field: 'orderDate', op: 'gte', value: criteria.from },
    { field: 'orderDate', op: 'lte', value: criteria.to },
    ...words.map((word): Condition => ({ field: 'searchText', op: 'contains', value: word })),
  ];
}

const row = ({ orderId, orderNumber, orderDate, status, order }: OrderDocument): OrderRow => ({
  orderId,
  orderNumber,
  orderDate,
  status,
  placedBy: { role: order.placedBy.role, name: order.placedBy.name, channel: order.placedBy.channel },
  lineCount: order.lines.length,
  invoiceNumbers: order.invoiceNumbers,
});

const detail = ({ orderId, orderNumber, citizenId, orderDate, placedAt, status, order }: OrderDocument): OrderDetail => ({
  orderId,
  orderNumber,
  citizenId,
  orderDate,
  placedAt,
  status,
  placedBy: { userId: order.placedBy.userId, role: order.placedBy.role, name: order.placedBy.name, channel: order.placedBy.channel },
  remarks: order.remarks,
  deliveryAddress: order.deliveryAddress,
  invoiceNumbers: order.invoiceNumbers,
  cancellationReason: order.cancellationReason,
  lines: order.lines.map((line) => ({ ...line, deliveryStatus: deliveryStatus(line) })),
});

/** DOMAIN §5: every user who may see the citizen sees every order of theirs, whoever placed it. */
@QueryHandler(GetCitizenOrders)
export class GetCitizenOrdersHandler implements IQueryHandler<GetCitizenOrders> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, citizenId, criteria }: GetCitizenOrders): Promise<OrderHistoryPage | null> {
    const citizen = await this.store.get<CitizenDocument>(citizensReadModel.name, citizenId);
    if (!citizen || !canSeeCitizen(principal, citizenScopeOf(citizen))) return null;
    const { items, total } = await this.store.find<OrderDocument>(ordersReadModel.name, {
      where: historyConditions(citizenId, criteria),
      sort: historySort(criteria.sort),
      page: criteria.page,
      pageSize: criteria.pageSize,
    });
    // An erased citizen's name is `slettet` once, not once for each name.
    const whose = { citizenId, name: citizen.erased ? ERASED : `${citizen.firstName} ${citizen.lastName}`, cprMasked: citizen.cprMasked };
    return { citizen: whose, items: items.map(row), page: criteria.page, pageSize: criteria.pageSize, total };
  }
}

@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, orderId }: GetOrder): Promise<OrderDetail | null> {
    const doc = await this.store.get<OrderDocument>(ordersReadModel.name, orderId);
    if (!doc) return null;
    // The citizen's status decides too: a removed citizen's orders leave the municipal views with them.
    const citizen = await this.store.get<CitizenDocument>(citizensReadModel.name, doc.citizenId);
    if (!citizen || !canSeeCitizen(principal, citizenScopeOf(citizen))) return null;
    return detail(doc);
  }
}
