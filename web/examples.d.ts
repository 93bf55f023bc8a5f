// The examples/ folder as data, provided by the playground's bundle (scripts/playground.mjs).
declare module 'brud:examples' {
  const examples: ReadonlyArray<{ name: string; text: string }>;
  export default examples;
}
