#!/usr/bin/env bash
# An "editor" for the real agent in tests: usage  control-editor.sh FILE
# Whenever the test drops $WDS_SEC_EDITOR/save, its content is saved over FILE (write + rename, as
# most editors save). Exits when the control directory disappears or its parent (the agent) is gone.
set -u
file="$1"; ctl="${WDS_SEC_EDITOR:?WDS_SEC_EDITOR must name the control directory}"
agent=$PPID
while kill -0 "$agent" 2>/dev/null && [ -d "$ctl" ]; do
  if [ -f "$ctl/save" ]; then cp "$ctl/save" "$file.wds-tmp~" && mv -f "$file.wds-tmp~" "$file" && rm -f "$ctl/save"; fi
  sleep 0.05
done
