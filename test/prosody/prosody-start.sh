#!/usr/bin/env bash
# Starts a throwaway Prosody for the XMPP tests: prosody-start.sh DIR HTTP_PORT C2S_PORT.
# Writes DIR/prosody.cfg.lua from prosody.cfg.lua.in, registers the test users, starts Prosody
# in the foreground as a child of this shell (PID in DIR/prosody.fg.pid) and waits until it has
# bound its own ports. Prints the PID on stdout; exits non-zero, printing the log, if it cannot.
# Env: PROSODY_USERS  "user:password …" (default: 1001, 2001, the publisher admin, and `finesse`,
#      the account whose presence says whether Finesse's web services are up)
#      PROSODY_WATCH_PID  a PID (the test runner): Prosody is stopped when that process is gone,
#                         so a killed test run does not leave a server behind.
# Running it again on the same DIR and ports (after prosody-stop.sh) restarts with the same data.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: prosody-start.sh DIR HTTP_PORT C2S_PORT}"
http_port="${2:?HTTP_PORT}"; c2s_port="${3:?C2S_PORT}"
users="${PROSODY_USERS:-1001:1001pw 2001:2001pw admin:adminpw finesse:finessepw}"
if ! command -v prosody >/dev/null || ! command -v prosodyctl >/dev/null; then
  echo "prosody is not installed: run scripts/ensure-prosody.sh (as root) or apt-get install -y prosody" >&2
  exit 1
fi
for p in "$http_port" "$c2s_port"; do # Prosody does NOT exit when a port is taken: check first
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p on 127.0.0.1 already in use" >&2; exit 1; fi
done
mkdir -p "$dir/data" "$dir/certs"
sed -e "s#@DIR@#$dir#g" -e "s#@HTTP_PORT@#$http_port#g" -e "s#@C2S_PORT@#$c2s_port#g" \
  "$here/prosody.cfg.lua.in" > "$dir/prosody.cfg.lua"
cfg="$dir/prosody.cfg.lua"
for u in $users; do # idempotent: registering again resets the password
  prosodyctl --config "$cfg" register "${u%%:*}" finesse.test "${u#*:}"
done
: > "$dir/prosody.log"; : > "$dir/prosody.err"
t0=$(date +%s%N)
prosody --config "$cfg" -F >"$dir/stdout.log" 2>&1 </dev/null &
pid=$!
echo "$pid" > "$dir/prosody.fg.pid"
fail() {
  echo "prosody failed to start: $1" >&2
  cat "$dir/stdout.log" "$dir/prosody.log" "$dir/prosody.err" >&2 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  exit 1
}
for _ in $(seq 1 200); do
  kill -0 "$pid" 2>/dev/null || fail "process exited"
  grep -q "Failed to open server port" "$dir/prosody.err" && fail "port in use"
  if grep -q "Activated service 'http' on \[127.0.0.1\]:$http_port" "$dir/prosody.log" &&
     grep -q "Activated service 'c2s' on \[127.0.0.1\]:$c2s_port" "$dir/prosody.log"; then
    if [ -n "${PROSODY_WATCH_PID:-}" ]; then
      watched="$PROSODY_WATCH_PID"
      (while kill -0 "$watched" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
       kill "$pid" 2>/dev/null || true) >/dev/null 2>&1 </dev/null &
    fi
    echo "prosody pid=$pid listening after $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
    echo "$pid"
    exit 0
  fi
  sleep 0.05
done
fail "not listening within 10 s"
