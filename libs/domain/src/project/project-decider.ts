import type { Decider } from '../shared/decider.js';
import type { ProjectCommand } from './commands.js';
import { decideProject } from './decide.js';
import type { ProjectEvent } from './events.js';
import { evolveProject } from './evolve.js';
import { initialProjectState, type ProjectState } from './state.js';

/** The project aggregate: one stream per project (`projectStreamId`), rules 2–6 and 8–13. */
export const projectDecider: Decider<ProjectCommand, ProjectEvent, ProjectState> = {
  initialState: initialProjectState,
  evolve: evolveProject,
  decide: decideProject,
};
