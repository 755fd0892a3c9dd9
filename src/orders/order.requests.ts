import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import type { Principal } from '../kernel/principal.js';
import type { FulfilmentReport } from './order.decider.js';

/**
 * What callers ask of orders, sent over the command bus. Each spans the order's stream and its grant's, so the
 * processes handle them (src/processes/orders). A request is not a decider's command: `PlaceOrderRequest` becomes
 * the grant's `PlaceGrantOrder` and the order's `PlaceOrder`.
 */
type Positioned = { position: Position | null };

export interface PlaceOrderInput {
  readonly lines: readonly { readonly lineId: string; readonly salesUnits: number }[];
  readonly remarks?: string | null;
}

export class PlaceOrderRequest extends Command<Positioned & { orderId: string; orderNumber: string }> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly citizenId: string, readonly input: PlaceOrderInput) {
    super();
  }
}

export class CancelOrderRequest extends Command<Positioned> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly orderId: string, readonly reason: string) {
    super();
  }
}

export class ReportFulfilmentRequest extends Command<Positioned> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly orderId: string, readonly report: FulfilmentReport) {
    super();
  }
}
