#!/usr/bin/env bash
# Builds a self-contained DiffusionLab app image (trimmed Java runtime + JavaFX + ND4J natives + the app)
# in target/image/DiffusionLab/. See jlink/README.md.
#
#   jlink/build-image.sh              # mvn package, then jlink + jpackage
#   jlink/build-image.sh --no-build   # reuse target/diffusionlab.jar and target/lib/ from an earlier package
#
# Environment: JAVA_HOME (a JDK 17+ with jlink, jdeps and jpackage; if unset or without jpackage:
# /usr/lib/jvm/java-17-openjdk-amd64, else the JDK of `javac` on PATH), MVN (default: mvn),
# MVN_ARGS (extra Maven arguments, e.g. MVN_ARGS=-o to build offline).
set -euo pipefail

usage() {
    sed -n '2,10p' "$0" | grep -v '^set ' | sed 's/^# \{0,1\}//'
}

build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build-image.sh: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# --- Tools ------------------------------------------------------------------------------------------------------
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/jpackage" ]]; then
    if [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/jpackage ]]; then
        JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
    elif command -v javac >/dev/null 2>&1; then
        JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    fi
fi
for tool in jlink jdeps jpackage; do
    if [[ ! -x "${JAVA_HOME:-}/bin/$tool" ]]; then
        echo "build-image.sh: no $tool in JAVA_HOME=${JAVA_HOME:-<unset>}; set JAVA_HOME to a full JDK 17+" >&2
        exit 1
    fi
done
if [[ ! -d "$JAVA_HOME/jmods" ]]; then
    echo "build-image.sh: $JAVA_HOME has no jmods/ directory; jlink needs it (Debian: openjdk-17-jdk-headless)" >&2
    exit 1
fi
if ! command -v objcopy >/dev/null 2>&1; then
    echo "build-image.sh: objcopy not found; jlink --strip-debug needs it on Linux (apt-get install binutils)" >&2
    exit 1
fi
export JAVA_HOME
jver=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z "$jver" || "${jver%%.*}" -lt 17 ]]; then
    echo "build-image.sh: JAVA_HOME=$JAVA_HOME is Java ${jver:-?}; need 17 or later" >&2
    exit 1
fi

# --- Maven package ----------------------------------------------------------------------------------------------
if [[ $build -eq 1 ]]; then
    echo "==> mvn package (tests skipped)"
    # shellcheck disable=SC2086
    "${MVN:-mvn}" -q -B ${MVN_ARGS:-} package -DskipTests
fi
main_jar=target/diffusionlab.jar
if [[ ! -f "$main_jar" || ! -d target/lib ]]; then
    echo "build-image.sh: $main_jar or target/lib/ missing; run without --no-build" >&2
    exit 1
fi

app_main=org.diffusionlab.app.Launcher
cli_main=org.diffusionlab.cli.DiffusionLabCli
jar_has_class() {
    "$JAVA_HOME/bin/jar" tf "$main_jar" | grep -qx "${1//.//}.class"
}
if ! jar_has_class "$app_main"; then
    echo "build-image.sh: $main_jar has no $app_main" >&2
    exit 1
fi
version=$(unzip -p "$main_jar" org/diffusionlab/version.properties 2>/dev/null | sed -n 's/^version=//p' | tr -d '\r' || true)
# jpackage wants a numeric version (1 to 3 dot-separated numbers): 0.1.0-SNAPSHOT -> 0.1.0
app_version=$(printf '%s' "${version:-0.0.0}" | grep -oE '^[0-9]+(\.[0-9]+){0,2}' || echo 0.0.0)

work=target/jlink
runtime=$work/runtime
input=$work/input
dest=target/image
rm -rf "$work" "$dest/DiffusionLab"
mkdir -p "$input/lib" "$dest"

# --- 1. Trimmed Java runtime ------------------------------------------------------------------------------------
echo "==> jdeps: JDK modules the app and its class path need"
found=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
        --class-path "target/lib/*" "$main_jar" 2>/dev/null | tail -1 || true)
if [[ ! "$found" =~ ^[a-z.,]+$ ]]; then
    echo "    (jdeps gave no usable answer: '$found'; using the fixed list only)"
    found=java.base
fi
# What jdeps cannot see: reflection, service loaders and optional code paths in JavaFX, ND4J/JavaCPP (Unsafe,
# JMX for memory limits), oshi (jdk.management), JFreeChart/commons (java.desktop, java.sql), zip file systems,
# TLS (jdk.crypto.ec) and charsets beyond the standard ones.
extra=java.base,java.compiler,java.datatransfer,java.desktop,java.logging,java.management,java.naming,java.prefs,\
java.scripting,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs
modules=$(printf '%s,%s' "$found" "$extra" | tr ',' '\n' | sort -u | paste -sd, -)
echo "    $modules"

echo "==> jlink: $runtime"
# bin/java stays in (no --strip-native-commands): `diffusionlab-cli bench` starts child JVMs from java.home/bin/java.
"$JAVA_HOME/bin/jlink" \
    --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$runtime"

# --- 2. App image -----------------------------------------------------------------------------------------------
# Everything goes onto the class path (ND4J is not modular; JavaFX works from the class path as an unnamed module).
# The main jar's manifest Class-Path (lib/...) resolves against app/lib/ inside the image.
cp "$main_jar" "$input/"
cp target/lib/*.jar "$input/lib/"

java_opts=(-Xmx2g -XX:+UseZGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)   # ZGC: see pom.xml (UI stalls)
jpackage_args=(
    --type app-image
    --dest "$dest"
    --name DiffusionLab
    --app-version "$app_version"
    --description "Watch the first diffusion model (Sohl-Dickstein et al., ICML 2015) learn."
    --vendor DiffusionLab
    --runtime-image "$runtime"
    --input "$input"
    --main-jar "$(basename "$main_jar")"
    --main-class "$app_main"
)
for opt in "${java_opts[@]}"; do
    jpackage_args+=(--java-options "$opt")
done
icon=assets/icons/diffusionlab.png
if [[ -f "$icon" ]]; then
    jpackage_args+=(--icon "$icon")
fi

if jar_has_class "$cli_main"; then
    cli_props=$work/diffusionlab-cli.properties
    {
        echo "main-class=$cli_main"
        echo "java-options=${java_opts[*]} -Djava.awt.headless=true"
    } > "$cli_props"
    jpackage_args+=(--add-launcher "diffusionlab-cli=$cli_props")
else
    echo "    note: $main_jar has no $cli_main yet; building the image without the diffusionlab-cli launcher"
fi

echo "==> jpackage: $dest/DiffusionLab"
"$JAVA_HOME/bin/jpackage" "${jpackage_args[@]}"

echo "==> done: $dest/DiffusionLab"
ls "$dest/DiffusionLab/bin"
du -sh "$dest/DiffusionLab"
