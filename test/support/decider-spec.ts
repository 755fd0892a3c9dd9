import { expect } from '@jest/globals';
import { fold, type Decider } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/domain-error.js';

/**
 * Decider tests that read as the rule they check:
 *   spec(decider).given([...past events]).when(command).then([...new events])
 *   spec(decider).given([...]).when(command).thenThrows('CODE')   // returns the error for further checks
 */
export function spec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[] = []) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenNothing(): void {
              expect(run()).toEqual([]);
            },
            thenThrows(code: string): DomainError {
              let accepted: Event[];
              try {
                accepted = run();
              } catch (error) {
                expect(error).toBeInstanceOf(DomainError);
                expect((error as DomainError).code).toBe(code);
                return error as DomainError;
              }
              throw new Error(`Expected ${code}, but the command was accepted with ${JSON.stringify(accepted)}`);
            },
          };
        },
      };
    },
  };
}
