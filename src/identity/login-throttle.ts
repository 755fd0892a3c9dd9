import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_THROTTLE, type SourceThrottle } from '../kernel/accounts.port.js';
import { DomainError } from '../shared/domain-error.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../shared/pseudonym.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-settings.js';

/** Who is asking, as far as throttling cares: the source address (kept only as a keyed hash). */
export interface RequestSource {
  readonly address: string;
}

/**
 * Failed logins, wrong current passwords and reset requests counted per source address: past the limit within
 * the window, the address is refused whatever account it tries (429), so one source can neither guess passwords
 * across accounts nor mail-bomb.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(SOURCE_THROTTLE) private readonly throttle: SourceThrottle,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async refuseThrottled(source: RequestSource | undefined, now: Date): Promise<void> {
    if (!source) return;
    const failures = await this.throttle.failures(this.sourceKey(source), now, this.settings.sourceWindowSeconds);
    if (failures >= this.settings.sourceFailureLimit) {
      throw new DomainError('too_many_requests', 'TOO_MANY_ATTEMPTS', 'Too many failed attempts from this address; try again later', {
        retryAfterSeconds: this.settings.sourceWindowSeconds,
      });
    }
  }

  async recordFailure(source: RequestSource | undefined, now: Date): Promise<void> {
    if (source) await this.throttle.recordFailure(this.sourceKey(source), now, this.settings.sourceWindowSeconds);
  }

  /** Addresses are personal data too: only a keyed hash of one is stored. */
  private sourceKey(source: RequestSource): string {
    return this.pseudonyms.hash('source', source.address);
  }
}
