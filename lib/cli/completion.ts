// Shell completion scripts for bash and zsh (pure: text in, text out). They
// complete the commands, each command's options and actions, inventory files,
// and the host and group names of the inventory on the line after --limit,
// --host and --probe-from (asking `lvs-play completion names INVENTORY`, so
// the names are the inventory's as it is now, never a stale list).

export interface CompletionSpec {
  commands: { name: string; options: string[]; actions: string[] }[];
}

/** options that take a host or group name of the inventory */
export const NAME_OPTIONS = ['--limit', '--host', '--probe-from'];

/** Every "--option" its usage text names, in order, once each. */
export function optionsOfUsage(usage: string): string[] {
  return [...new Set([...usage.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))];
}

/** The host and group names --limit takes, from an inventory's JSON (read leniently: a half-written inventory still completes). */
export function inventoryNames(json: unknown): string[] {
  if (json === null || typeof json !== 'object') return [];
  const inv = json as { hosts?: unknown; groups?: unknown };
  const hosts = Array.isArray(inv.hosts) ? inv.hosts.map((h) => (h as { name?: unknown })?.name) : [];
  const groups = inv.groups && typeof inv.groups === 'object' ? Object.keys(inv.groups) : [];
  // names only as the schema allows them (nothing a shell would act on)
  return [
    ...new Set([...hosts, ...groups].filter((n): n is string => typeof n === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(n))),
  ];
}

const words = (xs: string[]) => xs.join(' ');

export function bashCompletion(spec: CompletionSpec): string {
  const cases = spec.commands
    .map((c) => `    ${c.name}) opts=${JSON.stringify(words(c.options))}; actions=${JSON.stringify(words(c.actions))} ;;`)
    .join('\n');
  return `# lvs-play completion for bash: eval "$(lvs-play completion bash)" in ~/.bashrc
_lvs_play() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local cmd=\${COMP_WORDS[1]} opts='' actions='' inventory='' i w
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${JSON.stringify(words([...spec.commands.map((c) => c.name), '--help', '--version']))} -- "$cur"))
    return
  fi
  case "$cmd" in
${cases}
  esac
  case "$prev" in
    ${NAME_OPTIONS.join('|')})
      for ((i = 2; i < COMP_CWORD; i++)); do
        w=\${COMP_WORDS[i]}
        case "$w" in *.json) inventory=$w; break ;; esac
      done
      [ -n "$inventory" ] && COMPREPLY=($(compgen -W "$(\${COMP_WORDS[0]} completion names "$inventory" 2>/dev/null)" -- "$cur"))
      return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts --help --no-color" -- "$cur"))
  elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$actions" ]; then
    COMPREPLY=($(compgen -W "$actions" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -o filenames -F _lvs_play lvs-play
`;
}

export function zshCompletion(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) opts=(${words(c.options)}); actions=(${words(c.actions)}) ;;`).join('\n');
  return `#compdef lvs-play
# lvs-play completion for zsh: eval "$(lvs-play completion zsh)" in ~/.zshrc (after compinit)
_lvs_play() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd=\${words[2]} inventory w
  local -a opts actions
  if (( CURRENT == 2 )); then
    compadd -- ${words([...spec.commands.map((c) => c.name), '--help', '--version'])}
    return
  fi
  case $cmd in
${cases}
  esac
  case $prev in
    ${NAME_OPTIONS.join('|')})
      for w in \${words[3,CURRENT-1]}; do
        if [[ $w == *.json ]]; then inventory=$w; break; fi
      done
      [[ -n $inventory ]] && compadd -- \${(f)"$(\${words[1]} completion names $inventory 2>/dev/null)"}
      return ;;
  esac
  if [[ $cur == -* ]]; then
    compadd -- $opts --help --no-color
  elif (( CURRENT == 3 )) && (( \${#actions} )); then
    compadd -- $actions
  else
    _files -g '*.json'
  fi
}
compdef _lvs_play lvs-play
`;
}
