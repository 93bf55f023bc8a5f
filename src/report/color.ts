/**
 * Minimal ANSI styling. Colour is decided once by the CLI (flag, NO_COLOR, FORCE_COLOR, TERM, TTY) and
 * passed to formatters, so formatters stay pure.
 */
const CODES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], green: [32, 39], bold: [1, 22], dim: [2, 22] } as const;
export type Style = keyof typeof CODES;
export type Paint = (style: Style, text: string) => string;

export function styler(enabled: boolean): Paint {
  if (!enabled) return (_s, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

/**
 * Colour on when asked, off when NO_COLOR is set, on when FORCE_COLOR is set (not "0"), off on a dumb
 * terminal, else when the output is a terminal.
 */
export function shouldColor(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean | undefined,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}
