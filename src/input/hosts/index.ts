/**
 * User-data where it lives: Kubernetes manifests (Karpenter EC2NodeClass), eksctl ClusterConfig,
 * CloudFormation templates and Terraform plans. Each document found is named after its place in the
 * file (`nodeclass.yaml#EC2NodeClass/gpu`) and carries the map from its text back to the file.
 */
import { InputError } from '../../model/errors.js';
import { verdict } from '../../rules/verdicts.js';
import type { Finding } from '../../model/diagnostic.js';
import type { Found, HostContext } from './context.js';
import { cloudFormationDocs, isCloudFormation } from './cloudformation.js';
import { clusterConfigDocs, isClusterConfig } from './eksctl.js';
import { isTerraformPlan, terraformPlanDocs } from './terraform.js';
import { isNodeClass, nodeClassDocs } from './kubernetes.js';
import { spanOf, toPlace } from './place.js';
import type { HostSyntax } from './sniff.js';
import type { HostPart } from './types.js';
import { loadedYaml } from './yaml.js';

export type { HostPart, HostFormat } from './types.js';
export { hostSyntax, type HostSyntax } from './sniff.js';
export { loadYaml, loadedYaml } from './yaml.js';

/** A document found, as the unwrapping stage continues it: text to unwrap, or findings alone. */
export interface HostDocument {
  name: string;
  text?: string;
  findings: Finding[];
  host: HostPart;
}

const WHAT: Record<HostSyntax, string> = { yaml: 'YAML', json: 'JSON' };

/** The user-data documents a host file holds. Throws InputError when the YAML parser was not loaded. */
export function hostDocuments(name: string, text: string, syntax: HostSyntax): HostDocument[] {
  const yaml = loadedYaml();
  if (!yaml)
    throw new InputError(`${name} is ${WHAT[syntax]}: load the host-format reader first (await loadHostFormats(), or use checkAsync)`);
  const counter = new yaml.LineCounter();
  const lines = { pos: (offset: number) => counter.linePos(offset) };
  const docs = yaml.parseAllDocuments(text, { lineCounter: counter, keepSourceTokens: true, uniqueKeys: false });
  const ctx: HostContext = { yaml, name, text, lines };
  const found: Found[] = [];
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, i) => {
    const error = doc.errors[0];
    if (error) {
      const span = spanOf(lines, error.pos[0], error.pos[1]);
      const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const finding = verdict('input/host-syntax', 'syntax', { syntax: WHAT[syntax], detail }, { span });
      found.push({
        name: list.length > 1 ? `${name}#${i + 1}` : name,
        findings: [finding],
        host: { format: 'kubernetes', map: toPlace(span), anchor: span },
      });
      return;
    }
    if (isNodeClass(doc)) found.push(...nodeClassDocs(ctx, doc, i));
    else if (isClusterConfig(doc)) found.push(...clusterConfigDocs(ctx, doc));
    else if (isTerraformPlan(doc)) found.push(...terraformPlanDocs(ctx, doc));
    else if (isCloudFormation(doc)) found.push(...cloudFormationDocs(ctx, doc));
  });
  if (found.length === 0) {
    const anchor = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const finding = verdict('input/no-user-data', 'hostNone', { syntax: WHAT[syntax] }, { span: anchor });
    return [{ name, findings: [finding], host: { format: 'kubernetes', map: toPlace(anchor), anchor, none: true, source: text } }];
  }
  return found.map((f) => ({
    name: f.name,
    findings: f.findings ?? [],
    host: { ...f.host, source: text },
    ...(f.text !== undefined ? { text: f.text } : {}),
  }));
}
