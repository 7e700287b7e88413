# shellcheck shell=bash
# PostgreSQL for tests: find one, or start a throwaway cluster, and export TEST_DATABASE_URL.
#
# Source this file, then call `ensure_postgres`. It tries, in order:
#   1. TEST_DATABASE_URL, when set (an admin URL: tests create and drop yw_test_* databases
#      through it). If it is set but unusable, that is an error, never a silent fall-through.
#   2. The server at 127.0.0.1:5432 (user postgres, database postgres, no password), when it
#      answers and accepts that login.
#   3. A throwaway cluster in a temporary directory, when initdb and pg_ctl are installed
#      (on PATH or under /usr/lib/postgresql/*/bin). It listens on 127.0.0.1 on a free port,
#      and is stopped and deleted when the calling script exits (see pg_cleanup below).
#
# Knob: YW_TEST_PG=auto (default) | url | local | throwaway | none
#   url        only option 1;   local      only option 2;
#   throwaway  only option 3;   none       behave as if no PostgreSQL were available.
#
# On success ensure_postgres returns 0 and sets:
#   TEST_DATABASE_URL (exported)  the admin URL
#   PG_HOW                        how it was found, for headers (no passwords)
# Otherwise it sets PG_WHY_NOT to the reasons, one per line, and returns 1 when no PostgreSQL
# was found, or 2 when the configuration is wrong (TEST_DATABASE_URL set but unusable, or an
# unknown YW_TEST_PG): callers should fail then, CI or not.
#
# The throwaway cluster is cleaned up by pg_cleanup. ensure_postgres installs it as the
# EXIT trap (and turns INT/TERM into exits) only if the caller has no EXIT trap of its own;
# a caller with its own EXIT trap must call pg_cleanup from it.

# shellcheck disable=SC2034 # PG_HOW and PG_WHY_NOT are for the caller
PG_HOW=""
PG_WHY_NOT=""
PG_TMP=""        # throwaway cluster: temporary directory (data/, socket, log)
PG_CTL_BIN=""    # throwaway cluster: pg_ctl used to start it

pg_log() { printf '[pg] %s\n' "$*" >&2; }

# Prints URL with any user:password and password= parameter hidden.
pg_redact_url() {
    printf '%s\n' "$1" | sed -E 's#^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@#\1***@#; s#([?&]password=)[^&]*#\1***#g'
}

