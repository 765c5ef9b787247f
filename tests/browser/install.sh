#!/bin/sh
# Installs the browser test's one npm dependency (playwright-core, pinned
# by package-lock.json) into tests/browser/node_modules.  Chromium itself
# is Debian's (tests/deps.sh); playwright downloads no browser.
set -eu
cd "$(dirname "$0")"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
