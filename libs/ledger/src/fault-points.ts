/**
 * Named places between the steps of a command where a test may make the process die, to
 * prove that what was recorded before them is completed or compensated after a restart
 * (issue 16). Off unless the process was started with `FAULT_POINTS` naming them
 * (comma-separated): then reaching one kills the process at once with SIGKILL — no
 * exception, no clean-up, no answer — as a crash or an OOM kill would.
 *
 * Never set in production; the README says so. Reading the variable once keeps the check
 * a set lookup on the command path.
 */
export type FaultPoint =
  /** A command's events are appended; the HTTP answer has not been sent. */
  | 'after-append'
  /** Approve / raising revision: the envelope reserved, the project not yet recorded. */
  | 'after-reserve'
  /** Cancel / close / lowering revision: the project recorded, the envelope not yet released. */
  | 'after-record-before-release'
  /** Draft / PRIMA change: the PRIMA id claimed, the project not yet created. */
  | 'after-claim';

const ARMED = new Set((process.env.FAULT_POINTS ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''));

/** Dies here if a test armed this point; otherwise does nothing. */
export function faultPoint(point: FaultPoint): void {
  if (ARMED.has(point)) process.kill(process.pid, 'SIGKILL');
}
