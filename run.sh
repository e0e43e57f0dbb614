#!/usr/bin/env sh
# Starts the whole arxiv-pipeline suite on this machine (a JDK 17+ is all it needs): builds what is
# missing, then hands over to the launcher (embedded PostgreSQL, the five services). ./run.sh --help
set -eu
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "run.sh needs a JDK 17 or newer (java on the PATH or JAVA_HOME)" >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Build when a jar is missing or a source is newer than the launcher (Maven itself is incremental)
needs_build=no
for jar in launcher/target/launcher.jar frontend-service/target/quarkus-app/quarkus-run.jar \
           backend-arxiv-api/target/quarkus-app/quarkus-run.jar backend-sequence/target/quarkus-app/quarkus-run.jar \
           backend-queries/target/quarkus-app/quarkus-run.jar backend-results/target/quarkus-app/quarkus-run.jar; do
  [ -f "$jar" ] || needs_build=yes
done
if [ "$needs_build" = no ] && [ -n "$(find pom.xml db ./*/pom.xml ./*/src/main -newer launcher/target/launcher.jar -type f 2>/dev/null | head -n 1)" ]; then
  needs_build=yes
fi
if [ "$needs_build" = yes ]; then
  echo "Building (./mvnw package -DskipTests) ..."
  ./mvnw -q -B -ntp package -DskipTests
  touch launcher/target/launcher.jar
fi

exec "$JAVA" -cp "launcher/target/launcher.jar:launcher/target/lib/*" org.arxivpipeline.launcher.Launcher "$@"
