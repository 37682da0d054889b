#!/usr/bin/env bash
# `lakesim lab list | show | check` on the fixture labs of tests/data/labs: a lab whose claims hold
# (JSON Pointers and jq paths, selections, scaled operands, text), one whose answer is wrong (a
# false claim and a path the file lacks, each told with what was found or where the claim is), one
# whose command fails; and every path of the shipped labs' claims is one jq can read.
source "$(dirname "$0")/setup.sh" "$@"
labs="$src/tests/data/labs"

"$lakesim" lab --labs "$labs" list >"$work/list.txt" || fail "lab list"
for name in 01-values 02-wrong 03-broken; do grep -q "$name" "$work/list.txt" || fail "lab list lacks $name"; done

"$lakesim" lab --labs "$labs" show 1 >"$work/show.txt" || fail "lab show"
grep -q "## Instructor notes" "$work/show.txt" || fail "lab show leaves out the instructor notes"
"$lakesim" lab --labs "$labs" show 01-values --student >"$work/handout.txt" || fail "lab show --student"
grep -q "## Question" "$work/handout.txt" || fail "the handout lacks the question"
! grep -q -e "## Answer" -e "## Instructor notes" -e "select(" "$work/handout.txt" || fail "the handout gives the answer away"

# Claims that hold, the commands' files in the folder chosen; nothing written under runs/.
"$lakesim" lab --labs "$labs" check 1 --out "$work/one" >"$work/one.txt" || { cat "$work/one.txt"; fail "lab check 1"; }
[ -s "$work/one/values.json" ] && [ -s "$work/one/version.txt" ] || fail "the commands did not write into --out"
[ ! -e runs/lab-01/values.json ] || fail "lab check wrote into runs/"
grep -q "7 of 7 claims hold" "$work/one.txt" || fail "expected 7 claims to hold"
grep -q "found 5 == 5" "$work/one.txt" || fail "the value found is not printed"
# jq reads the claims' jq paths to the same values.
[ "$(jq '.items[]|select(.name=="a")|select(.region=="y")|.n' "$work/one/values.json")" = 5 ] || fail "jq differs"
[ "$(jq '."odd-key".v' "$work/one/values.json")" = 1.5 ] || fail "jq differs on a quoted key"

# A wrong answer: each failing claim with what was found or why it cannot be checked, exit 1.
"$lakesim" lab --labs "$labs" check 2 --out "$work/two" >"$work/two.txt"
[ $? -eq 1 ] || fail "a lab with false claims should exit 1"
grep -q "FAIL  runs/lab-02/values.json .items\[1\].n < 3" "$work/two.txt" || fail "the false claim is not failed"
grep -q "found 5 < 3" "$work/two.txt" || fail "the value found for a false claim is not printed"
grep -q "02-wrong.md:21): .items\[0\] has no \"missing\"" "$work/two.txt" || fail "a missing key is not located"
grep -q "has 2 elements matching (exactly one must match)" "$work/two.txt" || fail "an ambiguous selection passed"
grep -q "lacks the section \"## Instructor notes\"" "$work/two.txt" || fail "missing instructor notes not told"
grep -q "1 of 4 claims hold" "$work/two.txt" || fail "expected 1 of 4 claims to hold"

# A failing command stops the check, with where it is and the end of its output.
"$lakesim" lab --labs "$labs" check 3 --out "$work/three" >"$work/three.txt"
[ $? -eq 1 ] || fail "a lab whose command fails should exit 1"
grep -q "03-broken.md:11 failed" "$work/three.txt" || fail "the failing command is not located"
grep -q "| about to fail" "$work/three.txt" || fail "the failing command's output is not shown"
! grep -q "Checking" "$work/three.txt" || fail "claims were checked after a failing command"

"$lakesim" lab --labs "$labs" check 9 >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown lab should exit 2"
"$lakesim" lab --labs "$work/nonesuch" list >/dev/null 2>&1
[ $? -eq 2 ] || fail "a missing folder of labs should exit 2"

# Every path of the shipped labs' claims compiles in jq (exit 3 would be a syntax error).
for lab in scenarios/training/*.md; do
  awk '/^```check/{f=1;next}/^```/{f=0}f' "$lab" | tr ' ' '\n' | grep -e '^\.' -e '^/' >"$work/paths.txt"
  [ -s "$work/paths.txt" ] || fail "$lab: no paths in its claims"
  while read -r path; do
    case "$path" in
      /*) continue ;;  # a JSON Pointer
    esac
    jq -n "try ($path) catch null" >/dev/null 2>&1
    [ $? -ne 3 ] || fail "$lab: jq cannot read the path $path"
  done <"$work/paths.txt"
done
echo "ok"
