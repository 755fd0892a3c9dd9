import type { Position } from '../../src/kernel/event-store.port.js';
import type { PositionExamples } from './conformance.js';

/** EventStoreDB's positions for the conformance suite, on a real node and on the model of one alike. */
export const ESDB_POSITIONS: PositionExamples = {
  beyondAnyWrite: '0000ffffffffffff-0000ffffffffffff' as Position,
  malformed: [
    '00000000000004D2-00000000000004D2', // upper case
    '8000000000000000-0000000000000000', // beyond the server's signed 64-bit log positions
    'ffffffffffffffff-ffffffffffffffff', // the client's END: no place in the log
    '0000000000000001', // the shape of another store's positions
  ],
};
