/**
 * Boot parameters whose meaning depends on their order. Released Bottlerocket does not pass
 * `boot.kernel-parameters` to the kernel in the written order: prairiedog reads them into a HashMap
 * (bottlerocket-os/bottlerocket-core-kit sources/api/prairiedog/src/bootconfig.rs@a10182f9) and, since
 * core-kit 11.0.0 (PR #735, "sort bootconfig keys before writing"), writes the boot config sorted by key;
 * before that the order was whatever the map gave. bottlerocket-os/bottlerocket issue #3647 ("kernel-parameters
 * settings order is not preserved") is open.
 *
 * The kernel reads the hugetlb parameters in order (Linux Documentation/admin-guide/mm/hugetlbpage.rst,
 * "Hugetlb boot command line parameter semantics"; mm/hugetlb.c hugepages_setup): `hugepages` counts
 * pages of the size named by the `hugepagesz` before it; with none before it, of the default huge page
 * size (`default_hugepagesz`, else the architecture's: 2 MB on x86_64 and on arm64 with 4 KB pages), and
 * a second `hugepages` without a `hugepagesz` between is ignored. Sorted, every `hugepages` comes before
 * every `hugepagesz`, so pools of other sizes get no pages. `default_hugepagesz` sorts before `hugepages`,
 * so that pair keeps its meaning.
 */
import { isTable, type TomlTable, type TomlValue } from '../../model/value.js';
import { loadSchema } from '../../schema/bundle.js';
import { isAvailable } from '../../targets/releases.js';
import { defineLintRule } from '../types.js';

function strings(v: TomlValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Bytes of a kernel size (`memparse`: a number with an optional K, M or G suffix). */
function sizeBytes(s: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * unit;
}

const ARCH_DEFAULT = 2 * 1024 ** 2;

/** The parameters table, under its canonical name or its alias. */
function kernelParameters(settings: TomlTable | undefined): { table: TomlTable; name: string } | undefined {
  const boot = settings?.boot;
  if (!isTable(boot)) return undefined;
  for (const name of ['kernel-parameters', 'kernel']) {
    const t = boot[name];
    if (isTable(t)) return { table: t, name };
  }
  return undefined;
}

/** settings.kernel.hugepages sets the pools per size, where the release has it. */
function kernelHugepagesHint(release: string): string {
  const since = loadSchema().$defs?.['settings.kernel']?.properties?.hugepages?.['x-since'];
  if (since === undefined) return '';
  return isAvailable(since, release)
    ? ', or set the pools per size in settings.kernel.hugepages'
    : `, or from Bottlerocket ${since} settings.kernel.hugepages, which sets the pools per size`;
}

export const bootParameterOrder = defineLintRule({
  meta: {
    id: 'boot/parameter-order',
    severity: 'warning',
    description: 'Kernel parameters whose meaning depends on an order Bottlerocket does not keep (`hugepagesz` with `hugepages`).',
    rationale:
      'Bottlerocket passes boot parameters to the kernel sorted by name, not as written (bottlerocket-core-kit PR #735; bottlerocket issue #3647), and the kernel pairs each hugepages= with the hugepagesz= before it (Linux admin-guide/mm/hugetlbpage.rst).',
    configurable: true,
    messages: {
      hugepages:
        'boot.{{name}} pairs hugepagesz with hugepages, but Bottlerocket passes boot parameters to the kernel sorted by name (before bottlerocket-core-kit 11.0.0, in no fixed order), not as written, so the kernel reads "{{cmdline}}": the first hugepages= counts pages of the default huge page size ({{defaultSize}}), {{rest}}and the sizes named by hugepagesz get no pages. For one size, give default_hugepagesz with hugepages (that order survives the sort){{alternative}}',
    },
  },
  check({ settings, target, report }) {
    const found = kernelParameters(settings);
    if (!found) return;
    const { table, name } = found;
    const sizes = strings(table.hugepagesz);
    const counts = strings(table.hugepages);
    if (sizes.length === 0 || counts.length === 0) return;
    const defaults = strings(table.default_hugepagesz);
    const defaultBytes = defaults.length > 0 ? sizeBytes(defaults[0]!) : ARCH_DEFAULT;
    // one pool of the default size: the sorted order means the same
    if (sizes.length === 1 && counts.length === 1 && defaultBytes !== undefined && sizeBytes(sizes[0]!) === defaultBytes) return;
    const cmdline = [
      ...defaults.map((v) => `default_hugepagesz=${v}`),
      ...counts.map((v) => `hugepages=${v}`),
      ...sizes.map((v) => `hugepagesz=${v}`),
    ].join(' ');
    report({
      messageId: 'hugepages',
      data: {
        name,
        cmdline,
        defaultSize: defaults.length > 0 ? `${defaults[0]!}, from default_hugepagesz` : "the architecture's, 2M on x86_64 and arm64",
        rest: counts.length > 1 ? 'the other hugepages= values are ignored, ' : '',
        alternative: kernelHugepagesHint(target.release),
      },
      path: ['settings', 'boot', name, 'hugepages'],
      at: 'key',
    });
  },
});
