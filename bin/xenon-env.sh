# Shared by bin/xenon and bin/xl: finds the build, builds it when sources changed, and sets the
# class path. Sourced, not run.

XENON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XENON_STAMP="$XENON_ROOT/toolstack/target/.built"

# Builds the project (tests skipped) when it was never built or a source or pom changed since.
# XENON_SKIP_BUILD=1 uses the existing build as it is (the integration tests run inside Maven).
xenon_build_if_needed() {
    if [ -n "${XENON_SKIP_BUILD:-}" ]; then
        [ -d "$XENON_ROOT/toolstack/target/lib" ] || { echo "xenon: no build found (run mvn -q -DskipTests package)" >&2; exit 1; }
        return 0
    fi
    local stale=
    if [ ! -f "$XENON_STAMP" ] || [ ! -d "$XENON_ROOT/toolstack/target/lib" ] || [ ! -d "$XENON_ROOT/bench/target/lib" ]; then
        stale=yes
    elif [ -n "$(find "$XENON_ROOT" -path "$XENON_ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$XENON_STAMP" -print -quit)" ]; then
        stale=yes
    fi
    if [ -n "$stale" ]; then
        command -v mvn >/dev/null || { echo "xenon: Maven (mvn) is needed to build; install it (apt-get install maven)" >&2; exit 1; }
        echo "xenon: building (mvn -q -DskipTests package)..." >&2
        (cd "$XENON_ROOT" && mvn -q -DskipTests package) >&2 || { echo "xenon: build failed" >&2; exit 1; }
        touch "$XENON_STAMP"
    fi
}

# The class path of a module that copies its dependencies to target/lib (toolstack, bench).
xenon_classpath() {
    local module="$1"
    local jar
    jar="$(ls "$XENON_ROOT/$module"/target/xenon-"$module"-*.jar 2>/dev/null | grep -v -- '-sources' | head -n 1)"
    echo "$jar:$XENON_ROOT/$module/target/lib/*"
}

xenon_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME/bin/java"
    else
        command -v java || { echo "xenon: Java 17 is needed (apt-get install openjdk-17-jdk)" >&2; exit 1; }
    fi
}
