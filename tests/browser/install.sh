#!/bin/sh
# Installs the browser test's one npm dependency (playwright-core, pinned
# by package-lock.json) into tests/browser/node_modules.  Chromium itself
# is Debian's (tests/deps.sh); playwright downloads no browser.
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		echo "the browser test needs npm: apt-get install nodejs npm" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
