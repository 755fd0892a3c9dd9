/**
 * A decider (Jérémie Chassaing's pattern): pure functions, no I/O, no framework. Time and ids arrive inside
 * the command, so `decide` is deterministic and replayable.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes, or throws a DomainError. */
  decide(command: Command, state: State): Event[];
}

/** The event shape every decider speaks: a type tag and its payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Compile-time exhaustiveness: a switch that forgets a case fails to type-check here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

export const fold = <E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState);
