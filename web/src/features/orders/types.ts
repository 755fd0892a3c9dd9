import type { paths } from '../../api/schema';

/** The order history's and an order's answers as the service describes them (API.md "Orders"); api.ts passes them on. */
export type OrderHistory = paths['/api/v1/citizens/{id}/orders']['get']['responses'][200]['content']['application/json'];
export type OrderRow = OrderHistory['items'][number];
export type OrderDetail = paths['/api/v1/orders/{orderId}']['get']['responses'][200]['content']['application/json'];
export type OrderLine = OrderDetail['lines'][number];
