/**
 * The logger every layer writes to. Structured: fields first, then a message. The adapter (pino, in
 * infrastructure/logging) scrubs personal data from every line; callers still never pass a CPR number,
 * password or token on purpose.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const LOGGER = Symbol('Logger');
