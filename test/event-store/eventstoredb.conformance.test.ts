/**
 * The EventStore conformance suite against a real EventStoreDB / KurrentDB node: TEST_EVENTSTORE_URL (e.g.
 * `esdb://localhost:2113?tls=false`), or else a container of docker-compose.yml's KurrentDB image when a
 * container runtime answers (test/support/containers.ts). The suite works in streams under random prefixes, so
 * the node may hold other data. With neither, the suite shows up as one skipped test saying why.
 */
import { describe, it } from '@jest/globals';
import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { eventStoreDbServer } from '../support/containers.js';
import { eventStoreConformance } from './conformance.js';
import { ESDB_POSITIONS } from './eventstoredb-position-examples.js';
import { personalDataConformance } from './personal-data.conformance.js';

const server = await eventStoreDbServer();

if (!server.available) {
  describe('EventStore conformance [eventstoredb]', () => {
    it.skip(`skipped: ${server.reason}`, () => undefined);
  });
  personalDataConformance({ name: 'eventstoredb', skipAll: server.reason, open: () => Promise.reject(new Error(server.reason)) });
} else {
  /** A node of the server's (a container of its own, or the one at the URL) and the adapter on it. */
  const openNode = async () => {
    const node = await server.start();
    // open() reads $all once: an unreachable node fails here, in beforeAll, with the client's error.
    const store = await EventStoreDbEventStore.open(node.url);
    return {
      store,
      dispose: async () => {
        await store.close();
        await node.stop();
      },
    };
  };
  eventStoreConformance({
    name: `eventstoredb, ${server.source === 'url' ? 'TEST_EVENTSTORE_URL' : 'container'}`,
    positions: ESDB_POSITIONS,
    gaps: { supported: false, reason: 'EventStoreDB has a single writer: $all has no commit-order gaps to provoke' },
    open: openNode,
  });
  personalDataConformance({ name: 'eventstoredb', open: openNode });
}
