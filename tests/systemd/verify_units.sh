#!/usr/bin/env bash
# verify_units: systemd-analyze verify on every unit in systemd/, with the install paths pointed at
# this build's binaries (and programs a build machine lacks, like cage, at /bin/true).
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for unit in "$src"/systemd/*.service; do
  sed -e "s|/usr/local/bin/classbookd|$build/server/daemon/classbookd|" \
      -e "s|/usr/local/bin/classbook-kiosk|$build/kiosk/app/classbook-kiosk|" \
      -e "s|/usr/bin/cage|/bin/true|" "$unit" > "$tmp/$(basename "$unit")"
done
out=$(cd "$tmp" && systemd-analyze verify --man=no ./*.service 2>&1 || true)
# Only complaints about these units count; the host's own units may be imperfect.
bad=$(printf '%s\n' "$out" | grep -E '^(classbook|/tmp)' | grep -v 'Failed to open /dev/tty' || true)
if [ -n "$bad" ]; then
  printf 'systemd-analyze found problems:\n%s\n' "$bad" >&2
  exit 1
fi
echo "verified: $(cd "$tmp" && ls)"
