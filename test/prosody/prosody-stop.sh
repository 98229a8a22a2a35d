#!/usr/bin/env bash
# Stops the Prosody that prosody-start.sh DIR started (by its PID only) and waits until it is gone.
dir="${1:?usage: prosody-stop.sh DIR}"
pid="$(cat "$dir/prosody.fg.pid" 2>/dev/null || true)"
[ -n "$pid" ] || exit 0
kill "$pid" 2>/dev/null || { rm -f "$dir/prosody.fg.pid"; exit 0; }
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$dir/prosody.fg.pid"; exit 0; }
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
rm -f "$dir/prosody.fg.pid"
