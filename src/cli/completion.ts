// `iggy --generate bash|zsh|fish`: completion scripts built from the command
// table, so they list exactly the commands, aliases and actions `iggy` has.
import { IggyError } from '../../src/errors/iggy_error.js';
import { GLOBAL_OPTIONS } from './argv.js';
import { COMMANDS } from './commands/index.js';
import { isGroup } from './commands/types.js';

function topWords(): string[] {
  return COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).concat('shell');
}

function actionsByWord(): Array<[string, string[]]> {
  return COMMANDS.filter(isGroup).flatMap((g) => {
    const actions = g.actions.flatMap((a) => [a.name, ...(a.aliases ?? [])]);
    return [g.name, ...(g.aliases ?? [])].map((word): [string, string[]] => [word, actions]);
  });
}

const globalFlags = (): string[] => GLOBAL_OPTIONS.flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]);

function bash(): string {
  const cases = actionsByWord().map(([word, actions]) => `      ${word}) COMPREPLY=($(compgen -W "${actions.join(' ')}" -- "$cur")); return ;;`);
  return [
    '# bash completion for iggy: eval "$(iggy --generate bash)"',
    '_iggy() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}"',
    '  if [[ "$cur" == -* ]]; then',
    `    COMPREPLY=($(compgen -W "${globalFlags().join(' ')}" -- "$cur")); return`,
    '  fi',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W "${topWords().join(' ')}" -- "$cur")); return`,
    '  fi',
    '  if [[ $COMP_CWORD -eq 2 ]]; then',
    '    case "${COMP_WORDS[1]}" in',
    ...cases,
    '    esac',
    '  fi',
    '}',
    'complete -F _iggy iggy',
  ].join('\n');
}

function zsh(): string {
  const cases = actionsByWord().map(([word, actions]) => `      ${word}) compadd -- ${actions.join(' ')} ;;`);
  return [
    '#compdef iggy',
    '# zsh completion for iggy: iggy --generate zsh > "${fpath[1]}/_iggy"',
    '_iggy() {',
    '  if [[ "$words[CURRENT]" == -* ]]; then',
    `    compadd -- ${globalFlags().join(' ')}; return`,
    '  fi',
    '  if (( CURRENT == 2 )); then',
    `    compadd -- ${topWords().join(' ')}; return`,
    '  fi',
    '  if (( CURRENT == 3 )); then',
    '    case "$words[2]" in',
    ...cases,
    '    esac',
    '  fi',
    '}',
    'compdef _iggy iggy',
  ].join('\n');
}

function fish(): string {
  const lines = ['# fish completion for iggy: iggy --generate fish | source', 'complete -c iggy -f'];
  for (const c of COMMANDS) {
    lines.push(`complete -c iggy -n '__fish_use_subcommand' -a '${[c.name, ...(c.aliases ?? [])].join(' ')}' -d '${c.summary.replace(/'/g, '')}'`);
  }
  for (const [word, actions] of actionsByWord()) {
    lines.push(`complete -c iggy -n '__fish_seen_subcommand_from ${word}' -a '${actions.join(' ')}'`);
  }
  for (const o of GLOBAL_OPTIONS) lines.push(`complete -c iggy -l ${o.long}${o.short ? ` -s ${o.short}` : ''}${o.kind === 'value' ? ' -r' : ''}`);
  return lines.join('\n');
}

export function completionScript(shell: string): string {
  if (shell === 'bash') return bash();
  if (shell === 'zsh') return zsh();
  if (shell === 'fish') return fish();
  throw IggyError.of('InvalidFormat', `--generate takes bash, zsh or fish (got ${shell})`);
}
