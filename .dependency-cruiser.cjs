/**
 * The layering of src/ (docs/development.md explains it): each folder may import only from folders in
 * its own or a lower layer, the CLI only through the library's door (src/index.ts), and nothing in the
 * library from the CLI or the formatters. Type-only imports are exempt from the layer order (the
 * diagnostic model names the rule ids the registry declares). `npm run layers` checks it.
 */
const LAYERS = [
  ['util', 'generated'],
  ['model', 'emit'],
  ['targets', 'schema'],
  ['rules'],
  ['input', 'parse'],
  ['validate', 'config'],
  ['check'],
  ['compile'],
  ['plan', 'wrappers'],
  ['diff', 'merge'],
  ['report'],
];

const folder = (names) => `^src/(${names.join('|')})/`;

const layerRules = LAYERS.flatMap((names, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  if (higher.length === 0) return [];
  return [
    {
      name: `layer-${names.join('-')}`,
      comment: `${names.join(', ')} may not import from a higher layer (${higher.join(', ')})`,
      severity: 'error',
      from: { path: folder(names) },
      to: { path: folder(higher), dependencyTypesNot: ['type-only'] },
    },
  ];
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    {
      name: 'cli-through-the-library',
      comment: 'the CLI is a thin shell: it imports src/index.ts and its own files, nothing else of src/',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/cli/', '^src/index\\.ts$'] },
    },
    {
      name: 'action-through-the-library',
      comment: 'the GitHub Action runs the CLI in-process (src/cli/main.ts) and otherwise uses the library door only',
      severity: 'error',
      from: { path: '^src/action/' },
      to: { path: '^src/', pathNot: ['^src/action/', '^src/cli/(main|io)\\.ts$', '^src/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-the-action',
      comment: 'the Action is an entry point, like the CLI',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/action/' },
      to: { path: '^src/action/' },
    },
    {
      name: 'library-not-cli',
      comment: 'the library never imports the CLI',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/action/'] },
      to: { path: '^src/cli/' },
    },
    {
      name: 'core-not-formatters',
      comment: 'the pipeline returns data; only the door (src/index.ts) exports the formatters',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/report/', '^src/cli/', '^src/action/', '^src/index\\.ts$'] },
      to: { path: '^src/report/', dependencyTypesNot: ['type-only'] },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
