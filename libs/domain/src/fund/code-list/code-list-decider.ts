import { businessDateOf } from '../../calendar/business-date.js';
import type { Decider } from '../../shared/decider.js';
import { DomainError, type FieldError } from '../../shared/domain-error.js';
import { fundStampOf, refuseIfInvalid, textErrors } from '../fund-command.js';
import {
  CODE_LIST_CODE_MAX_LENGTH,
  CODE_LIST_LABEL_MAX_LENGTH,
  type CodeListCommand,
  type CodeListEvent,
} from './code-list-messages.js';
import {
  CODE_LIST_NAMES,
  DEFAULT_CODE_LISTS,
  isCodeListName,
  type CodeListEntry,
  type CodeListName,
} from './default-code-lists.js';

export interface CodeListState {
  name: CodeListName;
  entries: readonly CodeListEntry[];
}

/** Codes are stable identifiers stored in events, so they are plain kebab-case ASCII. */
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function codeErrors(code: unknown): FieldError[] {
  if (typeof code === 'string' && code.length <= CODE_LIST_CODE_MAX_LENGTH && KEBAB_CASE.test(code)) return [];
  const rule = `must be kebab-case (a-z, 0-9, single hyphens), at most ${CODE_LIST_CODE_MAX_LENGTH} characters`;
  return [{ field: 'code', message: rule }];
}

/** The codes of a list, in the order they were added (defaults first). */
export function codes(state: CodeListState): string[] {
  return state.entries.map((entry) => entry.code);
}

/** Refuses a list name that is not one of CODE_LIST_NAMES (e.g. a typo in a URL). */
export function requireCodeListName(name: string): CodeListName {
  if (!isCodeListName(name)) {
    throw new DomainError(
      'code-list.unknown',
      `there is no code list "${name}"; the lists are ${CODE_LIST_NAMES.join(', ')}`,
      'not-found',
    );
  }
  return name;
}

/** One decider per list, made once: a repository recognises a stream's decider by identity. */
const deciders = new Map<CodeListName, Decider<CodeListCommand, CodeListEvent, CodeListState>>();

/**
 * The decider of one code list. An unknown name is refused here, before any stream is read,
 * so that a typo in a list name never creates a stream.
 */
export function codeListDecider(name: string): Decider<CodeListCommand, CodeListEvent, CodeListState> {
  const list = requireCodeListName(name);
  let decider = deciders.get(list);
  if (!decider) {
    decider = makeCodeListDecider(list);
    deciders.set(list, decider);
  }
  return decider;
}

function makeCodeListDecider(list: CodeListName): Decider<CodeListCommand, CodeListEvent, CodeListState> {
  return {
    initialState: () => ({ name: list, entries: DEFAULT_CODE_LISTS[list] }),
    evolve: (state, event) => {
      const { code, label, publicLabel } = event.data;
      const entry: CodeListEntry = { code, label, ...(publicLabel === undefined ? {} : { publicLabel }) };
      return { ...state, entries: [...state.entries, entry] };
    },
    decide: (command, state) => {
      businessDateOf(command.context);
      const { code, label, publicLabel } = command.data;
      const errors: FieldError[] = [
        ...codeErrors(code),
        ...textErrors(label, 'label', CODE_LIST_LABEL_MAX_LENGTH),
        ...(publicLabel === undefined ? [] : textErrors(publicLabel, 'publicLabel', CODE_LIST_LABEL_MAX_LENGTH)),
      ];
      refuseIfInvalid('code-list.invalid', 'the code list entry is invalid', errors);
      if (codes(state).includes(code)) {
        const detail = `the ${list} list already has the code "${code}"`;
        throw new DomainError('code-list.duplicate-entry', detail, 'conflict');
      }
      return [
        {
          type: 'CodeListEntryAdded',
          data: {
            list,
            code,
            label: label.trim(),
            ...(publicLabel === undefined ? {} : { publicLabel: publicLabel.trim() }),
            ...fundStampOf(command.context),
          },
        },
      ];
    },
  };
}
