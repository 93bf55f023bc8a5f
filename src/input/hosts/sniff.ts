/**
 * Which host format an input is, from its content (and, for YAML, its file name): Kubernetes manifests,
 * eksctl ClusterConfig and CloudFormation templates in YAML; CloudFormation and Terraform plan JSON.
 * TOML user-data never matches: a line that starts with `key:` is not TOML.
 */

export type HostSyntax = 'yaml' | 'json';

const YAML_NAME = /\.ya?ml$/i;
/** A manifest (`apiVersion:` and `kind:` at the start of lines) or a CloudFormation template. */
const MANIFEST = /^apiVersion[ \t]*:/m;
const KIND = /^kind[ \t]*:/m;
const CFN_YAML = /^(AWSTemplateFormatVersion|Resources)[ \t]*:/m;
/** JSON whose top level names CloudFormation resources or a Terraform plan. */
const CFN_JSON = /^\s*\{[\s\S]*"(Resources|AWSTemplateFormatVersion)"\s*:/;
const TF_JSON = /^\s*\{[\s\S]*"(format_version|terraform_version)"\s*:/;

/** The syntax of a host format this input is written in, or undefined for user-data itself. */
export function hostSyntax(text: string, name?: string): HostSyntax | undefined {
  const head = text.trimStart();
  if (head.startsWith('{')) {
    const start = head.slice(0, 4096);
    return CFN_JSON.test(start) || TF_JSON.test(start) ? 'json' : undefined;
  }
  if (name !== undefined && YAML_NAME.test(name)) return 'yaml';
  if ((MANIFEST.test(text) && KIND.test(text)) || CFN_YAML.test(text)) return 'yaml';
  return undefined;
}
