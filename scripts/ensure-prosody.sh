#!/usr/bin/env bash
# The XMPP notification test runs against a real Prosody (Debian's package): install it if missing.
set -euo pipefail
# A package install may start Prosody's own system service (ports 5222/5269/5280). The tests
# never use it, and a stray server is surprising on a developer's machine: stop it if it runs.
stop_system_service() {
  if command -v service >/dev/null 2>&1 && service prosody status >/dev/null 2>&1; then
    service prosody stop >/dev/null 2>&1 || true
  fi
}
if command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's prosody for the XMPP notification tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq prosody >/dev/null
  stop_system_service
  exit 0
fi
echo "Prosody not found. Install it (sudo apt-get install -y prosody): the XMPP notification" >&2
echo "test (src/finesse/notifications/prosody.test.ts) starts its own Prosody on loopback." >&2
exit 1
