# Sourced by ./neuroedge, ./run-tests and ./mvnw: sets JAVA_HOME to a JDK >= 21 (javac included)
# or prints exactly what to install and exits.
# Order: $JAVA_HOME if suitable, the `java` on PATH, then the usual install locations; among the
# install locations the newest feature version wins (the project is tested on 25).

neuroedge_jdk_feature() { # $1 = JDK home; prints its feature version or nothing
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    # The JDK's release file names its version: reading it costs nothing, where starting each
    # JDK's JVM to ask cost ~0.2 s per JDK found on every launch.
    if [ -r "$1/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
        if [ -n "$v" ]; then echo "$v"; return 0; fi
    fi
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

neuroedge_find_jdk() {
    min=21
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(neuroedge_jdk_feature "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge "$min" ]; then export JAVA_HOME; return 0; fi
        echo "note: JAVA_HOME=$JAVA_HOME is not a JDK >= $min (found '${v:-no JDK}'); looking elsewhere" >&2
    fi
    best=""; best_v=0
    if command -v java >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        v=$(neuroedge_jdk_feature "$home")
        if [ -n "$v" ] && [ "$v" -ge "$min" ]; then best=$home; best_v=$v; fi
    fi
    for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$home" ] || continue
        v=$(neuroedge_jdk_feature "$home")
        if [ -n "$v" ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
    done
    if [ "$best_v" -ge "$min" ]; then export JAVA_HOME=$best; return 0; fi
    cat >&2 <<MSG
error: NeuroEdge needs a JDK $min or newer (25 recommended), and none was found.
  looked at: \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks
  install one, e.g. on Debian/Ubuntu:  sudo apt-get install openjdk-25-jdk   (or Temurin 25 from adoptium)
  then run again, or point JAVA_HOME at it.
MSG
    exit 3
}
