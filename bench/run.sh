#!/usr/bin/env sh
# Benchmarks of the whole suite: bench/run.sh [--quick]. Builds what is missing, installs wrk when it
# is absent (Debian/Ubuntu, as root), then runs bench/Bench.java: the suite through the launcher with
# the arXiv stand-in, a seeded data set, every scenario under wrk; prints a markdown table and (full
# runs only) rewrites bench/RESULTS.md. --quick: small data, 3 s per scenario, no figure asserted.
set -eu
cd "$(dirname "$0")/.."
. tools/ensure-built.sh

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench/run.sh needs wrk (apt-get install wrk)" >&2
    exit 1
  fi
fi

exec "$JAVA" -cp "launcher/target/launcher.jar:launcher/target/lib/*" bench/Bench.java "$@"
