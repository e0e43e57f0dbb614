#!/bin/sh
# Starts the service of this image with the AOT cache its build made (deploy/aot-training.sh) and JAVA_OPTS.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java -XX:AOTCache=/deployments/app.aot $JAVA_OPTS -jar /deployments/quarkus-run.jar
