import type { Position } from '../src/kernel/event-store.port.js';
import type { FindQuery, Page, ReadModelStore } from '../src/kernel/read-model-store.port.js';

/** Passes every call through and remembers the finds, so that EXPLAIN can run the very queries a handler built. */
export class RecordingStore implements ReadModelStore {
  finds: Array<{ readonly readModel: string; readonly query: FindQuery }> = [];
  constructor(private readonly inner: ReadModelStore) {}
  get last(): FindQuery | undefined {
    return this.finds.at(-1)?.query;
  }
  get<D>(readModel: string, id: string): Promise<D | null> {
    return this.inner.get<D>(readModel, id);
  }
  find<D>(readModel: string, query: FindQuery): Promise<Page<D>> {
    this.finds.push({ readModel, query });
    return this.inner.find<D>(readModel, query);
  }
  checkpoint(readModel: string): Promise<Position | undefined> {
    return this.inner.checkpoint(readModel);
  }
}
