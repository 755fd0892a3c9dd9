import type { PositionCheck } from './event-store.port.js';

/**
 * Read-your-writes (ARCHITECTURE §5): a query may wait until its read models have processed the log up to the
 * position a command answered. Implemented by the projection runtime; used by the HTTP edge and by anything
 * that must see its own writes in a read model.
 */
export interface ReadYourWrites {
  /**
   * Whether a position handed in could be one the event store gave out (EventStore.checkPosition), asked before
   * waiting: only a `written` one can ever be reached, so waiting on any other would only hold the caller.
   */
  checkPosition(position: string): Promise<PositionCheck>;
  /** True once every named read model has processed the log up to `position`; false after the timeout. */
  waitForPosition(readModels: readonly string[], position: string, timeoutMs: number): Promise<boolean>;
}
export const READ_YOUR_WRITES = Symbol('ReadYourWrites');
