/**
 * The decider pattern: every aggregate of the domain is three pure functions.
 *
 * - `initialState()` is the state of a stream that has no events yet.
 * - `evolve(state, event)` folds one recorded event into the state. It never throws for a
 *   known event and never validates: what was recorded is a fact.
 * - `decide(command, state)` checks every rule and returns the events to record, or throws a
 *   `DomainError` (and so records nothing).
 *
 * No clock, no I/O: time, actor and configuration arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Folds a list of events into a state, from the decider's initial state. */
export function fold<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
