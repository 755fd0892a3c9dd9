import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadAllSlice, ReadStreamOptions, RecordedEvent, SubscribeOptions } from '../../kernel/event-store.port.js';
import type { EventDefinition } from '../../shared/event-schema.js';
import { dataSubject, type PersonalDataDeclaration } from '../../shared/personal-data.js';
import type { PersonalDataKeys } from './personal-data-keys.js';
import { erasePersonalFields, openPersonalFields, sealedMemberOf, sealPersonalFields } from './sealed-fields.js';

/** An event type that erases its subject: the subject it names. */
export type ErasureOf = (data: Record<string, unknown>) => string;

/**
 * Crypto-shredding as a decorator of the EventStore port, so it holds on every backend alike: appends seal the
 * personal fields each event type declares (shared/personal-data.ts) under its data subject's key; every read
 * (a stream, `$all`, a subscription) opens them again, or, for a subject whose key was deleted, gives `slettet`
 * at each of them. Everything above the port (the command runner, projections, reactions, the audit history)
 * sees events as they were written, or erased; nothing above it ever sees the sealed form.
 *
 * Payloads written in plaintext (before this existed, or of types with nothing personal) are read as they are.
 * What is written about a subject already erased keeps its bookkeeping, with `slettet` in each personal field.
 */
export class PersonalDataProtection implements EventStore {
  private readonly declarations: ReadonlyMap<string, PersonalDataDeclaration & { subject: NonNullable<PersonalDataDeclaration['subject']> }>;

  constructor(
    private readonly inner: EventStore,
    private readonly keys: PersonalDataKeys,
    definitions: readonly EventDefinition[],
    private readonly erasures: ReadonlyMap<string, ErasureOf>,
  ) {
    const declarations = new Map<string, PersonalDataDeclaration & { subject: NonNullable<PersonalDataDeclaration['subject']> }>();
    for (const { type, personalData } of definitions) {
      if (personalData.personal.length === 0) continue;
      if (!personalData.subject) throw new Error(`${type} declares personal fields without a data subject`);
      declarations.set(type, { ...personalData, subject: personalData.subject });
    }
    this.declarations = declarations;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamName, await this.seal(events), expected);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readStream(streamName, options));
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    const slice = await this.inner.readAll(options);
    return { ...slice, events: await this.open(slice.events) };
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    for await (const slice of this.inner.subscribeToAll(options)) yield { ...slice, events: await this.open(slice.events) };
  }

  headPosition() {
    return this.inner.headPosition();
  }

  checkPosition(candidate: string) {
    return this.inner.checkPosition(candidate);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async seal(events: readonly NewEvent[]): Promise<NewEvent[]> {
    const subjects = new Map<NewEvent, string>();
    for (const event of events) {
      const declaration = this.declarations.get(event.type);
      if (declaration) subjects.set(event, this.subjectOf(event.type, event.data, declaration.subject));
    }
    if (subjects.size === 0) return [...events];
    const keys = await this.keys.forWriting(subjects.values());
    return events.map((event) => {
      const subject = subjects.get(event);
      if (subject === undefined) return event;
      const { personal } = this.declarations.get(event.type)!;
      const key = keys.get(subject)!;
      // Deciders refuse everything about an erased citizen but the record's opening, which is logged all the same.
      const data = key === 'erased' ? erasePersonalFields(event.data, personal) : sealPersonalFields(event.type, event.data, personal, subject, key);
      return { ...event, data };
    });
  }

  private async open(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const erases = this.erasures.get(event.type);
      // Marked before anything of the slice is opened: an erasure seen is one for the whole slice (and after).
      if (erases) this.keys.markErased(erases(event.data as Record<string, unknown>));
      const member = sealedMemberOf(event.data);
      if (member) subjects.add(member.subject);
    }
    if (subjects.size === 0) return [...events];
    const keys = await this.keys.forReading(subjects);
    return events.map((event) => {
      const member = sealedMemberOf(event.data);
      if (!member) return event;
      const key = keys.get(member.subject)!;
      return { ...event, data: openPersonalFields(event.type, event.data as Record<string, unknown>, member, key === 'erased' ? null : key) };
    });
  }

  private subjectOf(type: string, data: unknown, subject: NonNullable<PersonalDataDeclaration['subject']>): string {
    const id = (data as Record<string, unknown> | null)?.[subject.field];
    if (typeof id !== 'string' || id.length === 0) throw new Error(`${type} has no ${subject.field} to name its data subject`);
    return dataSubject(subject.kind, id);
  }
}
