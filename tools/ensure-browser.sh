#!/usr/bin/env sh
# Run by ./mvnw verify before the e2e tests (e2e/pom.xml): BrowserIT drives the distribution's headless
# Chromium through its chromedriver. On a fresh Debian/Ubuntu machine, as root, they are installed here;
# otherwise this says what is missing (and BrowserIT fails, never skips, without them).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the browser of the e2e tests (chromium, chromium-driver) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "Chromium is missing: install the chromium and chromium-driver packages, or BrowserIT fails" >&2
