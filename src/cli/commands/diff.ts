/** `brud diff OLD NEW`: what changes on the node between two versions of user-data. */
import type { DocumentResult } from '../../check.js';
import type { DiffReport } from '../../diff/format.js';
import type { TomlTable } from '../../parse/value.js';
import { shouldColor } from '../../report/color.js';
import { bool, oneOf, str } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { applyWrapper, checkOperand, parse, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS, wrapperOption, WRAPPER_HELP, write } from '../single-input.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const DIFF_HELP = `brud diff: what changes on the node between two versions of user-data

Usage: brud diff [options] <old> <new>

Compares the normalized settings key by key and the boot plans step by step: formatting,
comments, key order, dotted keys versus tables, and aliases make no difference. Each side may
be a TOML file, base64 or gzip user-data, launch-template JSON (lt.json#3 picks version 3),
or "-" for stdin. Secrets (aws.credentials, registry passwords…) are masked.

Options:
  -f, --format FORMAT     text (a summary and a unified diff of the canonical TOML) or json
  --show-secrets          print secret values instead of masking them
${WRAPPER_HELP}
${TARGET_HELP}
${SINGLE_INPUT_HELP}
  --color, --no-color     force colour on or off
  -h, --help              show this help

Exit status: 0 same settings and plan; 1 different; 2 usage error or unreadable input.

Examples:
  brud diff userdata.toml userdata.new.toml
  git show main:nodes/userdata.toml | brud diff - nodes/userdata.toml
  brud diff --format json lt.json#3 lt.json#4
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  format: { type: 'string', short: 'f' },
  'show-secrets': { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

export async function runDiff(args: string[], io: Io): Promise<number> {
  const p = parse('diff', args, OPTIONS);
  if (bool(p, 'help')) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const format = oneOf(p, 'format', ['text', 'json'], 'diff') ?? 'text';
  const wrapper = wrapperOption(p, 'diff');
  if (p.positionals.length !== 2) throw new UsageError('give two inputs: the old and the new user-data ("-" for stdin)', 'diff');
  if (p.positionals.filter((x) => x === '-').length > 1) throw new UsageError('only one side can be read from stdin', 'diff');
  const target = await resolveTargetOptions(p, 'diff', io);
  const sides: DocumentResult[] = [];
  for (const operand of p.positionals) {
    const loaded = await checkOperand(operand, io, p, 'diff', target, { allowErrors: true });
    if (!loaded.ok) return 2;
    let result = loaded.result;
    if (wrapper) {
      const wrapped = await applyWrapper(wrapper, { result, path: operand }, io, p);
      if (!wrapped.ok) return 2;
      result = wrapped.result;
    }
    sides.push(result);
  }
  // the work is loaded only now: `brud diff --help` stays light
  const { normalizeDocument } = await import('../../compile/normalize.js');
  const { compileResult } = await import('../../compile/compile.js');
  const { diffPlans, diffSettings, maskChange, maskSecrets } = await import('../../diff/diff.js');
  const { diffJson, diffText } = await import('../../diff/format.js');
  const { plan: buildPlan } = await import('../../index.js');
  const [a, b] = sides;
  const [na, nb] = [normalizeDocument(a.document!), normalizeDocument(b.document!)];
  const show = bool(p, 'show-secrets') === true;
  const changes = diffSettings(na.document, nb.document).map((c) => (show ? c : maskChange(c)));
  const pa = buildPlan({ ...a, errorCount: 0 });
  const pb = buildPlan({ ...b, errorCount: 0 });
  const planChanges = diffPlans(pa, pb);
  const [oldName, newName] = p.positionals.map((x) => (x === '-' ? (str(p, 'stdin-filename') ?? '<stdin>') : x));
  let patch = '';
  if (format === 'text' && changes.length > 0) {
    const masked = (doc: TomlTable) => (show ? doc : (maskSecrets(doc, []) as TomlTable));
    const toml = (c: { document: TomlTable }, r: DocumentResult) => compileResult({ ...r, document: masked(c.document), errorCount: 0 }).toml;
    const { createTwoFilesPatch } = await import('diff');
    patch = createTwoFilesPatch(`${oldName} (normalized)`, `${newName} (normalized)`, toml(na, a), toml(nb, b), undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  }
  const report: DiffReport = {
    equal: changes.length === 0,
    changes,
    plan: { equal: pa.digest === pb.digest, oldDigest: pa.digest, newDigest: pb.digest, changes: planChanges },
    oldName,
    newName,
    patch,
  };
  const color = str(p, 'output') ? false : shouldColor(bool(p, 'color'), io.env, io.stdoutIsTTY);
  write(p, io, format === 'json' ? diffJson(report) : diffText(report, color));
  return report.equal && report.plan.equal ? 0 : 1;
}
