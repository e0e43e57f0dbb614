# Sourced by run.sh and bench/run.sh (from the project root): builds the jars when one is missing or a
# source is newer than the launcher (Maven itself is incremental). Sets JAVA.
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "A JDK 17 or newer is needed (java on the PATH or JAVA_HOME)" >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

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
