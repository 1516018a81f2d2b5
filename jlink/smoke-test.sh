#!/usr/bin/env bash
# Smoke test of the app image built by jlink/build-image.sh: it must start with no Java, Maven or JAVA_HOME.
#
#   jlink/smoke-test.sh                                   # tests target/image/DiffusionLab
#   DIFFUSIONLAB_IMAGE=/opt/DiffusionLab jlink/smoke-test.sh   # tests another copy of the image
#
# CLI (bin/diffusionlab-cli, when the image has it): --version and --help exit 0, an unknown option exits 2, and a
# 3-iteration `train` writes a model file (proves the ND4J/OpenBLAS natives load in the trimmed runtime).
# GUI (bin/DiffusionLab): started on $DISPLAY, or under xvfb-run when there is no display, and must still be alive
# after SMOKE_GUI_SECONDS (default 8); then it is stopped.
#
# Environment: DIFFUSIONLAB_IMAGE (image directory), SMOKE_GUI (auto: when a display or xvfb-run is available;
# 1: required; 0: skip), SMOKE_GUI_SECONDS (default 8), SMOKE_ND4J (1: run the train check, default; 0: skip).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
image=${DIFFUSIONLAB_IMAGE:-$root/target/image/DiffusionLab}
gui_mode=${SMOKE_GUI:-auto}
gui_seconds=${SMOKE_GUI_SECONDS:-8}
nd4j_check=${SMOKE_ND4J:-1}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

app=$image/bin/DiffusionLab
cli=$image/bin/diffusionlab-cli
if [[ ! -x "$app" ]]; then
    echo "smoke-test: no launcher at $app; build the image with jlink/build-image.sh or set DIFFUSIONLAB_IMAGE" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
pass() { checks=$((checks + 1)); echo "  ok    $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "  FAIL  $*"; }
show_log() { sed 's/^/        | /' "$1" | tail -n 25; }

# Run the image's launchers with nothing Java-related in the environment and no java on PATH.
clean_env=(env -u JAVA_HOME -u CLASSPATH -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS)

echo "smoke-test: $image"

# --- CLI --------------------------------------------------------------------------------------------------------
if [[ -x "$cli" ]]; then
    run_cli() {  # run_cli EXPECTED_RC NAME ARGS... ; output in $tmp/NAME.log
        local expected=$1 name=$2 rc=0
        shift 2
        timeout 180 "${clean_env[@]}" PATH=/nonexistent "$cli" "$@" >"$tmp/$name.log" 2>&1 || rc=$?
        if [[ $rc -eq $expected ]]; then
            pass "diffusionlab-cli $* (exit $rc)"
        else
            fail "diffusionlab-cli $* exited $rc, expected $expected"
            show_log "$tmp/$name.log"
        fi
        return 0
    }
    run_cli 0 version --version
    if ! grep -qi diffusionlab "$tmp/version.log"; then
        fail "--version does not name DiffusionLab"; show_log "$tmp/version.log"
    fi
    run_cli 0 help --help
    run_cli 2 usage --no-such-option
    if [[ "$nd4j_check" == 1 ]]; then
        run_cli 0 train train --iterations=3 --seed=1 -o "$tmp/smoke.dlab"
        if [[ -s "$tmp/smoke.dlab" ]]; then
            pass "train wrote a model file ($(wc -c <"$tmp/smoke.dlab") bytes)"
        else
            fail "train wrote no model file"
        fi
    fi
else
    echo "  note  the image has no bin/diffusionlab-cli (the CLI main class is not in this build); GUI check only"
    [[ "$gui_mode" == auto ]] && gui_mode=1
fi

# --- GUI --------------------------------------------------------------------------------------------------------
gui_runner=()
if [[ "$gui_mode" != 0 ]]; then
    if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
        gui_runner=(bash -c)
    elif command -v xvfb-run >/dev/null 2>&1; then
        gui_runner=(xvfb-run -a -s "-screen 0 1280x800x24" bash -c)
    elif [[ "$gui_mode" == 1 ]]; then
        fail "GUI check needs a display or xvfb-run (apt-get install xvfb xauth)"
    else
        echo "  skip  GUI: no display and no xvfb-run"
    fi
fi
if [[ ${#gui_runner[@]} -gt 0 ]]; then
    # Inside the runner: start the app, wait, and report 0 if it is still running (then stop it), else its exit code.
    script='"$0" & pid=$!
            sleep "$1"
            if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; exit 0; fi
            wait "$pid"; rc=$?; exit $(( rc == 0 ? 99 : rc ))'
    rc=0
    timeout $((gui_seconds + 60)) "${clean_env[@]}" "${gui_runner[@]}" "$script" "$app" "$gui_seconds" \
        >"$tmp/gui.log" 2>&1 || rc=$?
    if [[ $rc -eq 0 ]]; then
        pass "DiffusionLab (GUI) still running after ${gui_seconds}s${gui_runner[0]:+ under ${gui_runner[0]}}"
    else
        if [[ $rc -eq 99 ]]; then
            fail "DiffusionLab (GUI) exited 0 within ${gui_seconds}s"
        else
            fail "DiffusionLab (GUI) exited $rc within ${gui_seconds}s"
        fi
        show_log "$tmp/gui.log"
    fi
fi

if [[ $checks -eq 0 ]]; then
    echo "smoke-test: nothing was checked" >&2
    exit 1
fi
if [[ $failures -gt 0 ]]; then
    echo "smoke-test: $failures of $checks checks failed" >&2
    exit 1
fi
echo "smoke-test: all $checks checks passed"
