# shellcheck shell=bash
# Sourced by .ci/run: starts a private PostgreSQL 15 cluster for the server test suites and exports
# TEST_DATABASE_URL. The cluster lives in a temporary directory and is stopped (and removed) on exit.
# Installs PostgreSQL 15 with apt first when it is missing. Leaves the caller's shell options alone.
# A TEST_DATABASE_URL that is already set is kept (a server provided from outside).

ci_postgres_bin=${CI_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

ci_postgres_install() {
  [ -x "$ci_postgres_bin/initdb" ] && return 0
  echo "postgres.sh: installing PostgreSQL 15 with apt" >&2
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # No default cluster on port 5432: we run our own.
  $sudo mkdir -p /etc/postgresql-common || return 1
  grep -qs '^create_main_cluster = false' /etc/postgresql-common/createcluster.conf ||
    echo 'create_main_cluster = false' | $sudo tee -a /etc/postgresql-common/createcluster.conf >/dev/null || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 || return 1
  [ -x "$ci_postgres_bin/initdb" ]
}

# Runs a PostgreSQL binary as the cluster owner: initdb refuses root, so root hands over to `postgres`.
ci_postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ci_postgres_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

ci_postgres_stop() {
  [ -n "${ci_postgres_dir:-}" ] || return 0
  ci_postgres_as_owner "$ci_postgres_bin/pg_ctl" -D "$ci_postgres_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$ci_postgres_dir"
  ci_postgres_dir=
}

ci_postgres_start() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    echo "postgres.sh: TEST_DATABASE_URL already set; not starting a cluster" >&2
    return 0
  fi
  ci_postgres_install || { echo "postgres.sh: could not install PostgreSQL 15" >&2; return 1; }

  # /tmp is world-traversable; the directory itself must belong to the cluster owner.
  ci_postgres_dir=$(mktemp -d /tmp/ci-postgres.XXXXXX) || return 1
  chmod 755 "$ci_postgres_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$ci_postgres_dir"

  # Chain onto whatever EXIT trap the caller already has.
  local previous
  previous=$(trap -p EXIT)
  previous=$(eval "set -- $previous"; printf '%s' "${3:-}")
  # shellcheck disable=SC2064
  trap "ci_postgres_stop; $previous" EXIT

  ci_postgres_as_owner "$ci_postgres_bin/initdb" -D "$ci_postgres_dir/data" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$ci_postgres_dir/initdb.log" 2>&1 || { cat "$ci_postgres_dir/initdb.log" >&2; return 1; }

  local port attempt
  for attempt in 1 2 3; do
    port=$(ci_postgres_free_port) || return 1
    if ci_postgres_as_owner "$ci_postgres_bin/pg_ctl" -D "$ci_postgres_dir/data" -l "$ci_postgres_dir/server.log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $ci_postgres_dir -c max_connections=200" start >/dev/null; then
      local user
      if [ "$(id -u)" -eq 0 ]; then user=postgres; else user=$(id -un); fi
      export TEST_DATABASE_URL="postgres://$user@127.0.0.1:$port/postgres"
      echo "postgres.sh: PostgreSQL 15 on 127.0.0.1:$port (TEST_DATABASE_URL=$TEST_DATABASE_URL)" >&2
      return 0
    fi
    echo "postgres.sh: start on port $port failed (attempt $attempt)" >&2
    tail -n 5 "$ci_postgres_dir/server.log" >&2 2>/dev/null
  done
  return 1
}

ci_postgres_start || { echo "postgres.sh: PostgreSQL could not be started" >&2; return 1 2>/dev/null || exit 1; }