# Prints TEXT with the password of URL (if any) hidden, for error messages that may quote it.
pg_scrub() {
    local text=$1 url=$2 pw
    pw=$(printf '%s\n' "$url" | sed -nE 's#^[A-Za-z][A-Za-z0-9+.-]*://[^:@/]*:([^@/]*)@.*#\1#p')
    [[ -n $pw ]] && text=${text//"$pw"/***}
    pw=$(printf '%s\n' "$url" | sed -nE 's#.*[?&]password=([^&]*).*#\1#p')
    [[ -n $pw ]] && text=${text//"$pw"/***}
    printf '%s\n' "$text"
}

# Prints the path of a PostgreSQL program: from PATH, else the newest /usr/lib/postgresql/*/bin
# (Debian, Ubuntu), /usr/pgsql-*/bin (RHEL), /usr/local/pgsql/bin. Returns 1 if not found.
pg_find_bin() {
    local name=$1 dir
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return 0
    fi
    while IFS= read -r dir; do
        if [[ -x "$dir/$name" ]]; then
            printf '%s\n' "$dir/$name"
            return 0
        fi
    done < <(
        # shellcheck disable=SC2012
        ls -d /usr/lib/postgresql/*/bin /usr/pgsql-*/bin 2>/dev/null | sort -t/ -k4 -Vr
        echo /usr/local/pgsql/bin
    )
    return 1
}

# Returns 0 if something accepts PostgreSQL connections at HOST:PORT.
pg_reachable() {
    local host=$1 port=$2 isready
    if isready=$(pg_find_bin pg_isready); then
        "$isready" -q -h "$host" -p "$port" -t 3 >/dev/null 2>&1
        return
    fi
    if command -v timeout >/dev/null 2>&1; then
        timeout 3 bash -c ": </dev/tcp/$host/$port" >/dev/null 2>&1
    else
        (: <"/dev/tcp/$host/$port") >/dev/null 2>&1
    fi
}

# Returns 0 if URL accepts a login whose role may create databases. Without psql this cannot
# be checked; it then returns 0 and says so.
pg_can_use() {
    local url=$1 psql out
    if ! psql=$(pg_find_bin psql); then
        pg_log "psql not installed: cannot check the login for $(pg_redact_url "$url"); trying it anyway"
        return 0
    fi
    out=$(PGCONNECT_TIMEOUT=5 "$psql" -w -X -Atq -d "$url" \
        -c "select rolcreatedb or rolsuper from pg_roles where rolname = current_user" 2>&1) || {
        PG_LAST_ERROR=$(pg_scrub "$(printf '%s' "$out" | head -n 3)" "$url")
        return 1
    }
    if [[ $out != t ]]; then
        PG_LAST_ERROR="the login may not create databases"
        return 1
    fi
}

# Prints a free TCP port on 127.0.0.1 (best effort: nothing answers there right now).
pg_free_port() {
    local port _
    for _ in $(seq 1 50); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! (: <"/dev/tcp/127.0.0.1/$port") >/dev/null 2>&1; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    return 1
}

# Runs a command as the owner of the throwaway cluster: ourselves, or the postgres OS user
# when we are root (initdb and postgres refuse to run as root).
pg_as_owner() {
    if [[ $EUID -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

# Starts a throwaway cluster. Returns 1 (with PG_LAST_ERROR) if it cannot.
pg_start_throwaway() {
    local initdb port attempt base out
    if ! initdb=$(pg_find_bin initdb) || ! PG_CTL_BIN=$(pg_find_bin pg_ctl); then
        PG_LAST_ERROR="initdb/pg_ctl not installed (looked on PATH and under /usr/lib/postgresql/*/bin)"
        return 1
    fi
    base=${TMPDIR:-/tmp}
    if [[ $EUID -eq 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            PG_LAST_ERROR="running as root and there is no 'postgres' OS user to run initdb as"
            return 1
        fi
        if ! command -v runuser >/dev/null 2>&1 && ! command -v su >/dev/null 2>&1; then
            PG_LAST_ERROR="running as root and neither runuser nor su is available to run initdb as postgres"
            return 1
        fi
        base=/tmp # must be reachable by the postgres user
    fi
    # Short path: the Unix socket lives here, and socket paths are limited to ~100 bytes.
    if ! PG_TMP=$(mktemp -d "$base/yw-pg.XXXXXX") || ! mkdir -m 700 "$PG_TMP/data"; then
        PG_LAST_ERROR="cannot create a temporary directory under $base"
        return 1
    fi
    if [[ $EUID -eq 0 ]] && ! chown -R postgres: "$PG_TMP"; then
        PG_LAST_ERROR="cannot give $PG_TMP to the postgres user"
        return 1
    fi

    pg_log "initdb ($initdb) in $PG_TMP/data"
    if ! out=$(pg_as_owner "$initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync 2>&1); then
        PG_LAST_ERROR="initdb failed: $(printf '%s' "$out" | tail -n 5)"
        return 1
    fi
    for attempt in 1 2 3 4 5; do
        port=$(pg_free_port) || break
        # fsync off and friends: the cluster is thrown away, speed matters more than durability.
        # max_connections: each test's pool may hold 8 connections, and tests run in parallel.
        if pg_as_owner "$PG_CTL_BIN" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 \
            -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
            PG_HOW="throwaway cluster in $PG_TMP, port $port, $("$initdb" --version 2>/dev/null | sed 's/^initdb (PostgreSQL) /PostgreSQL /')"
            return 0
        fi
        pg_log "start on port $port failed (attempt $attempt); log tail:"
        tail -n 5 "$PG_TMP/log" >&2 2>/dev/null || true
    done
    PG_LAST_ERROR="pg_ctl could not start the throwaway cluster (log: $PG_TMP/log)"
    return 1
}

# Stops and deletes the throwaway cluster, if one was started. Safe to call more than once.
pg_cleanup() {
    if [[ -n $PG_TMP && -d $PG_TMP ]]; then
        if [[ -n $PG_CTL_BIN && -f $PG_TMP/data/postmaster.pid ]]; then
            pg_as_owner "$PG_CTL_BIN" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_TMP"
        pg_log "throwaway cluster stopped and deleted"
    fi
    PG_TMP=""
}

pg_install_cleanup_trap() {
    if [[ -z $(trap -p EXIT) ]]; then
        trap pg_cleanup EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
    fi
}

ensure_postgres() {
    local mode=${YW_TEST_PG:-auto} local_url="postgres://postgres@127.0.0.1:5432/postgres"
    PG_HOW="" PG_WHY_NOT="" PG_LAST_ERROR=""
    case $mode in
        auto | url | local | throwaway | none) ;;
        *)
            PG_WHY_NOT="YW_TEST_PG=$mode is not one of auto, url, local, throwaway, none"
            return 2
            ;;
    esac
    if [[ $mode == none ]]; then
        unset TEST_DATABASE_URL
        PG_WHY_NOT="YW_TEST_PG=none: PostgreSQL deliberately not used"
        return 1
    fi

    # 1. TEST_DATABASE_URL
    if [[ $mode == auto || $mode == url ]]; then
        if [[ -n ${TEST_DATABASE_URL:-} ]]; then
            if pg_can_use "$TEST_DATABASE_URL"; then
                export TEST_DATABASE_URL
                PG_HOW="TEST_DATABASE_URL=$(pg_redact_url "$TEST_DATABASE_URL")"
                return 0
            fi
            # Explicitly configured but broken: report it rather than quietly testing elsewhere.
            PG_WHY_NOT="TEST_DATABASE_URL=$(pg_redact_url "$TEST_DATABASE_URL") is set but unusable: $PG_LAST_ERROR"
            return 2
        fi
        PG_WHY_NOT+="TEST_DATABASE_URL is not set"$'\n'
    fi
    unset TEST_DATABASE_URL

    # 2. The server at 127.0.0.1:5432
    if [[ $mode == auto || $mode == local ]]; then
        if ! pg_reachable 127.0.0.1 5432; then
            PG_WHY_NOT+="nothing answers at 127.0.0.1:5432"$'\n'
        elif ! pg_can_use "$local_url"; then
            PG_WHY_NOT+="127.0.0.1:5432 answers but $(pg_redact_url "$local_url") is not usable: $PG_LAST_ERROR"$'\n'
        else
            export TEST_DATABASE_URL=$local_url
            PG_HOW="server at 127.0.0.1:5432"
            return 0
        fi
    fi

    # 3. A throwaway cluster
    if [[ $mode == auto || $mode == throwaway ]]; then
        pg_install_cleanup_trap
        if pg_start_throwaway; then
            return 0
        fi
        PG_WHY_NOT+="no throwaway cluster: $PG_LAST_ERROR"$'\n'
        pg_cleanup
    fi
    PG_WHY_NOT=${PG_WHY_NOT%$'\n'}
    return 1
}
