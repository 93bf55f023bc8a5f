/**
 * Minimal ANSI styling. Colour is decided once by the CLI (flag, NO_COLOR, FORCE_COLOR, TTY) and
 * passed to formatters, so formatters stay pure.
 */
const CODES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], green: [32, 39], bold: [1, 22], dim: [2, 22] } as const;
export type Style = keyof typeof CODES;

export function styler(enabled: boolean): (style: Style, text: string) => string {
  if (!enabled) return (_s, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

/** Colour on when asked, off when NO_COLOR is set, on when FORCE_COLOR is set (not "0"), else when a TTY. */
export function shouldColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(isTTY);
}
