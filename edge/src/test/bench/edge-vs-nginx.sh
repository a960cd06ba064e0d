#!/usr/bin/env bash
# Edge vs nginx load runs (docs/benchmarks.md, "Edge"). Needs nginx, h2load (nghttp2-client), bc.
#   edge-vs-nginx.sh serve [-Dedge.key=value ...]  fresh 10-host setup: broker, edge, nginx, warm-up
#   edge-vs-nginx.sh keepalive [runs]              keep-alive HTTP/1.1 302s: nginx then edge, per run
#   edge-vs-nginx.sh h2                            keep-alive HTTP/2 302s: nginx then edge
#   edge-vs-nginx.sh handshakes                    one request per connection (full TLS 1.3 handshakes)
#   edge-vs-nginx.sh cpu                           CPU seconds of edge JVM, broker and nginx per 200,000 requests
#   edge-vs-nginx.sh hosts                         100,000 hosts: start-up, heap, cold/hot handshake latency
#   edge-vs-nginx.sh stop
# Run from the repository root after:
#   (cd edge && ../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test && ../mvnw -B -o -q test-compile)
set -euo pipefail
DIR=${BENCH_DIR:-/tmp/edge-bench}
N=${N:-200000}
EDGE_DIR=$(cd "$(dirname "$0")/../../.." && pwd)
CP="$EDGE_DIR/target/test-classes:$EDGE_DIR/target/classes:$(cat "$EDGE_DIR/target/bench.cp")"
MAIN=io.waymark.edge.bench.EdgeBench

stop() {
  pkill -f "$MAIN serve" || true
  pkill -f "nginx -c $DIR" || true
  sleep 3
}

rate() { sed -E 's/.*, ([0-9.]+) req\/s.*/\1/'; }
load() { uptime | sed 's/.*average: //'; }
h1() { h2load --h1 -n "$1" -c 32 --connect-to="127.0.0.1:$2" "https://h0.bench.example:$2/c/$(cat "$DIR/small/h0-click.txt")" "${@:3}" | grep -E "finished in|status codes" | tr '\n' ' '; }

case "${1:-}" in
  serve)
    stop
    rm -rf "$DIR/small" && mkdir -p "$DIR/small"
    nohup java -Xms512m -Xmx1g "${@:2}" -cp "$CP" $MAIN serve "$DIR/small" 10 28443 28080 > "$DIR/serve.log" 2>&1 &
    for _ in $(seq 300); do grep -q READY "$DIR/serve.log" && break; sleep 1; done
    grep READY "$DIR/serve.log"
    nohup nginx -c "$DIR/small/nginx/nginx.conf" -p "$DIR/small/nginx" -g 'daemon off;' > /dev/null 2>&1 &
    sleep 1
    # JIT warm-up of the edge, not counted
    h1 100000 28443 > /dev/null; h1 100000 28443 > /dev/null
    echo "warmed up; load $(load)"
    ;;
  keepalive)
    for run in $(seq "${2:-3}"); do
      before=$(load); n=$(h1 "$N" 29443); e=$(h1 "$N" 28443)
      echo "run $run nginx: $n"; echo "run $run edge:  $e"
      echo "run $run edge/nginx $(echo "scale=3; $(echo "$e" | rate) / $(echo "$n" | rate)" | bc)  load $before -> $(load)"
    done
    ;;
  h2)
    T=$(cat "$DIR/small/h0-click.txt")
    for port in 29443 28443; do
      h2load -n "$N" -c 8 -m 16 --connect-to="127.0.0.1:$port" "https://h0.bench.example:$port/c/$T" | grep -E "finished in|status codes" | tr '\n' ' '; echo " (port $port)"
    done
    ;;
  handshakes)
    for port in 29443 28443; do
      echo "port $port: $(h1 6000 $port -H 'Connection: close')"
    done
    ;;
  cpu)
    HZ=$(getconf CLK_TCK)
    cpu() { local t=0 s; for p in "$@"; do s=($(cut -d' ' -f14,15 "/proc/$p/stat")); t=$((t + s[0] + s[1])); done; echo $t; }
    EDGE=$(pgrep -f "$MAIN serve"); BROKER=$(pgrep -f kafka.Kafka | head -1); NGINX=$(pgrep -f 'nginx: worker' | tr '\n' ' ')
    for port in 28443 29443; do
      e0=$(cpu $EDGE); b0=$(cpu $BROKER); n0=$(cpu $NGINX)
      out=$(h1 "$N" $port)
      e1=$(cpu $EDGE); b1=$(cpu $BROKER); n1=$(cpu $NGINX)
      echo "port $port: $out| CPU ms: edge JVM $(( (e1-e0)*1000/HZ )), broker $(( (b1-b0)*1000/HZ )), nginx $(( (n1-n0)*1000/HZ ))"
    done
    ;;
  hosts)
    stop
    rm -rf "$DIR/big" && mkdir -p "$DIR/big"
    echo "load $(load)"
    nohup java -Xms512m -Xmx1g -Dbench.nginx-certs=true -cp "$CP" $MAIN serve "$DIR/big" 100000 38443 38080 > "$DIR/big-serve.log" 2>&1 &
    for _ in $(seq 900); do grep -q READY "$DIR/big-serve.log" && break; sleep 1; done
    grep -E "published|READY" "$DIR/big-serve.log" | tail -2
    echo "edge RSS MiB $(( $(ps -o rss= -p "$(pgrep -f "$MAIN serve")") / 1024 ))"
    t0=$(date +%s.%N)
    nohup nginx -c "$DIR/big/nginx/nginx.conf" -p "$DIR/big/nginx" -g 'daemon off;' > /dev/null 2>&1 &
    until (echo > /dev/tcp/127.0.0.1/39444) 2> /dev/null; do sleep 0.05; done
    echo "nginx (certificate files by SNI) listening after $(echo "$(date +%s.%N) - $t0" | bc) s"
    echo "== edge"; java -cp "$CP" $MAIN probe 38443 "$DIR/big/root.pem" 3001 2000 2000
    echo "== nginx"; java -cp "$CP" $MAIN probe 39444 "$DIR/big/root.pem" 5001 2000 2000
    echo "load $(load)"
    stop
    ;;
  stop) stop ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
