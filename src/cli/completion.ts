/**
 * `brud completion bash|zsh|fish`: a completion script written from the commands' own option tables,
 * so it cannot drift from what the parser accepts (as kubectl, eksctl and helm generate theirs).
 */
import { exampleVariantNames } from '../index.js';
import type { OptionSpec, Parsed } from './args.js';
import { defineCommand, type Command } from './command.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export interface CompletedCommand {
  name: string;
  summary: string;
  options: OptionSpec;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export const COMPLETION_HELP = `brud completion: print a shell completion script

Usage: brud completion bash|zsh|fish

Completes commands, options and variant names; files elsewhere.

Options:
  -h, --help              show this help

Examples:
  brud completion bash > ~/.local/share/bash-completion/completions/brud
  brud completion zsh > "\${fpath[1]}/_brud"
  brud completion fish > ~/.config/fish/completions/brud.fish
  source <(brud completion bash)
`;

/** Option words of a command: --long (and --no-long for booleans parseArgs negates), -s. */
function words(options: OptionSpec): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(options)) {
    out.push(`--${name}`);
    if (spec.short) out.push(`-${spec.short}`);
  }
  return out.sort();
}

/** Quoted for a single-quoted shell word (the summaries hold no quotes, but never trust that). */
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(commands: readonly CompletedCommand[]): string {
  const cases = commands.map((c) => `    ${c.name}) opts=${sq(words(c.options).join(' '))} ;;`).join('\n');
  return `# brud completion for bash: source <(brud completion bash)
_brud() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${sq(commands.map((c) => c.name).join(' ') + ' help')} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    *) opts='' ;;
  esac
  case "$prev" in
    --variant) COMPREPLY=($(compgen -W ${sq(exampleVariantNames().join(' '))} -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W ${sq(SHELLS.join(' '))} -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _brud brud
`;
}

function zsh(commands: readonly CompletedCommand[]): string {
  const described = commands.map((c) => `    ${sq(`${c.name}:${c.summary.replace(/:/g, '\\:')}`)}`).join('\n');
  const cases = commands.map((c) => `    ${c.name}) opts=(${words(c.options).join(' ')}) ;;`).join('\n');
  return `#compdef brud
# brud completion for zsh: brud completion zsh > "\${fpath[1]}/_brud"
_brud() {
  local -a commands opts
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases}
  esac
  if [[ $words[CURRENT-1] == --variant ]]; then
    compadd -- ${exampleVariantNames().join(' ')}
  elif [[ $words[2] == completion ]]; then
    compadd -- ${SHELLS.join(' ')}
  elif [[ $PREFIX == -* ]]; then
    compadd -- $opts
  else
    _files
  fi
}
compdef _brud brud
`;
}

function fish(commands: readonly CompletedCommand[]): string {
  const lines = ['# brud completion for fish: brud completion fish > ~/.config/fish/completions/brud.fish'];
  for (const c of commands) lines.push(`complete -c brud -f -n __fish_use_subcommand -a ${c.name} -d ${sq(c.summary)}`);
  for (const c of commands) {
    for (const [name, spec] of Object.entries(c.options)) {
      const short = spec.short ? ` -s ${spec.short}` : '';
      const value = spec.type === 'string' ? (name === 'variant' ? ` -x -a ${sq(exampleVariantNames().join(' '))}` : ' -r') : '';
      lines.push(`complete -c brud -n ${sq(`__fish_seen_subcommand_from ${c.name}`)}${short} -l ${name}${value}`);
    }
  }
  lines.push(`complete -c brud -f -n ${sq('__fish_seen_subcommand_from completion')} -a ${sq(SHELLS.join(' '))}`);
  return lines.join('\n') + '\n';
}

const WRITERS: Readonly<Record<(typeof SHELLS)[number], (commands: readonly CompletedCommand[]) => string>> = { bash, zsh, fish };

/** The `completion` command, given every command it completes (main loads them). */
export function completionCommand(commands: () => Promise<CompletedCommand[]>): Command {
  return defineCommand({
    help: COMPLETION_HELP,
    options: { help: { type: 'boolean', short: 'h' } },
    run: async (p: Parsed, io: Io) => {
      const [shell, ...extra] = p.positionals;
      if (shell === undefined || extra.length > 0 || !Object.hasOwn(WRITERS, shell))
        throw new UsageError(
          `give one shell: ${SHELLS.join(', ')}${shell === undefined ? '' : `; got "${extra.length > 0 ? p.positionals.join(' ') : shell}"`}`,
          'completion',
        );
      io.stdout(WRITERS[shell as (typeof SHELLS)[number]](await commands()));
      return 0;
    },
  });
}
