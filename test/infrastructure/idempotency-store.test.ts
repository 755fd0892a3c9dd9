import { afterEach, expect, it } from '@jest/globals';
import { migrateOperationalStore, ServiceInstanceLease, SqlIdempotencyStore } from '../../src/infrastructure/postgres/operational-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend } from '../support/databases.js';

const HOUR_AGO = () => new Date(Date.now() - 3_600_000);

describeEachBackend('Idempotency-Key claims between service instances', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** Two instances of the service on one operational store, each with its lease and its idempotency store. */
  async function twoInstances() {
    const db = await backend.open();
    cleanup.push(() => db.close());
    await migrateOperationalStore(db);
    const failures: unknown[] = [];
    const instance = async () => {
      const lease = new ServiceInstanceLease(db, (error) => failures.push(error));
      cleanup.push(() => lease.stop());
      return { lease, keys: new SqlIdempotencyStore(db, lease) };
    };
    const first = await instance();
    const second = await instance();
    return { db, first, second, failures };
  }

  /** What kill -9 leaves: the lease row, no longer renewed. */
  const diedAMinuteAgo = (db: SqlDatabase, lease: ServiceInstanceLease) =>
    db.query(`update service_instances set seen_at = now() - interval '1 minute' where instance_id = $1`, [lease.instanceId]);

  it('a key pending in a live instance is not taken over by another (it answers pending)', async () => {
    const { first, second } = await twoInstances();
    expect(await first.keys.claim('key-1', 'hash', HOUR_AGO())).toBe('claimed');
    expect(await second.keys.claim('key-1', 'hash', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'pending' });
    // Nor by its own owner: a concurrent repeat in the same process waits for the first run.
    expect(await first.keys.claim('key-1', 'hash', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'pending' });
  });

  it('a key pending in an instance that died is taken over at once, not after the stale-claim time', async () => {
    const { db, first, second } = await twoInstances();
    expect(await first.keys.claim('key-1', 'hash', HOUR_AGO())).toBe('claimed');
    await diedAMinuteAgo(db, first.lease);
    expect(await second.keys.claim('key-1', 'hash', HOUR_AGO())).toBe('claimed');
    // Now the second instance's: the first, were it to come back, waits for it.
    expect(await first.keys.claim('key-1', 'hash', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'pending' });
    // A different body under the key is still told apart, dead owner or not.
    await diedAMinuteAgo(db, second.lease);
    expect(await first.keys.claim('key-1', 'other', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'pending' });
  });

  it('a graceful stop gives the lease up; a finished answer is never taken over', async () => {
    const { first, second } = await twoInstances();
    expect(await first.keys.claim('pending', 'hash', HOUR_AGO())).toBe('claimed');
    expect(await first.keys.claim('done', 'hash', HOUR_AGO())).toBe('claimed');
    await first.keys.complete('done', 201, { ok: true });
    await first.lease.stop();
    expect(await second.keys.claim('pending', 'hash', HOUR_AGO())).toBe('claimed');
    expect(await second.keys.claim('done', 'hash', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'done', status: 201, body: { ok: true } });
  });

  it('a claim recorded without an owner (before leases) waits for the stale-claim time only', async () => {
    const { db, second } = await twoInstances();
    await db.query(`insert into idempotency_keys (scope_key, request_hash, state) values ('legacy', 'hash', 'pending')`);
    expect(await second.keys.claim('legacy', 'hash', HOUR_AGO())).toEqual({ requestHash: 'hash', state: 'pending' });
    expect(await second.keys.claim('legacy', 'hash', new Date(Date.now() + 1_000))).toBe('claimed');
  });

  it('the lease is renewed while a claim is in flight, and not at all once every claim is settled', async () => {
    const { db, first, failures } = await twoInstances();
    const seenSecondsAgo = async () =>
      Number((await db.query<{ ago: number }>(`select extract(epoch from now() - seen_at)::float8 as ago from service_instances where instance_id = $1`, [first.lease.instanceId])).rows[0]?.ago);
    const waitForBeat = async () => {
      const deadline = Date.now() + 5_000;
      while ((await seenSecondsAgo()) > 30 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    expect(await first.keys.claim('key-1', 'hash', HOUR_AGO())).toBe('claimed');
    await diedAMinuteAgo(db, first.lease);
    await waitForBeat();
    expect(await seenSecondsAgo()).toBeLessThan(30);

    await first.keys.complete('key-1', 200, {});
    await diedAMinuteAgo(db, first.lease);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await seenSecondsAgo()).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });
});
