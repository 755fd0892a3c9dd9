import { retentionCutoff } from '../../citizens/citizen.decider.js';
import type { RemovalStatus } from '../../citizens/citizen.events.js';
import type { IdempotencyStore } from '../../kernel/idempotency.port.js';
import type { DataSubjectErasure } from '../../kernel/personal-data-keys.port.js';
import type { Actor } from '../../shared/actor.js';
import { DomainError } from '../../shared/domain-error.js';
import { deterministicUuid, newId } from '../../shared/ids.js';
import { dataSubject } from '../../shared/personal-data.js';
import type { CitizenErasure } from '../citizen-lifecycle/citizen-erasure.js';

/**
 * The retention rule (README "Personal data"): a removed citizen's personal data is erased once this many whole
 * years have passed since the removal. The bookkeeping (orders, quantities, amounts, invoice and credit note
 * numbers) stays in the log for good.
 */
export interface RetentionRule {
  readonly years: number;
  /** Recorded on each erasure event: why. */
  readonly reason: string;
}

/** A removed citizen whose personal data is still there, as the citizens read model lists them. */
export interface RetentionCandidate {
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly status: RemovalStatus;
  readonly removedAt: string;
}

/** One page of the candidates removed on or before a cutoff, after a cursor (read-models/citizens/retention-candidates.ts). */
export type RetentionCandidates = (query: {
  readonly removedOnOrBefore: string;
  readonly after: string | null;
  readonly limit: number;
}) => Promise<{ readonly items: readonly RetentionCandidate[]; readonly next: string | null }>;

/** Who erases: the job itself, named as such on every CitizenPersonalDataErased. */
export const RETENTION_ACTOR: Actor = { userId: 'retention', role: 'system', municipalityId: null };

export const defaultReason = (years: number) => `Opbevaringsperioden er udløbet: ${years} år efter borgeren blev fjernet`;

export interface RetentionPlan {
  /** Removals on or before this instant are due. */
  readonly cutoff: string;
  readonly due: readonly RetentionCandidate[];
  /** Erasures a stopped run began (the event perhaps written, the key not yet deleted): finished first by `apply`. */
  readonly interrupted: readonly string[];
}

export interface RetentionOutcome {
  readonly cutoff: string;
  /** Citizens whose erasure this run recorded, and whose key it deleted. */
  readonly erased: number;
  /** Interrupted erasures finished. */
  readonly finished: number;
  /** Refused by the citizen's own stream (reopened meanwhile, say): their key stays. */
  readonly refused: readonly { readonly citizenId: string; readonly code: string }[];
  /** Stored Idempotency-Key answers older than IDEMPOTENT_ANSWERS_KEPT_DAYS, forgotten. */
  readonly idempotentAnswersForgotten: number;
}

const PAGE = 500;

/**
 * How long the stored first answers of Idempotency-Key commands are kept: a client retries within minutes, and an
 * answer may hold a citizen's data (the registration's), which must not outlive the citizen's erasure.
 */
export const IDEMPOTENT_ANSWERS_KEPT_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The retention job: lists (plan) and erases (apply) the removed citizens past the rule. Each erasure is three
 * steps, in an order that survives a stop between any two: the key store notes the erasure, the citizen's stream
 * records it (decided there: removed, and the period over), the key is deleted. A run finds the notes of a stopped
 * one and finishes them before anything else; each step repeats harmlessly.
 */
export class RetentionJob {
  constructor(
    private readonly listCandidates: RetentionCandidates,
    private readonly erasure: Pick<CitizenErasure, 'eraseCitizenPersonalData'>,
    private readonly keys: DataSubjectErasure,
    private readonly idempotency: Pick<IdempotencyStore, 'forgetAnswersBefore'>,
  ) {}

  async plan(now: Date, years: number, limit = Number.MAX_SAFE_INTEGER): Promise<RetentionPlan> {
    const cutoff = retentionCutoff(now, years);
    const due: RetentionCandidate[] = [];
    for await (const candidate of this.candidates(cutoff)) {
      if (due.length >= limit) break;
      due.push(candidate);
    }
    return { cutoff, due, interrupted: await this.interrupted(limit) };
  }

  async apply(now: Date, rule: RetentionRule, onProgress: (citizenId: string) => void = () => undefined): Promise<RetentionOutcome> {
    const cutoff = retentionCutoff(now, rule.years);
    const runId = newId();
    const refused: { citizenId: string; code: string }[] = [];
    let finished = 0;
    let erased = 0;
    // Each note leaves the list as it is handled: its key deleted, or the note withdrawn.
    for (let batch = await this.interrupted(PAGE); batch.length > 0; batch = await this.interrupted(PAGE)) {
      for (const citizenId of batch) {
        const outcome = await this.eraseOne(citizenId, now, rule, runId);
        if (typeof outcome === 'object') refused.push({ citizenId, code: outcome.code });
        else finished++;
        onProgress(citizenId);
      }
    }
    for await (const candidate of this.candidates(cutoff)) {
      await this.keys.requestErasure(dataSubject('citizen', candidate.citizenId), now);
      const outcome = await this.eraseOne(candidate.citizenId, now, rule, runId);
      if (typeof outcome === 'object') refused.push({ citizenId: candidate.citizenId, code: outcome.code });
      // A citizen erased a moment ago may still be listed while the read model catches up: not counted twice.
      else if (outcome === 'erased') erased++;
      onProgress(candidate.citizenId);
    }
    const idempotentAnswersForgotten = await this.idempotency.forgetAnswersBefore(new Date(now.getTime() - IDEMPOTENT_ANSWERS_KEPT_DAYS * DAY_MS));
    return { cutoff, erased, finished, refused, idempotentAnswersForgotten };
  }

  /** The erasure recorded on the citizen's stream, then their key deleted; a refusal takes the note back. */
  private async eraseOne(citizenId: string, now: Date, rule: RetentionRule, runId: string): Promise<'erased' | 'already-erased' | { code: string }> {
    const subject = dataSubject('citizen', citizenId);
    // The same command id for every run: a repeated erasure of one citizen is recognised as such.
    const commandId = deterministicUuid('retention-erasure', citizenId);
    let recorded: boolean;
    try {
      ({ erased: recorded } = await this.erasure.eraseCitizenPersonalData(
        citizenId,
        { retentionYears: rule.years, reason: rule.reason },
        { commandId, correlationId: runId, causationId: commandId, actor: RETENTION_ACTOR, now },
      ));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.keys.withdrawErasure(subject);
      return { code: error.code };
    }
    const deleted = await this.keys.erase(subject, now);
    return recorded || deleted === 'erased' ? 'erased' : 'already-erased';
  }

  private async interrupted(limit: number): Promise<string[]> {
    return (await this.keys.requestedErasures(limit)).filter((subject) => subject.startsWith(CITIZEN)).map(citizenOf);
  }

  private async *candidates(cutoff: string): AsyncIterable<RetentionCandidate> {
    let after: string | null = null;
    do {
      const page = await this.listCandidates({ removedOnOrBefore: cutoff, after, limit: PAGE });
      yield* page.items;
      after = page.next;
    } while (after !== null);
  }
}

const CITIZEN = dataSubject('citizen', '');
const citizenOf = (subject: string) => subject.slice(CITIZEN.length);
