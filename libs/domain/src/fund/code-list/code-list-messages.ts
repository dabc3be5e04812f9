import type { FundCommand } from '../fund-command.js';
import type { CodeListName } from './default-code-lists.js';

export const CODE_LIST_CODE_MAX_LENGTH = 80;
export const CODE_LIST_LABEL_MAX_LENGTH = 200;

/** Sent by an admin to extend a list; the list is named by the stream, not by the command. */
export type AddCodeListEntry = FundCommand<'AddCodeListEntry', { code: string; label: string; publicLabel?: string }>;
export type CodeListCommand = AddCodeListEntry;

export interface CodeListEntryAdded {
  type: 'CodeListEntryAdded';
  /** `list` is repeated so that a view of all lists can be projected from the events alone. */
  data: { list: CodeListName; code: string; label: string; publicLabel?: string; at: string; effectiveOn?: string };
}
export type CodeListEvent = CodeListEntryAdded;

export function codeListStreamId(name: CodeListName): string {
  return `code-list-${name}`;
}
