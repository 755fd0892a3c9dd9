import { describe, expect, it } from '@jest/globals';
import { MongoBulkWriteError, MongoServerError, type WriteError } from 'mongodb';
import { duplicateKeyIndexes } from '../../src/infrastructure/read-model-store/mongodb/documents.js';

/** How a guarded bulk write reads its errors: only E11000 on some upserts is "already newer" (pure, no server). */
describe('MongoDB guarded writes: reading a bulk write error', () => {
  // The driver's WriteError is no runtime export; its code and index are what the adapter reads.
  const writeError = (index: number, code: number) => ({ index, code, errmsg: `error ${code}` }) as unknown as WriteError;
  const bulkError = (errors: WriteError[], writeConcernError?: { code: number; errmsg: string }) =>
    new MongoBulkWriteError({ message: 'bulk write failed', code: errors[0]?.code ?? 0, writeErrors: errors }, {
      getWriteConcernError: () => writeConcernError,
    } as never);

  it('gives the indexes of the operations that failed with E11000 when those are all the errors', () => {
    expect(duplicateKeyIndexes(bulkError([writeError(1, 11000), writeError(4, 11000)]))).toEqual([1, 4]);
  });

  it('gives nothing for any other write error among them, a write concern error, or another error', () => {
    expect(duplicateKeyIndexes(bulkError([writeError(1, 11000), writeError(2, 121)]))).toBeUndefined();
    expect(duplicateKeyIndexes(bulkError([]))).toBeUndefined();
    const concern = { code: 64, errmsg: 'waiting for replication timed out' };
    expect(duplicateKeyIndexes(bulkError([writeError(0, 11000)], concern))).toBeUndefined();
    expect(duplicateKeyIndexes(new MongoServerError({ message: 'E11000', code: 11000 }))).toBeUndefined();
    expect(duplicateKeyIndexes(new Error('connection refused'))).toBeUndefined();
  });
});
