#!/usr/bin/env bash
# A scripted "editor" for the agent's tests: usage  scripted-editor.sh STYLE FILE
# It saves FILE the way real editors do, one save per command the test drops into
# $WDS_EDITOR_CONTROL (a directory), numbered from 1:
#   N.txt    save the content of N.txt, then create N.done
#   N.final  save the content of N.final and exit 0 at once (no N.done)
#   N.quit   exit with the status written in N.quit (empty = 0)
# STYLE: inplace (truncate and write the same inode), rename (write a temp file, rename it over:
# vim's backupcopy=no, VS Code, JetBrains), recreate (delete, then create anew).
set -u
style="$1"; file="$2"; ctl="${WDS_EDITOR_CONTROL:?WDS_EDITOR_CONTROL must name the control directory}"
echo "$file" > "$ctl/file.tmp" && mv "$ctl/file.tmp" "$ctl/file"

save() {
  case "$style" in
    inplace)  content="$(cat "$1"; printf x)"; printf '%s' "${content%x}" > "$file" ;; # one process truncates and writes, like an editor
    rename)   cp "$1" "$file.wds-tmp~" && mv -f "$file.wds-tmp~" "$file" ;;
    recreate) rm -f "$file" && cp "$1" "$file" ;;
    *) echo "unknown style $style" >&2; exit 64 ;;
  esac
}

n=1
agent=$PPID
while :; do
  # Like a terminal editor losing its terminal: when the agent or the test is gone, so is the editor.
  if ! kill -0 "$agent" 2>/dev/null || [ ! -d "$ctl" ]; then exit 0; fi
  if [ -f "$ctl/$n.txt" ]; then save "$ctl/$n.txt"; touch "$ctl/$n.done"; n=$((n + 1))
  elif [ -f "$ctl/$n.final" ]; then save "$ctl/$n.final"; exit 0
  elif [ -f "$ctl/$n.quit" ]; then code="$(cat "$ctl/$n.quit")"; exit "${code:-0}"
  else sleep 0.02
  fi
done
