import type { FieldChoiceView, FileProblem, PreflightCountsView, PreflightState } from '../../../shared/ipc/contacts';
import type { PreflightFile, PreflightOptions } from '../preflight';
import type { PreflightRowTable } from './preflight-rows';

// A file being checked before import, as the contacts capability keeps it between the window's calls.

export interface PickedEntry {
  path: string;
  name: string;
  size: number;
  /** A dropped file's private copy, deleted when it is forgotten. */
  temporary?: boolean;
}

export interface Session {
  id: string;
  file: PickedEntry;
  state: PreflightState;
  facts: PreflightFile | null;
  /** The other columns, offered as contact fields (from the header and the preview's rows). */
  fields: FieldChoiceView[];
  remembered: boolean;
  country: string;
  tagId: number | null;
  counts: PreflightCountsView;
  problem: FileProblem | null;
  hash: string | null;
  /** The tag's numbers and the opt-outs the rows were checked against (a correction is checked the same way). */
  lookups: Pick<PreflightOptions, 'inTag' | 'optedOut'>;
  rows: PreflightRowTable;
  controller: AbortController;
  usedAt: number;
}
