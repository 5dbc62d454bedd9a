#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring (a real Secret
# Service), so the keychain tests use the real thing without touching the user's own keyring.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "keyring-session: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring dbus-x11)" >&2
  exit 127
fi
export XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- bash -c 'echo -n partner-desk-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; export PARTNER_DESK_KEYRING=1; exec "$@"' keyring-session "$@" 2> >(grep -v "Failed to set fd limit" >&2)
