/**
 * The YAML parser (eemeli/yaml, which keeps the source position of every node) is loaded only when an
 * input is a host format: a plain TOML check never pays for it. `loadYaml()` loads it once; the
 * synchronous pipeline then finds it with `loadedYaml()`.
 */
import type * as Yaml from 'yaml';

export type YamlModule = typeof Yaml;

let loaded: YamlModule | undefined;

/** Loads the YAML parser (once). */
export async function loadYaml(): Promise<YamlModule> {
  // the CLI bundle is CommonJS run in a vm.Script, where import() has no loader on Node 20: there the
  // bundler turns this require into the parser's bundled module, initialized on this first call; ES
  // modules import it from node_modules
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: no import() in the bundle's vm.Script
  loaded ??= typeof require === 'function' ? (require('yaml') as YamlModule) : await import('yaml');
  return loaded;
}

/** The YAML parser, when `loadYaml()` has loaded it. */
export function loadedYaml(): YamlModule | undefined {
  return loaded;
}
