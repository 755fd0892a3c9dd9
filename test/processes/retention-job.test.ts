import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CitizenDocument } from '../../read-models/citizens/citizens.read-model.js';
import { retentionCandidates } from '../../read-models/citizens/retention-candidates.js';
import { LocalKeyEncryption } from '../../src/infrastructure/personal-data/local-key-encryption.js';
import { PersonalDataKeys } from '../../src/infrastructure/personal-data/personal-data-keys.js';
import { SqlDataKeyStore } from '../../src/infrastructure/personal-data/sql-data-key-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { FindQuery, Page } from '../../src/kernel/read-model-store.port.js';
import type { CitizenErasure } from '../../src/processes/citizen-lifecycle/citizen-erasure.js';
import { RetentionJob } from '../../src/processes/retention/retention-job.js';
import { conflict } from '../../src/shared/domain-error.js';
import { dataSubject } from '../../src/shared/personal-data.js';
import { pgliteDatabase } from '../support/databases.js';

/**
 * The retention job's order of steps (retention-job.ts): the key store notes the erasure, the stream records it,
 * the key is deleted. Stopped between any two, the next run finishes it; a refusal keeps the key. The citizens
 * read model and the stream's decision are stand-ins here; the key store is the real one.
 */

const NOW = new Date('2031-06-01T12:00:00.000Z');
const removedLongAgo = '2024-01-10T09:00:00.000Z';

/** Removed citizens as the citizens read model lists them (only what the candidates' query reads). */
function readModel(citizenIds: readonly string[]) {
  const docs = citizenIds.map((citizenId) => ({
    citizenId,
    municipalityId: 'municipality-1',
    status: 'DECEASED',
    removedAt: removedLongAgo,
    erased: false,
    retentionKey: `${removedLongAgo} ${citizenId}`,
  })) as unknown as CitizenDocument[];
  return {
    find: <D>(_name: string, query: FindQuery): Promise<Page<D>> => {
      const bound = (field: string) => {
        const condition = query.where.find((each) => each.field === field);
        return condition && 'value' in condition ? String(condition.value) : '';
      };
      const [from, until] = [bound('retentionKey'), bound('removedAt')];
      const items = docs.filter((doc) => !doc.erased && doc.retentionKey! >= from && doc.removedAt! <= until).sort((a, b) => a.retentionKey!.localeCompare(b.retentionKey!));
      return Promise.resolve({ items: items.slice(0, query.pageSize) as unknown as D[], total: items.length, page: 1, pageSize: query.pageSize } as Page<D>);
    },
    docs,
  };
}

/** The stream's side: erased once (then a no-op), refused for the citizens named. */
function streams(refuse: ReadonlySet<string> = new Set()) {
  const recorded = new Set<string>();
  const erasure: Pick<CitizenErasure, 'eraseCitizenPersonalData'> = {
    eraseCitizenPersonalData: (citizenId) => {
      if (refuse.has(citizenId)) return Promise.reject(conflict('CITIZEN_NOT_REMOVED', 'reopened meanwhile'));
      const first = !recorded.has(citizenId);
      recorded.add(citizenId);
      return Promise.resolve({ erased: first, position: null });
    },
  };
  return { erasure, recorded };
}

const noIdempotency = { forgetAnswersBefore: () => Promise.resolve(0) };

describe('the retention job', () => {
  let db: SqlDatabase;
  let keys: PersonalDataKeys;
  const keyState = async (citizenId: string) => (await (await SqlDataKeyStore.open(db)).find([dataSubject('citizen', citizenId)])).get(dataSubject('citizen', citizenId))?.state;

  beforeAll(async () => {
    db = await pgliteDatabase();
    keys = new PersonalDataKeys(await SqlDataKeyStore.open(db), new LocalKeyEncryption(Buffer.alloc(32, 3)));
  });
  afterAll(async () => db.close());

  it('erases the due citizens and deletes their keys, keeps the key of one the stream refuses, and counts nobody twice', async () => {
    const citizens = ['c-1', 'c-2', 'c-3'];
    await keys.forWriting(citizens.map((id) => dataSubject('citizen', id)));
    const model = readModel(citizens);
    const { erasure, recorded } = streams(new Set(['c-2']));
    const job = new RetentionJob((query) => retentionCandidates(model, query), erasure, keys, noIdempotency);

    expect((await job.plan(NOW, 5)).due.map((citizen) => citizen.citizenId)).toEqual(citizens);
    expect((await job.plan(new Date('2028-01-01T00:00:00.000Z'), 5)).due).toEqual([]);

    const outcome = await job.apply(NOW, { years: 5, reason: 'test' });
    expect(outcome).toMatchObject({ erased: 2, finished: 0, refused: [{ citizenId: 'c-2', code: 'CITIZEN_NOT_REMOVED' }] });
    expect([...recorded].sort()).toEqual(['c-1', 'c-3']);
    expect(await Promise.all(citizens.map(keyState))).toEqual(['erased', 'active', 'erased']);
    // The refusal's note is taken back: nothing is left to finish.
    expect((await job.plan(NOW, 5)).interrupted).toEqual([]);

    // The read model still lists them (it lags the log): a second run records nothing new and counts nobody.
    const again = await job.apply(NOW, { years: 5, reason: 'test' });
    expect(again).toMatchObject({ erased: 0, finished: 0 });
  });

  it('finishes an erasure a stopped run began: the event recorded, the key not yet deleted', async () => {
    await keys.forWriting([dataSubject('citizen', 'c-9')]);
    const model = readModel(['c-9']);
    const { erasure } = streams();
    // The stopped run: noted, recorded on the stream, then gone before the key's deletion; the read model has the erasure.
    await keys.requestErasure(dataSubject('citizen', 'c-9'), NOW);
    await erasure.eraseCitizenPersonalData('c-9', { retentionYears: 5, reason: 'test' }, undefined as never);
    (model.docs[0] as { erased: boolean }).erased = true;
    expect(await keyState('c-9')).toBe('active');

    const job = new RetentionJob((query) => retentionCandidates(model, query), erasure, keys, noIdempotency);
    expect((await job.plan(NOW, 5)).interrupted).toEqual(['c-9']);
    expect(await job.apply(NOW, { years: 5, reason: 'test' })).toMatchObject({ erased: 0, finished: 1, refused: [] });
    expect(await keyState('c-9')).toBe('erased');
    expect((await job.plan(NOW, 5)).interrupted).toEqual([]);
  });
});
