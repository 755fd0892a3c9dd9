# shellcheck shell=bash
# Sourced by .ci/run: makes sure Debian's Chromium is at /usr/bin/chromium for the browser test suites
# (test/browser/), installing it with apt when it is missing. No browser is ever downloaded from elsewhere.

ci_chromium_install() {
  [ -x /usr/bin/chromium ] && return 0
  echo "chromium.sh: installing Chromium with apt" >&2
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium || return 1
  [ -x /usr/bin/chromium ]
}

ci_chromium_install || { echo "chromium.sh: Chromium could not be installed; the browser suites cannot run" >&2; return 1 2>/dev/null || exit 1; }
# In CI the browser suites must run: a missing browser is a failure, not a skip.
export REQUIRE_CHROMIUM=1
