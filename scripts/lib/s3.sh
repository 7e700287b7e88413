# shellcheck shell=bash
# S3-compatible object storage for tests: use the one given, or start moto's server, and export
# TEST_S3_ENDPOINT for the tests of the S3 file store (crates/applications/tests/it/files_s3.rs).
#
# Source this file, then call `ensure_s3`. It tries, in order:
#   1. TEST_S3_ENDPOINT, when set (e.g. http://127.0.0.1:9000, a MinIO or moto the caller runs).
#      If it is set but nothing answers there, that is an error, never a silent fall-through.
#   2. moto in server mode (PyPI `moto[server]`, pinned below), installed on first use into a
#      virtual environment under target/venv-moto and started on a free port of 127.0.0.1. It
#      accepts any credentials and keeps everything in memory; s3_cleanup stops it.
# Nothing is created on the server: each test creates its own bucket.
#
# Knob: YW_TEST_S3=auto (default) | url | moto | none
#   url   only option 1;   moto   only option 2;   none   behave as if no S3 were available.
#
# On success ensure_s3 returns 0 and sets TEST_S3_ENDPOINT (exported) and S3_HOW (for headers).
# Otherwise it sets S3_WHY_NOT and returns 1 (none found) or 2 (misconfigured: callers should
# fail then, CI or not). The caller must call s3_cleanup on exit (scripts/test does, from its
# EXIT trap).

# shellcheck disable=SC2034 # S3_HOW and S3_WHY_NOT are for the caller (whole file)
MOTO_VERSION=5.2.5
S3_HOW=""
S3_WHY_NOT=""
S3_PID=""   # the moto server started here
S3_LOG=""   # its log file

s3_log() { printf '[s3] %s\n' "$*" >&2; }

# Returns 0 if an HTTP server answers at URL (any status: S3 answers 403 or 404 to a bare GET).
s3_answers() {
    local url=$1 hostport host port
    hostport=${url#*://}
    hostport=${hostport%%/*}
    host=${hostport%:*}
    port=${hostport##*:}
    [[ $port == "$hostport" ]] && port=80
    if command -v timeout >/dev/null 2>&1; then
        timeout 3 bash -c ": </dev/tcp/$host/$port" >/dev/null 2>&1
    else
        (: <"/dev/tcp/$host/$port") >/dev/null 2>&1
    fi
}

# Installs moto into the virtual environment if it is not there yet. Prints the server's path.
s3_install_moto() {
    local venv=$1
    if [[ -x $venv/bin/moto_server ]] &&
        [[ $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null) == "$MOTO_VERSION" ]]; then
        printf '%s\n' "$venv/bin/moto_server"
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || {
        S3_WHY_NOT="python3 is not installed (needed for moto)"
        return 1
    }
    s3_log "installing moto[server]==$MOTO_VERSION from PyPI into $venv"
    python3 -m venv "$venv" >/dev/null 2>&1 || {
        S3_WHY_NOT="python3 -m venv failed (install Debian's python3-venv)"
        return 1
    }
    "$venv/bin/pip" install -q "moto[server]==$MOTO_VERSION" >&2 || {
        S3_WHY_NOT="pip install moto[server]==$MOTO_VERSION failed (is PyPI reachable?)"
        return 1
    }
    printf '%s\n' "$venv/bin/moto_server"
}

# Starts moto on a free port of 127.0.0.1 and waits until it answers.
s3_start_moto() {
    local server port _
    server=$(s3_install_moto "${S3_VENV:-$PWD/target/venv-moto}") || return 1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])') || {
        S3_WHY_NOT="could not find a free port"
        return 1
    }
    S3_LOG=$(mktemp "${TMPDIR:-/tmp}/yw-moto.XXXXXX")
    "$server" -H 127.0.0.1 -p "$port" >"$S3_LOG" 2>&1 &
    S3_PID=$!
    for _ in $(seq 1 100); do
        if s3_answers "http://127.0.0.1:$port"; then
            export TEST_S3_ENDPOINT="http://127.0.0.1:$port"
            S3_HOW="moto $MOTO_VERSION at $TEST_S3_ENDPOINT"
            return 0
        fi
        if ! kill -0 "$S3_PID" 2>/dev/null; then
            S3_WHY_NOT="moto exited at start: $(tail -n 5 "$S3_LOG")"
            S3_PID=""
            return 1
        fi
        sleep 0.1
    done
    S3_WHY_NOT="moto did not answer on port $port within 10 s (log: $S3_LOG)"
    s3_cleanup
    return 1
}

# Stops the moto server started here, if any. Safe to call more than once.
s3_cleanup() {
    if [[ -n $S3_PID ]]; then
        kill "$S3_PID" 2>/dev/null || true
        wait "$S3_PID" 2>/dev/null || true
        s3_log "moto stopped"
    fi
    [[ -n $S3_LOG ]] && rm -f "$S3_LOG"
    S3_PID="" S3_LOG=""
}

ensure_s3() {
    local mode=${YW_TEST_S3:-auto}
    S3_HOW="" S3_WHY_NOT=""
    case $mode in
        auto | url | moto | none) ;;
        *)
            S3_WHY_NOT="YW_TEST_S3=$mode is not one of auto, url, moto, none"
            return 2
            ;;
    esac
    if [[ $mode == none ]]; then
        unset TEST_S3_ENDPOINT
        S3_WHY_NOT="YW_TEST_S3=none: S3 deliberately not used"
        return 1
    fi
    if [[ $mode == auto || $mode == url ]] && [[ -n ${TEST_S3_ENDPOINT:-} ]]; then
        if s3_answers "$TEST_S3_ENDPOINT"; then
            export TEST_S3_ENDPOINT
            S3_HOW="TEST_S3_ENDPOINT=$TEST_S3_ENDPOINT"
            return 0
        fi
        S3_WHY_NOT="TEST_S3_ENDPOINT=$TEST_S3_ENDPOINT is set but nothing answers there"
        return 2
    fi
    unset TEST_S3_ENDPOINT
    if [[ $mode == url ]]; then
        S3_WHY_NOT="YW_TEST_S3=url but TEST_S3_ENDPOINT is not set"
        return 1
    fi
    s3_start_moto
}
