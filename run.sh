#!/usr/bin/env sh
# Starts the whole arxiv-pipeline suite on this machine (a JDK 17+ is all it needs): builds what is
# missing, then hands over to the launcher (embedded PostgreSQL, the five services). ./run.sh --help
set -eu
cd "$(dirname "$0")"
. tools/ensure-built.sh

exec "$JAVA" -cp "launcher/target/launcher.jar:launcher/target/lib/*" org.arxivpipeline.launcher.Launcher "$@"
