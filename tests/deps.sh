#!/bin/sh
# Installs the Debian packages hpreport needs when any is missing.
#   tests/deps.sh build   what building and rendering need (make demo)
#   tests/deps.sh check   that, and what the tests need (make check)
#   tests/deps.sh fuzz    that, and clang for the fuzz targets (make fuzz)
#   tests/deps.sh gallery that, python3 and pdftoppm (make gallery)
#   tests/deps.sh bench   that, and Optuna with matplotlib, whose four
#                         figures make bench times beside ours (make bench)
# As root it runs apt-get; otherwise it prints the exact command and fails.
BUILD="build-essential pkg-config libcairo2-dev libpango1.0-dev libfribidi-dev libsqlite3-dev
libcjson-dev libcsv-dev libpng-dev libdeflate-dev liblapacke-dev libopenblas-dev
libpq-dev libmariadb-dev libhiredis-dev libyaml-dev fonts-dejavu-core fonts-noto-cjk
fonts-lmodern fonts-texgyre fonts-liberation"
# cmocka for the unit tests; sqlite3, bc, time and python3 for the scripts;
# chromium (with node, already on the machine) for the browser check;
# xmllint for the SVG checks; poppler-utils' pdfimages for the PDF image
# checks; util-linux's setpriv to test as a non-root user;
# database servers and Optuna with its drivers to write studies into them;
# python3-yaml for the scripts that check the W&B readers against the files;
# poppler-utils' pdffonts for the fonts a PDF embeds.
CHECK="libcmocka-dev sqlite3 bc time python3 chromium libxml2-utils poppler-utils util-linux
postgresql mariadb-server mariadb-client redis-server redis-tools
python3-optuna python3-psycopg2 python3-pymysql python3-redis python3-yaml"
case ${1:-build} in
build) PKGS=$BUILD ;;
check) PKGS="$BUILD $CHECK" ;;
fuzz) PKGS="$BUILD clang libclang-rt-14-dev" ;;
gallery) PKGS="$BUILD python3 poppler-utils" ;;
bench) PKGS="$BUILD python3 bc time python3-optuna python3-matplotlib" ;;
*) echo "usage: tests/deps.sh build|check|fuzz|gallery|bench" >&2; exit 1 ;;
esac
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
