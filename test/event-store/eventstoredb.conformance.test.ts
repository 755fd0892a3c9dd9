/**
 * The EventStore conformance suite against a real EventStoreDB / KurrentDB node: TEST_EVENTSTORE_URL, e.g.
 * `esdb://localhost:2113?tls=false`. The suite works in streams under random prefixes, so the node may hold
 * other data (and keeps what the suite writes). Without the variable the suite shows up as one skipped test.
 */
import { describe, it } from '@jest/globals';
import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { eventStoreConformance } from './conformance.js';

const url = process.env.TEST_EVENTSTORE_URL;

if (url === undefined || url === '') {
  describe('EventStore conformance [eventstoredb]', () => {
    it.skip('skipped: no EventStoreDB reachable (set TEST_EVENTSTORE_URL)', () => undefined);
  });
} else {
  eventStoreConformance({
    name: 'eventstoredb',
    gaps: { supported: false, reason: 'EventStoreDB has a single writer: $all has no commit-order gaps to provoke' },
    async open() {
      // open() reads $all once: an unreachable node fails here, in beforeAll, with the client's error.
      const store = await EventStoreDbEventStore.open(url);
      return { store, dispose: () => store.close() };
    },
  });
}
