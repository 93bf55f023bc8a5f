/**
 * Terraform's JSON output (`terraform show -json` of a plan, or of the state): every `aws_launch_template`
 * in `planned_values` (else `values`), modules included, with its `user_data` (base64, as the AWS provider
 * requires). Sources: Terraform's "JSON Output Format" (format_version, planned_values, values,
 * root_module, child_modules, resources[].address/type/values) and the AWS provider's aws_launch_template
 * (user_data: "The base64-encoded user data to provide when launching the instance").
 */
import type { Document, Node } from 'yaml';
import { verdict } from '../../rules/verdicts.js';
import { isPaddedBase64 } from '../../util/base64.js';
import { looksLikeBottlerocket } from './cloudformation.js';
import type { Found, HostContext } from './context.js';
import { scalarMap, spanOf, toPlace } from './place.js';

/** Whether a JSON document is Terraform's plan or state output. */
export function isTerraformPlan(doc: Document): boolean {
  return doc.has('format_version') && (doc.has('planned_values') || doc.has('values'));
}

export function terraformPlanDocs(ctx: HostContext, doc: Document): Found[] {
  const root = doc.getIn([doc.has('planned_values') ? 'planned_values' : 'values', 'root_module'], true);
  const out: Found[] = [];
  const visit = (module: unknown): void => {
    if (!ctx.yaml.isMap(module)) return;
    const resources = module.get('resources', true);
    if (ctx.yaml.isSeq(resources)) for (const r of resources.items) if (ctx.yaml.isMap(r)) out.push(...launchTemplate(ctx, r));
    const children = module.get('child_modules', true);
    if (ctx.yaml.isSeq(children)) for (const c of children.items) visit(c);
  };
  visit(root);
  return out;
}

function launchTemplate(ctx: HostContext, resource: Node): Found[] {
  const { yaml, lines } = ctx;
  if (!yaml.isMap(resource) || resource.get('type') !== 'aws_launch_template') return [];
  const values = resource.get('values', true);
  if (!yaml.isMap(values)) return [];
  const pair = values.items.find((p) => yaml.isScalar(p.key) && p.key.value === 'user_data');
  const value = pair?.value;
  if (!pair || !yaml.isScalar(pair.key) || !pair.key.range || !yaml.isScalar(value) || typeof value.value !== 'string') return [];
  const text = value.value;
  const imageId: unknown = values.get('image_id');
  const image = typeof imageId === 'string' ? imageId : '';
  if (!looksLikeBottlerocket(text) && !/bottlerocket/i.test(image)) return [];
  const anchor = spanOf(lines, pair.key.range[0], pair.key.range[1]);
  const base64 = isPaddedBase64(text.replace(/\s+/g, ''));
  return [
    {
      name: `${ctx.name}#${addressOf(resource.get('address'))}`,
      text,
      findings: base64 ? [] : [verdict('input/not-toml', 'tfNotBase64', {}, { span: anchor })],
      host: { format: 'terraform-plan', anchor, map: base64 ? toPlace(anchor) : scalarMap(yaml, value, lines, ctx.text) },
    },
  ];
}

function addressOf(address: unknown): string {
  return typeof address === 'string' ? address : 'aws_launch_template';
}
