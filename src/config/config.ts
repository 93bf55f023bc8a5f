/**
 * The project config: `brud.toml` or `.brud.toml`, found by walking up from each checked file (from
 * the working directory for stdin). Command-line flags beat it.
 *
 *   variant = "aws-k8s-1.31"          # default --variant
 *   os-version = "1.30.0"             # default --os-version
 *   include = ["nodes/**\/*.toml"]    # what `brud check` checks when given no files
 *   exclude = ["nodes/drafts/**"]     # skipped when expanding directories and globs
 *
 *   [rules]                           # severities of the lint rules: "off", "info", "warning", "error"
 *   "host-containers/superpowered" = "off"
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RuleSetting } from '../check/types.js';
import { toKeyPath } from '../model/diagnostic.js';
import { isTable, tomlTypeName, type TomlValue } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { RULES, ruleMeta, type RuleId } from '../rules/registry.js';
import { normalizeRelease } from '../targets/releases.js';
import { parseVariant } from '../targets/variant-name.js';
import { GlobError, globToRegExp } from '../util/glob.js';
import { closest } from '../util/suggest.js';

/** The names a project config may have, looked for in this order. */
export const CONFIG_NAMES = ['brud.toml', '.brud.toml'];

export interface ProjectConfig {
  /** The config file. */
  file: string;
  /** Its directory: include and exclude patterns are relative to it. */
  dir: string;
  variant?: string;
  osVersion?: string;
  include: string[];
  exclude: string[];
  rules: Partial<Record<RuleId, RuleSetting>>;
}

/** A config file that cannot be used: reported as a usage error at its line and column. */
export class ConfigError extends Error {}

const KEYS = ['variant', 'os-version', 'include', 'exclude', 'rules'];
const SEVERITIES = ['off', 'info', 'warning', 'error'];

export function parseConfig(file: string, text: string): ProjectConfig {
  const parsed = parseTomlText(text);
  if (!parsed.ok) {
    const { span, message } = parsed.finding;
    const at = typeof span === 'object' ? span : { line: 1, column: 1 };
    throw new ConfigError(`${file}:${at.line}:${at.column}: ${message}`);
  }
  const doc = parsed.parsed.value;
  const where = (path: Array<string | number>, at: 'key' | 'value' = 'value') => {
    const s = parsed.parsed.positions.locate({ path, at });
    return `${file}:${s.line}:${s.column}`;
  };
  const fail = (path: Array<string | number>, msg: string, at: 'key' | 'value' = 'value'): never => {
    throw new ConfigError(`${where(path, at)}: ${toKeyPath(path)}: ${msg}`);
  };
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') fail([key], `expected a string, found ${tomlTypeName(v)}`);
    return v as string;
  };
  const list = (key: string): string[] => {
    const v: TomlValue | undefined = doc[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail([key], 'expected an array of glob patterns (strings)');
    return v as string[];
  };
  for (const key of Object.keys(doc)) {
    if (!KEYS.includes(key)) {
      const guess = closest(key, KEYS);
      fail([key], `unknown key${guess ? `; did you mean "${guess}"?` : ''} (known: ${KEYS.join(', ')})`, 'key');
    }
  }
  const variant = str('variant');
  if (variant !== undefined && !parseVariant(variant))
    fail(['variant'], `unknown variant "${variant}" (e.g. aws-k8s-1.31, aws-ecs-2, vmware-k8s-1.31, or a family such as aws-k8s)`);
  const os = str('os-version');
  const osVersion = os === undefined ? undefined : normalizeRelease(os);
  if (os !== undefined && !osVersion) fail(['os-version'], `expected a Bottlerocket release such as "1.30.0", found "${os}"`);
  const rules: Partial<Record<RuleId, RuleSetting>> = Object.create(null) as Partial<Record<RuleId, RuleSetting>>;
  const rulesTable = doc.rules;
  if (rulesTable !== undefined) {
    if (!isTable(rulesTable)) fail(['rules'], 'expected a table of rule ids to severities');
    for (const [id, sev] of Object.entries(rulesTable as Record<string, TomlValue>)) {
      const meta = ruleMeta(id);
      if (!meta) {
        const guess = closest(
          id,
          RULES.map((r) => r.id),
        );
        fail(['rules', id], `unknown rule${guess ? `; did you mean "${guess}"?` : ''}`, 'key');
      } else if (!meta.configurable) {
        fail(['rules', id], "is Bottlerocket's own verdict and cannot be re-graded", 'key');
      }
      if (typeof sev !== 'string' || !SEVERITIES.includes(sev))
        fail(['rules', id], `expected one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}`);
      rules[id as RuleId] = sev as RuleSetting;
    }
  }
  return { file, dir: dirname(file), variant, osVersion, include: list('include'), exclude: list('exclude'), rules };
}

const cache = new Map<string, ProjectConfig | undefined>();

/** The nearest config at or above a directory, or undefined; `cwd` is where its name is shown from. */
export function findConfig(startDir: string, cwd: string = process.cwd()): ProjectConfig | undefined {
  const dir = resolve(cwd, startDir);
  const key = `${cwd}\u0000${dir}`;
  if (cache.has(key)) return cache.get(key);
  let found: ProjectConfig | undefined;
  const name = CONFIG_NAMES.find((n) => existsSync(join(dir, n)));
  if (name) {
    const file = join(dir, name);
    found = parseConfig(relative(cwd, file) || file, readFileSync(file, 'utf8'));
    found.dir = dir;
  } else {
    const parent = dirname(dir);
    found = parent === dir ? undefined : findConfig(parent, cwd);
  }
  cache.set(key, found);
  return found;
}

export function loadConfigFile(file: string, cwd: string = process.cwd()): ProjectConfig {
  const config = parseConfig(file, readFileSync(resolve(cwd, file), 'utf8'));
  config.dir = resolve(cwd, dirname(file));
  return config;
}

/** Whether a path is excluded by the config's patterns (relative to the config's directory). */
export function isExcluded(config: ProjectConfig | undefined, path: string, cwd: string = process.cwd()): boolean {
  if (!config || config.exclude.length === 0) return false;
  const rel = relative(config.dir, resolve(cwd, path)).split(sep).join('/');
  try {
    return config.exclude.some((p) => globToRegExp(p.replace(/^\.\//, '')).test(rel));
  } catch (e) {
    if (e instanceof GlobError) throw new ConfigError(`${config.file}: exclude: ${e.message}`);
    throw e;
  }
}
