/** The event the console starts from when a bus has none yet: an order, as in the README. */
export const EXAMPLE_EVENT = {
  version: '0', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'detail-type': 'Order Placed', source: 'shop.orders',
  account: '000000000000', time: '2026-11-26T10:00:00Z', region: 'local', resources: [],
  detail: { orderId: 'o-1001', total: 120, currency: 'EUR' },
}
