/** What the readers of each host format share. */
import type { Finding } from '../../model/diagnostic.js';
import type { LineIndex } from './place.js';
import type { HostPart } from './types.js';
import type { YamlModule } from './yaml.js';

export interface HostContext {
  yaml: YamlModule;
  /** The input's display name. */
  name: string;
  text: string;
  lines: LineIndex;
}

/** User-data found in a host file: its text (or its document, or findings that say why there is none). */
export interface Found {
  name: string;
  text?: string;
  findings?: Finding[];
  host: Omit<HostPart, 'source'>;
}
