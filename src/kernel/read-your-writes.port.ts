/**
 * Read-your-writes (ARCHITECTURE §5): a query may wait until its read models have processed the log up to the
 * position a command answered. Implemented by the projection runtime; used by the HTTP edge and by anything
 * that must see its own writes in a read model.
 */
export interface ReadYourWrites {
  /** True once every named read model has processed the log up to `position`; false after the timeout. */
  waitForPosition(readModels: readonly string[], position: string, timeoutMs: number): Promise<boolean>;
}
export const READ_YOUR_WRITES = Symbol('ReadYourWrites');
