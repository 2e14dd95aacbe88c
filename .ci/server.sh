# Sourced by the CI scripts that need a server of their own: start_server NAME [server flags...]
# starts the jar ($JAR) on a free port and returns once /_ec2double/health answers; it sets PORT,
# ENDPOINT, LOG and SERVER, and stops the server when the script exits (printing where its log is).
start_server() {
  local name=$1
  shift
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ENDPOINT=http://127.0.0.1:$PORT
  LOG=$(mktemp "/tmp/ec2d-$name-server.XXXXXX.log")
  java -jar "$JAR" --port "$PORT" "$@" >"$LOG" 2>&1 &
  SERVER=$!
  # the server exits with 143 on SIGTERM: that is its clean stop, not the script's failure
  trap '{ kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; } || true; echo "server log: $LOG"' EXIT
  for _ in $(seq 1 60); do
    curl -fsS "$ENDPOINT/_ec2double/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.5
  done
  echo "the $name server did not answer /_ec2double/health in 30 s" >&2
  cat "$LOG" >&2
  exit 1
}
