import type { CommandContext } from '../kernel/command-context.js';
import { Inject, Injectable } from '@nestjs/common';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { comparePositions, EVENT_STORE, WrongExpectedRevisionError, type EventStore, type Position } from '../kernel/event-store.port.js';
import type { CatalogueRowRejection, ParsedCatalogueFile } from './catalogue-file.js';
import { productDecider, productStream, type ProductState } from './product.decider.js';
import type { ProductEvent } from './product.events.js';

export interface ImportReport {
  /** Rows that passed validation (whether or not they changed anything). */
  readonly accepted: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly rejected: readonly CatalogueRowRejection[];
  /** Position of the last event appended; null when the import changed nothing. */
  readonly position: Position | null;
}

type Known = { readonly state: ProductState; readonly revision: number };

const READ_PAGE = 5_000;
/** Appends in flight at once: enough to keep a server's connection pool busy; PGlite runs them one by one. */
const CONCURRENCY = 8;

/**
 * Imports a product file: one stream per product, events only for rows that are new or changed, so the same
 * file twice appends nothing. For large files the current catalogue is read in one pass over `$all` instead
 * of one stream read per row; a row whose stream moved meanwhile is decided again on a fresh read.
 */
@Injectable()
export class CatalogueImporter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
  ) {}

  async import(file: ParsedCatalogueFile, context: CommandContext, onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
    const known = await this.currentCatalogue();
    const counts = { added: 0, changed: 0, unchanged: 0 };
    let position: Position | null = null;
    let done = 0;
    const queue = [...file.rows];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const outcome = await this.importRow(next.product, known.get(productStream(next.product.itemNumber)), context);
        counts[outcome.kind] += 1;
        if (outcome.position && (!position || comparePositions(outcome.position, position) > 0)) position = outcome.position;
        done += 1;
        if (onProgress && (done % 500 === 0 || done === file.rows.length)) onProgress(done, file.rows.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { accepted: file.rows.length, ...counts, rejected: file.rejected, position };
  }

  private async importRow(row: ParsedCatalogueFile['rows'][number]['product'], known: Known | undefined, context: CommandContext) {
    const command = { type: 'ImportProduct' as const, data: { row } };
    const streamName = productStream(row.itemNumber);
    const events = productDecider.decide(command, known?.state ?? productDecider.initialState);
    if (events.length === 0) return { kind: 'unchanged' as const, position: null };
    const kind = known && known.state.status !== 'none' ? ('changed' as const) : ('added' as const);
    try {
      const position = await this.runner.append(streamName, events, context, known ? known.revision : 'no_stream');
      return { kind, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Someone wrote this product since the bulk read: decide again on the stream as it is now.
      const result = await this.runner.run({ streamName, decider: productDecider, command, context });
      return { kind: result.events.length === 0 ? ('unchanged' as const) : kind, position: result.position };
    }
  }

  /** Every product's state and revision, folded from one pass over the product streams. */
  private async currentCatalogue(): Promise<Map<string, Known>> {
    const known = new Map<string, Known>();
    let after: Position | undefined;
    for (;;) {
      const slice = await this.store.readAll({ after, maxCount: READ_PAGE, filter: { streamPrefixes: ['product-'] } });
      for (const recorded of slice.events) {
        const previous = known.get(recorded.streamName)?.state ?? productDecider.initialState;
        known.set(recorded.streamName, {
          state: productDecider.evolve(previous, this.runner.decode(recorded) as ProductEvent),
          revision: recorded.revision,
        });
      }
      after = slice.next;
      if (slice.isEnd || slice.events.length === 0) return known;
    }
  }
}
