#!/bin/sh
# readme.sh: the README works when followed literally: every ```sh block of README.md runs
# as written, in order, from the top of a copy of the checkout (the tracked files, as a
# fresh clone has them, beside the build of this one, with its times, so that make finds it
# done), and following it leaves no new file outside o/. A block that cannot run here is
# marked in the README by the line before it, "<!-- readme.sh skip: WHY -->", and the
# reason is printed.
set -u
T=$TMPDIR_TEST
copy="$T/copy"
mkdir "$copy"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$copy" || exit 1
tar -cf - --exclude="$O/fuzz" --exclude="$O/tests/logs" "$O" | tar -xf - -C "$copy" || exit 1
# the files outside o/, before and after
files() { (cd "$copy" && find . -path ./o -prune -o -type f -print | sort); }
files >"$T/before"
# blocks: block-N.sh, and block-N.skip holding the reason
awk -v dir="$T" '
    /^<!-- readme\.sh skip: .* -->$/ { reason = $0; sub(/^<!-- readme\.sh skip: /, "", reason); sub(/ -->$/, "", reason); next }
    /^```sh$/ { n++; out = dir "/block-" n ".sh"; inblock = 1; if (reason != "") print reason > (dir "/block-" n ".skip"); reason = ""; printf "" > out; next }
    /^```$/ && inblock { inblock = 0; close(out); next }
    inblock { print > out; next }
    { reason = "" }
' README.md
fails=0 ran=0 skipped=0
for b in $(ls "$T"/block-*.sh | sort -t- -k2 -n); do
    name=$(basename "$b" .sh)
    if [ -f "$T/$name.skip" ]; then
        echo "skip $name: $(cat "$T/$name.skip")"; skipped=$((skipped + 1)); continue
    fi
    echo "== $name:"; cat "$b"
    if (cd "$copy" && sh -e "$b") >"$T/$name.log" 2>&1; then
        ran=$((ran + 1)); tail -n 3 "$T/$name.log"
    else
        echo "FAIL: $name:"; tail -n 20 "$T/$name.log"; fails=$((fails + 1))
    fi
done
files >"$T/after"
if ! cmp -s "$T/before" "$T/after"; then
    echo "FAIL: following the README left files outside o/:"; diff "$T/before" "$T/after"
    fails=$((fails + 1))
fi
echo "$ran blocks ran, $skipped skipped"
[ $ran -gt 0 ] || { echo "FAIL: no block found"; exit 1; }
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "the README's commands run as written"
