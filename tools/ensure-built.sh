# Sourced by run.sh and bench/run.sh (from the project root): builds the jars when one is missing or a
# source is newer than the launcher (Maven itself is incremental). Sets JAVA, the JDK the launcher and the
# services run on: JAVA_HOME's when set; else the newest JDK 25+ under /usr/lib/jvm (its AOT cache starts
# the services faster: docs/decisions/jvm-flags.md); else java on the PATH (17 or newer).
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "A JDK 17 or newer is needed (java on the PATH or JAVA_HOME)" >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ -z "${JAVA_HOME:-}" ]; then
  newest=0
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ] && [ "$feature" -gt "$newest" ]; then
      newest=$feature
      JAVA="$home/bin/java"
    fi
  done
fi

needs_build=no
for jar in launcher/target/launcher.jar frontend-service/target/quarkus-app/quarkus-run.jar \
           backend-arxiv-api/target/quarkus-app/quarkus-run.jar backend-sequence/target/quarkus-app/quarkus-run.jar \
           backend-queries/target/quarkus-app/quarkus-run.jar backend-results/target/quarkus-app/quarkus-run.jar \
           backend-watches/target/quarkus-app/quarkus-run.jar; do
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
