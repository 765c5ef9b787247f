#!/bin/sh
# Installs the Debian packages hpreport needs to build, test and run its demo
# when any is missing.  As root it runs apt-get; otherwise it prints the
# exact command and fails.
PKGS="build-essential pkg-config libcairo2-dev libpango1.0-dev libsqlite3-dev
libcjson-dev libcsv-dev libpng-dev libdeflate-dev libcmocka-dev liblapacke-dev libopenblas-dev
sqlite3 fonts-dejavu-core fonts-noto-cjk chromium bc time python3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "hpreport needs:$missing" >&2
	echo "run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && $cmd
