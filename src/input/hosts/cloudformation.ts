/**
 * CloudFormation templates (YAML with the short-form tags `!Sub`, `!Base64`, …, or JSON; `cdk synth`
 * writes the same): the user-data of every `AWS::EC2::LaunchTemplate` (`LaunchTemplateData.UserData`),
 * `AWS::EC2::Instance` and `AWS::AutoScaling::LaunchConfiguration` (`UserData`). UserData is base64:
 * `Fn::Base64` of a literal string, or of `Fn::Sub`, whose `${…}` are placeholders (a literal value in the
 * variable map of `Fn::Sub` fills one). Sources: AWS CloudFormation User Guide, "AWS::EC2::LaunchTemplate
 * LaunchTemplateData" (UserData), "Fn::Base64", "Fn::Sub", and "Template anatomy".
 */
import type { Document, Node } from 'yaml';
import { verdict } from '../../rules/verdicts.js';
import { isPaddedBase64, decodeBase64 } from '../../util/base64.js';
import type { Found, HostContext } from './context.js';
import { scalarMap, spanOf, toPlace } from './place.js';

const USER_DATA: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'UserData'],
  'AWS::EC2::Instance': ['UserData'],
  'AWS::AutoScaling::LaunchConfiguration': ['UserData'],
};

/** Whether a YAML or JSON document is a CloudFormation template. */
export function isCloudFormation(doc: Document): boolean {
  const resources: unknown = doc.get('Resources');
  return (doc.has('AWSTemplateFormatVersion') || doc.has('Resources')) && resources !== undefined && resources !== null;
}

interface Call {
  fn: string;
  arg: unknown;
  /** Written as a tag (`!Sub …`): the argument is the tagged node itself, whose tag is already read. */
  tagged: boolean;
}

/** An intrinsic function call: `!Sub x`, or `{ "Fn::Sub": x }` (and `Ref`); a tag read already does not count. */
function intrinsic(ctx: HostContext, node: unknown, tagRead = false): Call | undefined {
  const { yaml } = ctx;
  const tag = (yaml.isScalar(node) || yaml.isSeq(node) || yaml.isMap(node)) && !tagRead ? node.tag : undefined;
  if (typeof tag === 'string' && tag.startsWith('!')) return { fn: tag.slice(1), arg: node, tagged: true };
  if (yaml.isMap(node) && node.items.length === 1) {
    const key = node.items[0]!.key;
    const name = yaml.isScalar(key) ? String(key.value) : '';
    if (name === 'Ref' || name.startsWith('Fn::')) return { fn: name.replace(/^Fn::/, ''), arg: node.items[0]!.value, tagged: false };
  }
  return undefined;
}

