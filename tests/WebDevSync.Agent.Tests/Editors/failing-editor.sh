#!/usr/bin/env bash
# An "editor" that cannot open anything: exits at once with status 3.
echo "failing-editor: cannot open $1" >&2
exit 3
