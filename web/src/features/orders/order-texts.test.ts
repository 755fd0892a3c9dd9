import { describe, expect, it } from '@jest/globals';
import type { OrderDetail, OrderLine } from './api';
import { isCancellable, lineStatusText, mayCancelOrders, orderStatusText, placedByText } from './order-texts';

const line = (fields: Partial<OrderLine>): OrderLine => ({
  lineId: 'l1',
  itemNumber: '201005',
  productName: 'Skagen Colo lukket pose 30 mm',
  grantArea: 'Stomi',
  salesUnits: 6,
  shipped: 0,
  backordered: 0,
  cancelled: 0,
  credited: [],
  deliveryStatus: 'pending',
  ...fields,
});

const order = (status: OrderDetail['status'], lines: OrderLine[]): OrderDetail => ({
  orderId: 'o1',
  orderNumber: '261126-048213',
  citizenId: 'c1',
  orderDate: '2026-11-26',
  placedAt: '2026-11-26T09:00:00Z',
  status,
  placedBy: { userId: 'u1', role: 'caseworker', name: 'Sara Sagsbehandler', channel: 'municipality' },
  remarks: null,
  deliveryAddress: { street: 'Amagerbrogade 112', postalCode: '2300', city: 'København S' },
  invoiceNumbers: [],
  cancellationReason: null,
  lines,
});

describe('The order history in Danish (user guide p. 7)', () => {
  it.each([
    [line({}), 'Afventer afsendelse'],
    [line({ backordered: 6, deliveryStatus: 'backordered' }), 'I restordre'],
    [line({ shipped: 2, backordered: 4, deliveryStatus: 'partially_shipped' }), 'Delvist afsendt (2 af 6), 4 i restordre'],
    [line({ shipped: 6, deliveryStatus: 'shipped' }), 'Afsendt'],
    [line({ shipped: 6, credited: [{ salesUnits: 1, creditNoteNumber: 'KN-1' }], deliveryStatus: 'shipped' }), 'Afsendt, 1 krediteret'],
    [line({ shipped: 6, credited: [{ salesUnits: 4, creditNoteNumber: 'KN-1' }, { salesUnits: 2, creditNoteNumber: 'KN-2' }], deliveryStatus: 'shipped' }), 'Afsendt og krediteret'],
    [line({ shipped: 2, cancelled: 4, deliveryStatus: 'shipped' }), 'Afsendt, 4 annulleret'],
    [line({ cancelled: 6, deliveryStatus: 'cancelled' }), 'Annulleret'],
  ])('a line %# reads "%s"', (orderLine, text) => {
    expect(lineStatusText(orderLine)).toBe(text);
  });

  it('statuses and who placed an order are in Danish, with the channel', () => {
    expect(orderStatusText('backordered')).toBe('I restordre');
    expect(orderStatusText('invoiced')).toBe('Faktureret');
    expect(placedByText({ role: 'customer_service', name: 'Karin', channel: 'customer_service' })).toBe('Kundeservice, kanal: kundeservice');
    expect(placedByText({ role: 'citizen', name: 'Inger', channel: 'citizen' })).toBe('Borger, kanal: borger');
  });

  it('an order can be cancelled while any unit is unshipped: not when all shipped or all cancelled', () => {
    expect(isCancellable(order('accepted', [line({})]))).toBe(true);
    expect(isCancellable(order('partially_shipped', [line({ shipped: 6, deliveryStatus: 'shipped' }), line({ lineId: 'l2', shipped: 1, deliveryStatus: 'partially_shipped' })]))).toBe(true);
    expect(isCancellable(order('shipped', [line({ shipped: 6, deliveryStatus: 'shipped' })]))).toBe(false);
    expect(isCancellable(order('invoiced', [line({ shipped: 2, cancelled: 4, deliveryStatus: 'shipped' })]))).toBe(false);
    expect(isCancellable(order('cancelled', [line({ cancelled: 6, deliveryStatus: 'cancelled' })]))).toBe(false);
  });

  it('caseworkers, nurses, orderers and customer service cancel; auditors and citizens do not', () => {
    expect(['caseworker', 'nurse', 'orderer', 'customer_service'].every(mayCancelOrders)).toBe(true);
    expect(mayCancelOrders('auditor')).toBe(false);
    expect(mayCancelOrders('citizen')).toBe(false);
  });
});
