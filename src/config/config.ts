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
import { isTable, tomlTypeName, type TomlTable, type TomlValue } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { hints } from '../util/hints.js';
import { RULES, ruleMeta, type RuleId } from '../rules/registry.js';
import { normalizeRelease } from '../targets/releases.js';
import { parseVariant } from '../targets/variant-name.js';
import { GlobError, globMatcher } from '../util/glob.js';
import { visible } from '../util/escape.js';
import { closest } from '../util/suggest.js';

/** The names a project config may have, looked for in this order. */
export const CONFIG_NAMES = ['brud.toml', '.brud.toml'];

export interface ProjectConfig {
  /** The config file. */
  file: string;
  /** Its directory: include and exclude patterns are relative to it. */
  dir: string;
  variant?: string | undefined;
  osVersion?: string | undefined;
  include: string[];
  exclude: string[];
  rules: Partial<Record<RuleId, RuleSetting>>;
}

/** A config file that cannot be used: reported as a usage error at its line and column. */
export class ConfigError extends Error {}

const KEYS = ['variant', 'os-version', 'include', 'exclude', 'rules'];
const SEVERITIES = ['off', 'info', 'warning', 'error'];
/** ESLint's spelling, accepted for what ESLint users type. */
const SEVERITY_ALIASES: Readonly<Record<string, RuleSetting>> = { warn: 'warning' };

type ConfigPath = Array<string | number>;

/** Reads the decoded config, failing with the file, line and column of what is wrong. */
class ConfigReader {
  constructor(
    readonly file: string,
    readonly doc: TomlTable,
    private readonly locate: (path: ConfigPath, at: 'key' | 'value') => { line: number; column: number },
  ) {}

  fail(path: ConfigPath, msg: string, at: 'key' | 'value' = 'value'): never {
    const s = this.locate(path, at);
    throw new ConfigError(`${this.file}:${s.line}:${s.column}: ${toKeyPath(path)}: ${msg}`);
  }

  str(key: string): string | undefined {
    const v = this.doc[key];
    if (v !== undefined && typeof v !== 'string') this.fail([key], `expected a string, found ${tomlTypeName(v)}`);
    return v;
  }

  /**
   * Glob patterns relative to the config's directory. A pattern that leaves it (absolute, or with a
   * `..` part) is refused: a changed brud.toml in a pull request must not make CI read files outside
   * the repository into its log.
   */
  patterns(key: string): string[] {
    const v: TomlValue | undefined = this.doc[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) this.fail([key], 'expected an array of glob patterns (strings)');
    v.forEach((pattern, i) => {
      if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern) || pattern.split(/[/\\]/).includes('..')) {
        this.fail([key, i], `"${visible(pattern)}" leaves the config's directory; patterns are relative to it and stay inside`);
      }
      // a bad pattern is the config's error, at its place, even when no directory is ever walked
      try {
        globMatcher(pattern.replace(/^\.\//, ''));
      } catch (e) {
        if (e instanceof GlobError) this.fail([key, i], e.message);
        throw e;
      }
    });
    return v;
  }
}

export function parseConfig(file: string, text: string): ProjectConfig {
  const parsed = parseTomlText(text);
  if (!parsed.ok) {
    const { span, message } = parsed.finding;
    const at = typeof span === 'object' ? span : { line: 1, column: 1 };
    throw new ConfigError(`${file}:${at.line}:${at.column}: ${message}`);
  }
  const positions = parsed.parsed.positions;
  const reader = new ConfigReader(file, parsed.parsed.value, (path, at) => positions.locate({ path, at }));
  for (const key of Object.keys(reader.doc)) {
    if (!KEYS.includes(key)) reader.fail([key], `unknown key${hints.didYouMean(closest(key, KEYS))} (known: ${KEYS.join(', ')})`, 'key');
  }
  const variant = reader.str('variant');
  if (variant !== undefined && !parseVariant(variant)) {
    reader.fail(['variant'], `unknown variant "${variant}" (e.g. aws-k8s-1.31, aws-ecs-2, vmware-k8s-1.31, or a family such as aws-k8s)`);
  }
  const os = reader.str('os-version');
  const osVersion = os === undefined ? undefined : normalizeRelease(os);
  if (os !== undefined && !osVersion) reader.fail(['os-version'], `expected a Bottlerocket release such as "1.30.0", found "${os}"`);
  const rules = readRules(reader);
  return { file, dir: dirname(file), variant, osVersion, include: reader.patterns('include'), exclude: reader.patterns('exclude'), rules };
}

/** `[rules]`: configurable rule ids to severities. */
function readRules(reader: ConfigReader): Partial<Record<RuleId, RuleSetting>> {
  const rules = Object.create(null) as Partial<Record<RuleId, RuleSetting>>;
  const table = reader.doc.rules;
  if (table === undefined) return rules;
  if (!isTable(table)) reader.fail(['rules'], 'expected a table of rule ids to severities');
  for (const [id, value] of Object.entries(table)) {
    const meta = ruleMeta(id);
    if (!meta)
      reader.fail(
        ['rules', id],
        `unknown rule${hints.didYouMean(
          closest(
            id,
            RULES.map((r) => r.id),
          ),
        )}`,
        'key',
      );
    if (!meta.configurable) reader.fail(['rules', id], "is Bottlerocket's own verdict and cannot be re-graded", 'key');
    const setting = typeof value !== 'string' ? undefined : Object.hasOwn(SEVERITY_ALIASES, value) ? SEVERITY_ALIASES[value] : value;
    if (setting === undefined || !SEVERITIES.includes(setting))
      reader.fail(['rules', id], `expected one of ${SEVERITIES.map((x) => `"${x}"`).join(', ')}`);
    rules[id as RuleId] = setting as RuleSetting;
  }
  return rules;
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
  // the patterns compiled when the config was read (ConfigReader.patterns)
  return config.exclude.some((p) => globMatcher(p.replace(/^\.\//, ''))(rel));
}
