#!/usr/bin/env sh
# Run by ./mvnw verify before the e2e tests (e2e/pom.xml): BrowserIT drives the distribution's headless
# Chromium through its chromedriver, and checks accessibility with axe-core, which it fetches with npm
# (e2e/target/axe-core). On a fresh Debian/Ubuntu machine, as root, what is missing is installed here;
# otherwise this says what is missing (and BrowserIT fails, never skips, without it).
set -eu
missing=""
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  missing="chromium chromium-driver"
fi
if ! command -v npm >/dev/null 2>&1; then
  missing="$missing npm"
fi
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the browser tests need ($missing) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "Missing for the browser tests: $missing (install these packages, or BrowserIT fails)" >&2