/** The text of a string node, if it is one. */
function stringOf(ctx: HostContext, node: unknown): string | undefined {
  return ctx.yaml.isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Text that looks like Bottlerocket's TOML: a settings table or key. */
export function looksLikeBottlerocket(text: string): boolean {
  const t =
    isPaddedBase64(text.replace(/\s+/g, '')) && text.trim().length >= 8
      ? new TextDecoder().decode(decodeBase64(text.replace(/\s+/g, '')))
      : text;
  return /^\s*\[\s*settings\b|^\s*settings\s*\./m.test(t);
}

/** The user-data of every launch template, instance and launch configuration of a template. */
export function cloudFormationDocs(ctx: HostContext, doc: Document): Found[] {
  const resources = doc.get('Resources', true);
  if (!ctx.yaml.isMap(resources)) return [];
  const out: Found[] = [];
  for (const pair of resources.items) {
    const id = ctx.yaml.isScalar(pair.key) ? String(pair.key.value) : '';
    const resource = pair.value;
    if (!ctx.yaml.isMap(resource)) continue;
    const type = resource.get('Type');
    if (typeof type !== 'string' || !Object.hasOwn(USER_DATA, type)) continue;
    const found = resourceDoc(ctx, resource, USER_DATA[type]!, `${ctx.name}#Resources/${id}`);
    if (found) out.push(found);
  }
  return out;
}

function resourceDoc(ctx: HostContext, resource: Node, path: readonly string[], name: string): Found | undefined {
  const { yaml, lines } = ctx;
  const holder = holderOf(ctx, resource, path);
  const pair = holder?.items.find((p) => yaml.isScalar(p.key) && p.key.value === path[path.length - 1]);
  if (!pair || !yaml.isScalar(pair.key) || !pair.key.range) return undefined;
  const anchor = spanOf(lines, pair.key.range[0], pair.key.range[1]);
  const image = JSON.stringify(holder?.get('ImageId', true) ?? '');
  const base = { format: 'cloudformation' as const, anchor, map: toPlace(anchor) };
  const read = readUserData(ctx, pair.value);
  if ('computed' in read) {
    if (!/bottlerocket/i.test(image)) return undefined;
    return { name, findings: [verdict('input/no-user-data', 'cfnComputed', { fn: read.computed }, { span: anchor })], host: base };
  }
  if (!looksLikeBottlerocket(read.text) && !/bottlerocket/i.test(image)) return undefined;
  const findings = read.base64 ? [] : [verdict('input/not-toml', 'cfnNotBase64', {}, { span: anchor })];
  const map = scalarMap(yaml, read.node, lines, ctx.text);
  return { name, text: read.text, findings, host: { ...base, map, ...(read.sub ? { template: true as const, vars: read.vars } : {}) } };
}

/** The map that holds the user-data key: Properties, or Properties.LaunchTemplateData. */
function holderOf(ctx: HostContext, resource: Node, path: readonly string[]) {
  let holder: unknown = ctx.yaml.isMap(resource) ? resource.get('Properties', true) : undefined;
  for (const key of path.slice(0, -1)) holder = ctx.yaml.isMap(holder) ? holder.get(key, true) : undefined;
  return ctx.yaml.isMap(holder) ? holder : undefined;
}

type Read = { text: string; node: unknown; base64: boolean; sub: boolean; vars: Record<string, string> } | { computed: string };

/** UserData: Fn::Base64 of a string or of Fn::Sub, or a string (already base64). */
function readUserData(ctx: HostContext, node: unknown): Read {
  const outer = intrinsic(ctx, node);
  if (!outer) {
    const text = stringOf(ctx, node);
    // a plain string must be base64 already (EC2 takes it as it is)
    if (text === undefined) return { computed: 'a value that is not a string' };
    return { text, node, base64: isPaddedBase64(text.replace(/\s+/g, '')), sub: false, vars: {} };
  }
  if (outer.fn !== 'Base64') return { computed: `Fn::${outer.fn}` };
  const inner = intrinsic(ctx, outer.arg, outer.tagged);
  const literal = stringOf(ctx, outer.arg);
  if (literal !== undefined && !inner) return { text: literal, node: outer.arg, base64: true, sub: false, vars: {} };
  if (!inner || inner.fn !== 'Sub') return { computed: inner ? `Fn::${inner.fn}` : 'a value that is not a string' };
  return readSub(ctx, inner.arg);
}

/** `Fn::Sub: string`, or `Fn::Sub: [string, { Var: value }]`: literal values fill their placeholders. */
function readSub(ctx: HostContext, arg: unknown): Read {
  const { yaml } = ctx;
  const direct = stringOf(ctx, arg);
  if (direct !== undefined) return { text: direct, node: arg, base64: true, sub: true, vars: {} };
  if (!yaml.isSeq(arg)) return { computed: 'Fn::Sub' };
  const [body, map] = arg.items;
  const text = stringOf(ctx, body);
  if (text === undefined) return { computed: 'Fn::Sub' };
  const vars: Record<string, string> = {};
  if (yaml.isMap(map))
    for (const p of map.items) {
      const v = stringOf(ctx, p.value);
      if (yaml.isScalar(p.key) && v !== undefined && !intrinsic(ctx, p.value)) vars[String(p.key.value)] = v;
    }
  return { text, node: body, base64: true, sub: true, vars };
}
