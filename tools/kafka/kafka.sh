#!/usr/bin/env bash
# Single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for tests and benchmarks.
#
#   tools/kafka/kafka.sh start|stop|status [--port N] [--data-dir DIR] [--fresh]
#
# Environment (flags win): KAFKA_PORT (default 19092; the controller listens on port+1),
# KAFKA_DATA_DIR (default tools/kafka/.cache/run-<port>), KAFKA_HEAP_OPTS (default
# "-Xms256m -Xmx512m"), KAFKA_START_TIMEOUT_S (default 90).
# See tools/kafka/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
LIBS="$CACHE/libs"
STAMP="$LIBS/.pom.sha256"

usage() {
  echo "usage: $0 start|stop|status [--port N] [--data-dir DIR] [--fresh]" >&2
  exit 64
}

CMD="${1:-}"
[ -n "$CMD" ] || usage
shift
PORT="${KAFKA_PORT:-19092}"
DATA_DIR="${KAFKA_DATA_DIR:-}"
FRESH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --data-dir) DATA_DIR="${2:?--data-dir needs a value}"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --fresh) FRESH=1; shift ;;
    *) echo "kafka.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
case "$PORT" in
  '' | *[!0-9]*) echo "kafka.sh: port must be a number, got '$PORT'" >&2; exit 64 ;;
esac
if [ "$PORT" -lt 1024 ] || [ "$PORT" -gt 65534 ]; then
  echo "kafka.sh: port must be within 1024..65534 (the controller takes port+1), got $PORT" >&2
  exit 64
fi
CONTROLLER_PORT=$((PORT + 1))
DATA_DIR="${DATA_DIR:-$CACHE/run-$PORT}"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
PID_FILE="$DATA_DIR/broker.pid"
LOG_FILE="$DATA_DIR/broker.log"
PROPS="$DATA_DIR/server.properties"
LOG4J="$DATA_DIR/log4j.properties"
LOG_DIRS="$DATA_DIR/kraft-logs"
BROKERS="127.0.0.1:$PORT"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"

log() { echo "kafka.sh: $*" >&2; }

# Resolve the broker jars once per pom content: the stamp holds the pom's hash.
ensure_libs() {
  local want
  want="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    return 0
  fi
  command -v mvn >/dev/null || { log "mvn not found: Maven is needed once to fetch the broker jars"; exit 69; }
  log "resolving Kafka broker jars with Maven into $LIBS (once per pom change)"
  local t0=$SECONDS
  rm -rf "$LIBS"
  # sed: Maven 3.8 prints ANSI colour resets even in batch mode.
  (cd "$HERE" && mvn -q -B dependency:copy-dependencies \
    -DoutputDirectory="$LIBS" -DincludeScope=runtime 2>&1 | sed 's/\x1b\[[0-9;]*m//g') >&2
  echo "$want" >"$STAMP"
  log "jars resolved in $((SECONDS - t0)) s"
}

# A PID only counts if it is still our broker (guards against PID reuse after a crash).
running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

await_ready() {
  local pid="$1" timeout_ms="$2" warm_up="${3:-0}"
  node "$HERE/await-broker.cjs" --brokers "$BROKERS" --timeout-ms "$timeout_ms" --warm-up "$warm_up" ${pid:+--pid "$pid"}
}

log_tail() {
  if [ -f "$LOG_FILE" ]; then
    if grep -qE '^\[[^]]*\] (ERROR|FATAL)' "$LOG_FILE"; then
      echo "---- first errors in $LOG_FILE ----" >&2
      grep -E -A3 '^\[[^]]*\] (ERROR|FATAL)' "$LOG_FILE" | head -n 20 >&2
    fi
    echo "---- last 40 lines of $LOG_FILE ----" >&2
    tail -n 40 "$LOG_FILE" >&2
    echo "----" >&2
  fi
}

write_config() {
  cat >"$PROPS" <<EOF
# Written by tools/kafka/kafka.sh; rewritten at every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$LOG_DIRS
# One node: every internal topic has replication factor 1.
offsets.topic.replication.factor=1
# Fewer offsets/transaction partitions than the default 50: the first consumer group
# or transaction creates them, and 50 costs seconds on a 2-core machine.
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# Tests want consumers to join at once, not after the default 3 s.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=3
delete.topic.enable=true
# Throwaway data: keep it small.
log.retention.hours=24
log.segment.bytes=67108864
EOF
  cat >"$LOG4J" <<'EOF'
# Broker log goes to stdout, which kafka.sh sends to broker.log.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
}

# Random cluster id: 16 random bytes, base64url without padding (what kafka-storage random-uuid prints).
# Like Kafka's Uuid.randomUuid(), never one that starts with '-': kafka-storage's argument parser
# reads `-t -xyz…` as a missing value (one start in 64 failed that way).
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    case "$id" in -*) ;; *) break ;; esac
  done
  echo "$id"
}

format_storage() {
  if [ -f "$LOG_DIRS/meta.properties" ]; then
    return 0
  fi
  log "formatting KRaft storage in $LOG_DIRS"
  java -cp "$LIBS/*" -Dlog4j.configuration="file:$LOG4J" kafka.tools.StorageTool format \
    -t "$(random_cluster_id)" -c "$PROPS" --ignore-formatted >>"$LOG_FILE" 2>&1 || {
    log "kafka-storage format failed"
    log_tail
    exit 1
  }
}

cmd_start() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/kafka-$PORT.lock"
  flock 9 # one start/stop (and one jar resolve) at a time per port
  ensure_libs
  local pid
  if pid="$(running_pid)"; then
    if await_ready "$pid" $((START_TIMEOUT_S * 1000)); then
      log "broker already running (pid $pid) at $BROKERS"
      echo "$BROKERS"
      return 0
    fi
    log "broker pid $pid is running but does not answer at $BROKERS"
    log_tail
    exit 1
  fi
  local p
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      log "port $p on 127.0.0.1 is already taken by another process (not this broker): stop it or use --port"
      exit 1
    fi
  done
  if [ "$FRESH" = 1 ]; then
    rm -rf "$LOG_DIRS"
  fi
  # One run per log file: the previous run's log is kept as broker.log.1.
  [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  write_config
  format_storage
  local t0
  t0=$(date +%s%N)
  # setsid: the broker outlives the shell (and jest) that started it; stop kills it by PID.
  # 9>&- : the broker must not inherit (and so hold) the start lock.
  # shellcheck disable=SC2086
  setsid nohup java $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$LOG4J" -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  if ! await_ready "$pid" $((START_TIMEOUT_S * 1000)) 1; then
    log "broker did not become ready at $BROKERS (pid $pid, log $LOG_FILE)"
    log_tail
    kill "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
    exit 1
  fi
  log "broker ready at $BROKERS (pid $pid) in $((($(date +%s%N) - t0) / 1000000)) ms"
  echo "$BROKERS"
}

cmd_stop() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/kafka-$PORT.lock"
  flock 9
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "no broker running for port $PORT"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  # Controlled shutdown of a single KRaft node takes a few seconds; then force it.
  local i
  for i in $(seq 1 300); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  if [ -d "/proc/$pid" ]; then
    log "broker pid $pid ignored SIGTERM for 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while [ -d "/proc/$pid" ]; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "broker stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)" && await_ready "$pid" 5000; then
    echo "running pid=$pid brokers=$BROKERS data=$DATA_DIR"
    return 0
  fi
  echo "not running (port $PORT, data $DATA_DIR)"
  return 3
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
