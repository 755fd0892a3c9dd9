import type { ProjectedEvent } from './projection.js';

/**
 * A reaction: what must follow an event in other streams (an order's cancellation gives its sales units back
 * on the grant, …). Reactions run from the event log with a checkpoint of their own, not from in-process
 * handlers, so that an effect survives a crash between the event and the effect (ARCHITECTURE §4–5).
 *
 * Delivery is at least once: `react` may see an event again (after a crash, or on two instances), so it must be
 * idempotent — in practice it runs commands whose ids derive from the event, which the command runner recognises.
 * A throw is retried a bounded number of times; then the event is parked (visible, replayable) and the
 * reaction goes on.
 */
/** What a reaction follows in the log: its name (stable: it names the checkpoint) and the event types it handles. */
export interface ReactionSubscription {
  readonly name: string;
  readonly handles: readonly string[];
  /**
   * An event younger than this waits until it is this old. For reactions that look for something that should
   * have happened after the event (a request's second write), and must give that request time to finish. A
   * reaction waiting out its delay is not behind (the installation check counts lag from when an event is due).
   */
  readonly delayMs?: number;
}

export interface Reaction extends ReactionSubscription {
  react(event: ProjectedEvent): Promise<void>;
}
