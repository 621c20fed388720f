#!/bin/bash
# The dashboard latency benchmark of docs/benchmarks.md: serves the index built by
# `DashboardBench build` (BENCH_DIR, default target/dash-bench), measures entering -> searchable with
# PROBES articles, warms up until the JIT has settled, then runs wrk at 32 clients and at 1 client
# on each endpoint, printing p50/p90/p99, requests/s, the server's CPU per request and the CPU
# other processes used meanwhile. q-mix and range-mix (search-mix.lua) ask searches no earlier
# request asked, so no kept page answers them; ENDPOINTS (default: all seven) names the endpoints
# to warm up and run.
# Run it from the dashboard module after test-compile + dependency:build-classpath (target/cp.txt),
# with nothing else running on the machine: dashboard/src/test/bench/serve-and-measure.sh LABEL 300
# usage: serve-and-measure.sh LABEL PROBES [extra java options]
set -uf  # -f: the URLs hold "?", which must never glob
LABEL=$1; PROBES=$2; shift 2
cd "$(dirname "$0")/../../.."
CP=target/classes:target/test-classes:$(cat target/cp.txt)
OUT=${BENCH_OUT:-target/dash-results}/$LABEL; mkdir -p $OUT
echo "uptime before: $(uptime)" | tee $OUT/uptime.txt
java -Xmx1g "$@" -cp "$CP" thesiswatch.dashboard.bench.DashboardBench serve ${BENCH_DIR:-target/dash-bench} 18931 $PROBES 600 > $OUT/serve.log 2>&1 &
PID=$!
for i in $(seq 1 240); do grep -q "serving for" $OUT/serve.log && break; sleep 1; done; grep -q "serving for" $OUT/serve.log || { echo "probes did not finish"; kill $PID; exit 1; }
grep "entering" $OUT/serve.log
B=http://127.0.0.1:18931
declare -A URLS=(
 [trends-day]="$B/api/trends?theme=layoffs&interval=day"
 [trends-hour]="$B/api/trends?theme=layoffs&interval=hour"
 [newest]="$B/api/articles?theme=layoffs&limit=20"
 [q-layoffs]="$B/api/articles?q=layoffs&limit=20"
 [q-zh]="$B/api/articles?q=%E8%A3%81%E5%91%98&limit=20"
)
ENDPOINTS=${ENDPOINTS:-trends-day trends-hour newest q-layoffs q-zh q-mix range-mix}
# wrk's arguments for endpoint $1 after its options: the URL, or the mix's script, the server, the
# run's nanoseconds and the mix's mode.
target() {
  case $1 in
    q-mix) echo "-s src/test/bench/search-mix.lua $B -- $(date +%N) text" ;;
    range-mix) echo "-s src/test/bench/search-mix.lua $B -- $(date +%N) range" ;;
    *) echo "${URLS[$1]}" ;;
  esac
}
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
allticks() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
run() { # name conns threads secs
  local k=$1 c=$2 t=$3 d=$4
  local p0=$(ticks) a0=$(allticks)
  /usr/bin/time -f "%U %S" -o $OUT/wrktime wrk -t$t -c$c -d${d}s --latency $(target $k) > $OUT/$k-$c.txt
  local p1=$(ticks) a1=$(allticks)
  local req=$(awk '/requests in/{print $1}' $OUT/$k-$c.txt)
  local wrkcpu=$(awk '{print ($1+$2)*100}' $OUT/wrktime)
  echo "== $k c=$c: $(grep -E '^\s+(50|90|99)%' $OUT/$k-$c.txt | tr -s ' ' | tr '\n' ' ') $(grep Requests/sec $OUT/$k-$c.txt) $(grep -E 'Socket|Non-2xx' $OUT/$k-$c.txt)" | tee -a $OUT/summary.txt
  awk -v p=$((p1-p0)) -v a=$((a1-a0)) -v w=$wrkcpu -v r=$req -v d=$d 'BEGIN{printf "   server CPU %.3f ms/request (%.2f cores); wrk %.2f cores; others %.2f cores\n", p*10/r, p/100/d, w/100/d, (a-p-w)/100/d}' | tee -a $OUT/summary.txt
}
t0=$(ticks); sleep 10; t1=$(ticks); echo "idle server CPU after probes: $(( (t1-t0)*10 )) ms in 10 s" | tee -a $OUT/summary.txt
# Warm-up: WARM_ROUNDS (default 8) rounds over every endpoint, then up to 60 s for the JIT to
# settle. C2 goes on compiling, on a whole core, for about a minute after load starts (and again
# when the load changes); measured before it is done, every endpoint pays for it (the tail above
# all). What is measured is the steady state.
for round in $(seq 1 ${WARM_ROUNDS:-8}); do
  for k in $ENDPOINTS; do wrk -t2 -c16 -d5s $(target $k) > /dev/null; done
done
echo "JIT after the warm-up: $(jstat -compiler $PID | tail -1 | awk '{print $1 " methods compiled, " $4 " s compiling"}')" | tee -a $OUT/summary.txt
for i in $(seq 1 12); do
  t0=$(ticks); sleep 5; t1=$(ticks)
  echo "idle server CPU after warm-up: $(( (t1-t0)*10 )) ms in 5 s" | tee -a $OUT/summary.txt
  [ $((t1-t0)) -lt 25 ] && break
done
for k in $ENDPOINTS; do run $k 32 4 15; done
for k in $ENDPOINTS; do run $k 1 1 8; done
t0=$(ticks); sleep 5; t1=$(ticks); echo "idle server CPU at the end: $(( (t1-t0)*10 )) ms in 5 s" | tee -a $OUT/summary.txt
echo "uptime after: $(uptime)" | tee -a $OUT/uptime.txt
kill $PID; wait $PID
