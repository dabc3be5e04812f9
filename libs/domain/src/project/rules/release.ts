import { subtractCents, type Cents } from '../../shared/money.js';
import type { Project } from '../state.js';

/**
 * Rule 12: when a project is cancelled or closed, whatever was reserved for it and not
 * disbursed goes back to its envelope. Money already disbursed stays with the project.
 */
export function releasedOnEnd(project: Project): Cents {
  return subtractCents(project.committed, project.disbursed);
}
