import { comparePositions, type Position } from '../../kernel/event-store.port.js';
import { sleep } from './timing.js';

export type CheckpointListener = (readModel: string, checkpoint: Position) => void;

/** In-process news of committed checkpoints, so read-your-writes waiters wake at once instead of polling. */
export class CheckpointNotifier {
  private readonly listeners = new Set<CheckpointListener>();
  private readonly latest = new Map<string, Position>();

  /** Overwrites, even backwards: after a swap the new live table's checkpoint is the one queries see. */
  publish(readModel: string, checkpoint: Position): void {
    this.latest.set(readModel, checkpoint);
    for (const listener of this.listeners) listener(readModel, checkpoint);
  }

  subscribe(listener: CheckpointListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latestOf(readModel: string): Position | undefined {
    return this.latest.get(readModel);
  }
}

export interface WaitForPositionOptions {
  readonly notifier: CheckpointNotifier;
  /** The stored checkpoints: another instance may be the one projecting. */
  readonly storedCheckpoints: (readModels: readonly string[]) => Promise<ReadonlyMap<string, Position | undefined>>;
  readonly readModels: readonly string[];
  readonly position: Position;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

const reached = (checkpoint: Position | undefined, position: Position) =>
  checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;

/**
 * True once every named read model has processed the log up to `position`, false on timeout. Wakes on local
 * commits immediately and polls the stored checkpoints meanwhile, for commits made by other instances.
 */
export async function waitForPosition(options: WaitForPositionOptions): Promise<boolean> {
  const pending = new Set(options.readModels);
  const deadline = Date.now() + options.timeoutMs;
  const wake = new AbortController();
  const unsubscribe = options.notifier.subscribe((readModel, checkpoint) => {
    if (reached(checkpoint, options.position)) pending.delete(readModel);
    if (pending.size === 0) wake.abort();
  });
  try {
    for (const name of [...pending]) if (reached(options.notifier.latestOf(name), options.position)) pending.delete(name);
    while (pending.size > 0) {
      const stored = await options.storedCheckpoints([...pending]);
      for (const [name, checkpoint] of stored) if (reached(checkpoint, options.position)) pending.delete(name);
      const remaining = deadline - Date.now();
      if (pending.size === 0 || remaining <= 0) break;
      await sleep(Math.min(options.pollIntervalMs, remaining), wake.signal);
    }
    return pending.size === 0;
  } finally {
    unsubscribe();
  }
}
