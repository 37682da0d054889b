# Sourced by CLI tests called as `script LAKESIM SOURCE_DIR WORK_DIR`: sets lakesim, src and work,
# empties WORK_DIR, moves into the source tree and defines fail().
set -u
lakesim=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$src" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
