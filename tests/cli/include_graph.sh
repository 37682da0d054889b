#!/usr/bin/env bash
# The components (a header and its source) include each other without a cycle, and every include
# of a project header names the layer folder it lives in. (That no layer includes a higher one is
# enforced by the build: each layer's library publishes only its own folder.)
set -eu
src=$2
cd "$src"
layers="scenario sim models analysis presentation assembly cli"
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
status=0
for layer in $layers; do
  for file in $(find "$layer" -name '*.cpp' -o -name '*.hpp' | sort); do
    from=${file%.*}
    while read -r included; do
      to=${included%.*}
      if [ "$included" = cli/version.hpp ]; then
        continue  # generated into the build tree from cli/version.hpp.in
      elif [ ! -f "$included" ]; then
        echo "$file includes \"$included\", which is not a path from the source root"
        status=1
      elif [ "$to" != "$from" ]; then
        echo "$from $to" >>"$edges"
      fi
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
  done
done
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
  echo "include cycle between components:"
  cat "$edges.err"
  status=1
fi
rm -f "$edges.err"
[ $status -eq 0 ] && echo "no include cycle among $(cut -d' ' -f1 "$edges" | sort -u | wc -l) components"
exit $status
