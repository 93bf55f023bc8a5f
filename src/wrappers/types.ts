/** A tool that wraps the user's user-data before the node sees it (Karpenter, eksctl, EKS). */
import type { Finding } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';

export interface WrapperResult {
  /** The settings the node receives from the user's part (values the tool fills in are not invented). */
  document: TomlTable;
  findings: Finding[];
  /** Key paths the tool sets itself at launch. */
  toolSets: string[];
}

export interface Wrapper {
  id: string;
  title: string;
  /** Where the tool's behaviour was read (repository@commit:path). */
  source: string;
  apply(doc: TomlTable): WrapperResult;
  /** Checks on the written text (spellings the tool refuses), where the tree cannot tell. */
  checkText?(text: string): Finding[];
}
