#!/usr/bin/env bash
# Sets up a fresh Debian machine for lakesim, builds it in Release, and runs the default
# scenario. Safe to run again: it installs only what is missing and rebuilds incrementally.
#   ./bootstrap.sh [SCENARIO] [extra lakesim run options]
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake pkg-config libsimgrid-dev libboost-graph-dev nlohmann-json3-dev
          libeigen3-dev catch2 libcli11-dev graphviz gnuplot-nox parallel python3 jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2

scenario=${1:-scenarios/single-region.json}
shift || true
build/lakesim run "$scenario" --force "$@"
