#!/usr/bin/env sh
# Run by ./mvnw verify before the e2e tests (e2e/pom.xml): AlertRulesIT checks and unit-tests the alert
# rules of deploy/prometheus with promtool, from Debian's "prometheus" package. On a fresh Debian/Ubuntu
# machine, as root, it is installed here; otherwise this says what is missing (and AlertRulesIT fails).
set -eu
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing promtool (Debian package prometheus) for the alert rule tests ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  exit 0
fi
echo "Missing for the alert rule tests: promtool (apt-get install prometheus), or AlertRulesIT fails" >&2
