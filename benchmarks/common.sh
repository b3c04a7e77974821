# Sourced by the benchmark scripts: paths, the build check, CPU pinning and time bounds.
# shellcheck shell=sh
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$here")
jar=$here/target/benchmarks.jar
dist=$root/distribution/target/switchboard
secure_filter=$(ls "$root"/plugins/secure-filter/target/switchboard-plugin-secure-filter-*.jar 2>/dev/null | grep -v original | head -n 1)
out=${OUT_DIR:-$here/target/results}
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [ ! -f "$jar" ] || [ ! -x "$dist/bin/switchboard" ]; then
  echo "$(basename "$0"): build first, from $root: mvn -q package -DskipTests -Pjmh" >&2
  exit 2
fi
mkdir -p "$out"

# $on_cpu0 runs a command on CPU 0 when taskset exists (else the benchmark says it is not pinned)
on_cpu0=
if command -v taskset >/dev/null 2>&1; then
  on_cpu0="taskset -c 0"
fi

# bounded SECONDS COMMAND...: the command is stopped after SECONDS
bounded() {
  seconds=$1
  shift
  if command -v timeout >/dev/null 2>&1; then
    timeout --kill-after=10 "$seconds" "$@"
  else
    "$@"
  fi
}

quick=
if [ "${1:-}" = --quick ]; then
  quick=yes
  shift
fi
