import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Reactions, DEFAULT_REACTION_OPTIONS } from '../infrastructure/reactions/reaction-runner.js';
import { ReactionStorage } from '../infrastructure/reactions/reaction-storage.js';
import type { Reaction } from '../kernel/reaction.js';
import { REACTIONS } from '../processes/reactions.js';
import { decodeEvent } from './projections.js';
import type { Infrastructure } from './infrastructure.js';

/** The opened infrastructure itself: only the composition root's own providers see it. */
export const INFRASTRUCTURE = Symbol('Infrastructure');

/**
 * Starts what runs beside the requests (the reactions) once the application is up, and ends everything in one
 * path when it closes. Nest closes the HTTP server first (in-flight requests finish), then calls this: the
 * reactions stop, then the projections, then the stores close. `app.close()` is the only way down, so a signal
 * can never race a second shutdown.
 */
@Injectable()
export class ServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private reactions: Reactions | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: Infrastructure,
    @Inject(REACTIONS) private readonly definitions: readonly Reaction[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { eventStore, database, clock, logger, metrics } = this.infra;
    this.reactions = new Reactions(this.definitions, {
      eventStore,
      storage: await ReactionStorage.open(database),
      decode: decodeEvent,
      clock,
      options: DEFAULT_REACTION_OPTIONS,
      logger: logger.child({ component: 'reactions' }),
    });
    this.reactions.start();
    metrics.watchReactions(this.reactions);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactions?.stop();
    await this.infra.close();
    this.infra.logger.info({}, 'stores closed');
  }
}
