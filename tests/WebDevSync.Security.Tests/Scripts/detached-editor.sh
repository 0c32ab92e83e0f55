#!/usr/bin/env bash
# A GUI-style "editor" for the real agent in fault tests: usage  detached-editor.sh FILE
# Like a GUI editor's window it does not depend on the agent that started it: when the agent is
# killed it keeps the file open and keeps saving. It registers FILE as $WDS_SEC_EDITOR/files/<name>,
# then saves each $WDS_SEC_EDITOR/<name>/N.txt over FILE (N = 1, 2, …) the way most editors save
# (write a temp file, rename it over) and touches N.done. Exits when $WDS_SEC_EDITOR disappears.
set -u
file="$1"; ctl="${WDS_SEC_EDITOR:?WDS_SEC_EDITOR must name the control directory}"
name="$(basename "$file")"; mine="$ctl/$name"
mkdir -p "$mine" "$ctl/files" && echo "$file" > "$ctl/files/$name.tmp" && mv "$ctl/files/$name.tmp" "$ctl/files/$name"
n=1
while [ -d "$ctl" ]; do
  if [ -f "$mine/$n.txt" ]; then
    cp "$mine/$n.txt" "$file.wds-tmp~" && mv -f "$file.wds-tmp~" "$file" && touch "$mine/$n.done"; n=$((n + 1))
  else sleep 0.01
  fi
done
