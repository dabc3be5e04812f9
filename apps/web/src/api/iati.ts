import { chosenAsOf } from './as-of';
import { apiPath } from './client';

/**
 * The IATI 2.03 activity file (GET /iati/activities.xml), or one project's, as of the
 * instant chosen (api/as-of.ts) unless `asOf` says otherwise: the file as it would have
 * been written then.
 */
export function iatiFilePath(projectId?: string, asOf: string | undefined = chosenAsOf()): string {
  return apiPath(projectId === undefined ? '/iati/activities.xml' : `/iati/activities/${encodeURIComponent(projectId)}.xml`, { asOf });
}
