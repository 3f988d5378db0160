#!/bin/sh
# A local PostgreSQL server in a folder of your choice, for trying the
# PostgreSQL store and for the tests. It listens on a Unix socket in the
# folder only (no network) and trusts whoever reaches that socket, so DIR
# is made private to the server's user (chmod 700). Its data stays in
# DIR/data until you delete the folder.
#
#   sh scripts/pg-local.sh start DIR   start it (creating it the first time); prints the store URL
#   sh scripts/pg-local.sh url DIR     print the store URL
#   sh scripts/pg-local.sh stop DIR    stop it
#
# Needs Debian's postgresql package (installed by the script when missing).
# PostgreSQL refuses to run as root: run as root, the server runs as the
# user "postgres" and DIR is given to that user.
set -eu
usage() { echo "usage: sh scripts/pg-local.sh start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

# pg_bin finds the server's programs: on PATH, or Debian's newest.
pg_bin() {
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v pg_ctl)")"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	return 1
}

# as_server runs a command as the user the server runs as.
as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

sock() { echo "$dir/socket"; }
url() { echo "postgres:///parallax?host=$(sock)&user=parallax"; }

case "$cmd" in
start)
	if ! bin=$(pg_bin); then
		. "$(dirname "$0")/lib.sh"
		need_packages postgresql
		bin=$(pg_bin) || { echo "pg-local: no PostgreSQL server programs found after installing postgresql" >&2; exit 1; }
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# The server trusts whoever reaches its socket: only its owner may.
	chmod 700 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || { echo "pg-local: run as root, but there is no user postgres to run the server as" >&2; exit 1; }
		chown postgres "$dir"
		if ! runuser -u postgres -- test -w "$dir"; then
			echo "pg-local: the user postgres cannot reach $dir (a folder on its way is closed to it); choose a folder under /tmp or /srv" >&2
			exit 1
		fi
	fi
	if [ ${#dir} -gt 80 ]; then
		echo "pg-local: $dir is too long a path for a Unix socket; choose a shorter one" >&2
		exit 1
	fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		# A UTF-8 character type, so that pg_trgm makes trigrams of
		# Cyrillic and Arabic letters too (under the C locale it drops them).
		as_server "$bin/initdb" -D "$dir/data" -U parallax --auth-local=trust --auth-host=scram-sha-256 \
			--encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; echo "pg-local: initdb failed" >&2; exit 1; }
	fi
	as_server mkdir -p "$(sock)"
	if ! as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-k $(sock) -c listen_addresses=''" start >/dev/null ||
			{ tail -n 20 "$dir/server.log" >&2; echo "pg-local: the server did not start" >&2; exit 1; }
	fi
	# The database and the trigram extension the store needs.
	if ! "$bin/psql" -h "$(sock)" -U parallax -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'parallax'" | grep -q 1; then
		"$bin/createdb" -h "$(sock)" -U parallax parallax
	fi
	PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h "$(sock)" -U parallax -d parallax -qc "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
	url
	;;
stop)
	bin=$(pg_bin) || { echo "pg-local: no PostgreSQL server programs found" >&2; exit 1; }
	dir=$(cd "$dir" && pwd)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	fi
	;;
url)
	dir=$(cd "$dir" && pwd)
	url
	;;
*) usage ;;
esac
