#!/bin/sh
# The training run of the image build (deploy/Dockerfile): the service started once with the image's own
# JVM, class path and JAVA_OPTS, asked what an orchestrator and a scraper ask, then stopped; the JVM writes
# the AOT cache app.aot as it stops (JDK 25, -XX:AOTCacheOutput). There is no database during a build: the
# service starts not ready and tries its schema again, which loads the driver, Flyway and the pools as a
# real start does. A cache that does not match the JVM or the jar at run time is refused by the JVM, which
# then starts without it. Usage: aot-training.sh [directory of quarkus-run.jar, default /deployments]
set -eu
cd "${1:-/deployments}"
port=18080
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java -XX:AOTCacheOutput=app.aot $JAVA_OPTS -Dquarkus.http.port=$port -jar quarkus-run.jar >training.log 2>&1 &
pid=$!
tries=0
until curl -fs -o /dev/null "http://localhost:$port/q/health/live"; do
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
    cat training.log >&2
    echo "aot-training: the service did not start" >&2
    exit 1
  fi
  sleep 0.1
done
for round in 1 2 3 4 5; do
  for path in /q/health/live /q/health/ready /q/metrics /q/openapi /; do
    curl -s -o /dev/null "http://localhost:$port$path" || true
  done
done
kill -TERM "$pid"
wait "$pid" || true
rm -f training.log
test -s app.aot
