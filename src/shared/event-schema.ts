import type { z } from 'zod';
import type { DomainEvent } from './decider.js';
import type { PersonalDataDeclaration } from './personal-data.js';

/**
 * Versioned event payloads. Each event type has a current schema version; events written under an older
 * version are upcast step by step (v1 → v2 → …) when read back, then validated by the current schema.
 */
export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly version: number;
  readonly schema: Schema;
  /** upcasters[n] turns a version-n payload into version n+1. */
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>;
  /** Which payload fields are personal data, and whose (shared/personal-data.ts): they are written encrypted. */
  readonly personalData: PersonalDataDeclaration;
}

export const defineEvent = <Type extends string, Schema extends z.ZodType>(
  type: Type,
  schema: Schema,
  options: { personalData: PersonalDataDeclaration; version?: number; upcasters?: Record<number, (data: unknown) => unknown> },
): EventDefinition<Type, Schema> => ({ type, schema, version: options.version ?? 1, upcasters: options.upcasters, personalData: options.personalData });

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? DomainEvent<T, z.infer<S>> : never;

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Unknown event type ${eventType}`);
  }
}

export class EventRegistry {
  private readonly definitions = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: EventDefinition): void {
    if (this.definitions.has(definition.type)) throw new Error(`Event type ${definition.type} registered twice`);
    this.definitions.set(definition.type, definition);
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  versionOf(type: string): number {
    return this.require(type).version;
  }

  /** Every definition, for what needs them all (the personal data declarations). */
  all(): readonly EventDefinition[] {
    return [...this.definitions.values()];
  }

  /** Validates an event about to be written; returns it with its current schema version. */
  encode(event: DomainEvent): { data: unknown; schemaVersion: number } {
    const definition = this.require(event.type);
    return { data: definition.schema.parse(event.data), schemaVersion: definition.version };
  }

  /** Upcasts and validates an event read back from the store. */
  decode(type: string, data: unknown, schemaVersion: number): DomainEvent {
    const definition = this.require(type);
    let current = data;
    for (let version = schemaVersion; version < definition.version; version++) {
      const upcast = definition.upcasters?.[version];
      if (!upcast) throw new Error(`No upcaster for ${type} from version ${version}`);
      current = upcast(current);
    }
    return { type, data: definition.schema.parse(current) };
  }

  private require(type: string): EventDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new UnknownEventTypeError(type);
    return definition;
  }
}
