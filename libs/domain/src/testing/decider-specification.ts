import { DomainError } from '../shared/domain-error.js';
import type { Decider } from '../shared/decider.js';

/**
 * Given events / when command / then events or error — the way every rule is tested.
 *
 *     const spec = DeciderSpecification.for(projectDecider);
 *     spec.given([drafted, submitted]).when(approveBy('alice')).thenThrows('approval.four-eyes');
 */
export class DeciderSpecification<Command, Event, State> {
  private constructor(private readonly decider: Decider<Command, Event, State>) {}

  static for<C, E, S>(decider: Decider<C, E, S>): DeciderSpecification<C, E, S> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly Event[]) {
    const state = events.reduce((s, e) => this.decider.evolve(s, e), this.decider.initialState());
    return {
      when: (command: Command) => {
        const run = () => this.decider.decide(command, state);
        return {
          /** The exact events decided. */
          then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
          /** Inspect the decided events (and the state they fold into) yourself. */
          thenEvents: (check: (events: Event[], stateAfter: State) => void) => {
            const events = run();
            check(events, events.reduce((s, e) => this.decider.evolve(s, e), state));
          },
          /** Refused with this stable error code (and so records nothing). */
          thenThrows: (code: string) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
            return caught as DomainError;
          },
        };
      },
    };
  }
}
