/**
 * EventStoreDB's $all position, { commit, prepare } (two unsigned 64-bit log offsets, compared commit first),
 * as the port's opaque Position: `<commit as 16 hex digits>-<prepare as 16 hex digits>`, lower case and
 * zero-padded, so plain string order is $all order.
 */
import type { Position } from '../../../kernel/event-store.port.js';

export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const HEX_WIDTH = 16;
const MAX_UINT64 = (1n << 64n) - 1n;
const POSITION_PATTERN = /^([0-9a-f]{16})-([0-9a-f]{16})$/;

export class InvalidPositionError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPositionError';
  }
}

function hex(part: 'commit' | 'prepare', value: bigint): string {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) {
    throw new InvalidPositionError(`EventStoreDB ${part} position must be an unsigned 64-bit integer, got ${String(value)}`);
  }
  return value.toString(16).padStart(HEX_WIDTH, '0');
}

export function encodePosition(position: EsdbPosition): Position {
  return `${hex('commit', position.commit)}-${hex('prepare', position.prepare)}` as Position;
}

export function decodePosition(position: Position | string): EsdbPosition {
  const match = typeof position === 'string' ? POSITION_PATTERN.exec(position) : null;
  if (!match) {
    throw new InvalidPositionError(
      `Not an EventStoreDB position: ${JSON.stringify(position)} (expected <commit>-<prepare>, 16 lower-case hex digits each)`,
    );
  }
  return { commit: BigInt(`0x${match[1]}`), prepare: BigInt(`0x${match[2]}`) };
}

/** The server's log positions are signed 64-bit; only the client's END (-1) shows as larger. */
const MAX_LOG_POSITION = (1n << 63n) - 1n;

/**
 * Shaped as the position of a place in the log: the port's encoding, commit and prepare each a log offset. No
 * order between the two is implied: an event of a multi-event append has its transaction's commit position and
 * a later prepare position of its own, an explicit transaction's commit comes after its prepares.
 */
export function isEsdbPosition(candidate: string): boolean {
  const match = POSITION_PATTERN.exec(candidate);
  return match !== null && BigInt(`0x${match[1]}`) <= MAX_LOG_POSITION && BigInt(`0x${match[2]}`) <= MAX_LOG_POSITION;
}

/** $all order of two positions, as the log orders them (commit first). */
export function compareEsdbPositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}
