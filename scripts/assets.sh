#!/bin/sh
# assets.sh installs the pinned browser libraries from the npm registry
# (web/package-lock.json) and copies their dist files into
# internal/web/static/vendor/, which the binary embeds. Nothing third-party
# is committed; without this step the web app still builds and shows its
# charts as tables.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/web"
if ! command -v npm >/dev/null 2>&1; then
	echo "assets.sh: npm not found; install nodejs and npm (apt-get install -y nodejs npm)" >&2
	exit 1
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
dest="$root/internal/web/static/vendor"
mkdir -p "$dest"
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts.min.js"
cp node_modules/echarts/LICENSE "$dest/echarts.LICENSE.txt"
cp node_modules/echarts/NOTICE "$dest/echarts.NOTICE.txt"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$dest/htmx.LICENSE.txt"
echo "assets.sh: vendor files in $dest"
