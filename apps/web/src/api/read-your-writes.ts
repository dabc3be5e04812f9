/**
 * The global position of the last command this tab recorded: views read after it pass it
 * as `minPosition`, so they show the command's result without a manual reload (the API
 * waits for its projections to reach it).
 */
let lastPosition: string | undefined;

export function rememberPosition(position: string | null | undefined): void {
  if (position) lastPosition = position;
}

export function minPosition(): string | undefined {
  return lastPosition;
}
