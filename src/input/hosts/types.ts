/** What a user-data document found in a host file carries besides its text. */
import type { Span } from '../../model/diagnostic.js';
import type { TomlTable } from '../../model/value.js';
import type { SpanMap } from './place.js';

/** The kinds of file user-data is found in. */
export type HostFormat = 'kubernetes' | 'eksctl' | 'cloudformation' | 'terraform-plan';

export interface HostPart {
  format: HostFormat;
  /** The host file's text: every position refers to it. */
  source: string;
  /** From a place in the user-data text to the host file. */
  map: SpanMap;
  /** Where findings about the user-data as a whole point: the key that holds it. */
  anchor: Span;
  /** The wrapping tool the host implies (`karpenter`, `eksctl`, `eksctl-managed`). */
  wrapper?: string;
  /** The variant the host implies (eksctl's metadata.version), unless the caller names one. */
  variant?: string;
  /** The release the host implies (Karpenter's alias bottlerocket@v1.x.y), unless the caller names one. */
  osVersion?: string;
  /** User-data written as a YAML map (eksctl's bottlerocket.settings): the document and where its keys are. */
  document?: { value: TomlTable; locate: (path: ReadonlyArray<string | number>, at?: 'key' | 'value') => Span };
  /** The user-data is a template by the host's word (CloudFormation's Fn::Sub), and the values it gives. */
  template?: true;
  vars?: Readonly<Record<string, string>>;
  /** The file holds no Bottlerocket user-data at all (a directory walk skips it). */
  none?: true;
}
