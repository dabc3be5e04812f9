import { DomainError } from '../../shared/domain-error.js';
import type { Project } from '../state.js';

/** Rule 8: implementation starts only once the government has named its focal point. */
export function assertFocalPointRecorded(project: Project): void {
  if (!project.focalPoint) {
    throw new DomainError(
      'implementation.focal-point-missing',
      `record the government focal point of ${project.projectId} before starting implementation`,
      'conflict',
    );
  }
}
