#!/bin/sh
# reload-loop: attach this terminal to a test run that waits at a failure without a terminal of its own
# (an IDE run, a Gradle test worker, mvn test started without one):  reload-loop attach [directory]
# Runs the newest reload-loop jar of the Maven local repository or of Gradle's cache with Java 17 or newer;
# RELOAD_LOOP_JAR names a jar instead, RELOAD_LOOP_REPOSITORY another Maven repository.
jar="$RELOAD_LOOP_JAR"
if [ -z "$jar" ]; then
  jar=$(ls -t "${RELOAD_LOOP_REPOSITORY:-$HOME/.m2/repository}"/io/github/reloadloop/reload-loop/*/reload-loop-*.jar \
      "$HOME"/.gradle/caches/modules-2/files-2.1/io.github.reloadloop/reload-loop/*/*/reload-loop-*.jar 2>/dev/null \
    | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' -e '-tests\.jar$' | head -n 1)
fi
if [ -z "$jar" ]; then
  echo "reload-loop: no reload-loop jar in ~/.m2 or ~/.gradle; set RELOAD_LOOP_JAR to one" >&2
  exit 1
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" "$@"
