#!/bin/sh
# check-layers.sh: fail on any #include that breaks the layer order of tests/layers.txt:
# a file includes its own folder and lower ranks only; folders of one rank never include
# each other; a folder marked 'own' includes only the same-named header from itself.
# A source folder that tests/layers.txt does not list fails too. ROOT (default .) is the
# tree to check; LAYERS (default tests/layers.txt) the list.
ROOT=${ROOT:-.}
LAYERS=${LAYERS:-$ROOT/tests/layers.txt}
cd "$ROOT" || exit 2
find emu snapshot block firmware -name '*.[ch]' | sort | xargs awk -v layers="$LAYERS" '
function dir(p) { sub(/\/[^\/]*$/, "", p); return p }
function stem(p) { sub(/\.[^.\/]*$/, "", p); return p }
BEGIN {
    while ((getline l < layers) > 0) {
        if (l ~ /^[ \t]*(#|$)/) continue
        split(l, w, /[ \t]+/); rank[w[2]] = w[1]; rule[w[2]] = w[3]; nfold++
    }
}
FNR == 1 {
    nfiles++; fd = dir(FILENAME)
    if (!(fd in rank)) { print "check-layers: " FILENAME " is in " fd ", a folder tests/layers.txt does not list"; bad = 1 }
}
/^[ \t]*#[ \t]*include[ \t]*"/ && (fd in rank) {
    inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc); id = dir(inc)
    if (id == fd) {
        if (rule[fd] == "own" && stem(inc) != stem(FILENAME)) {
            print "check-layers: " FILENAME " includes " inc ": a file of " fd " includes only its own header"; bad = 1
        }
    } else if (!(id in rank)) {
        print "check-layers: " FILENAME " includes " inc ", which no folder of tests/layers.txt holds"; bad = 1
    } else if (rank[id] + 0 > rank[fd] + 0) {
        print "check-layers: " FILENAME " (" fd ", rank " rank[fd] ") includes " inc " (" id ", rank " rank[id] "): upward"; bad = 1
    } else if (rank[id] == rank[fd]) {
        print "check-layers: " FILENAME " includes " inc ": " fd " and " id " share rank " rank[fd] " and stay apart"; bad = 1
    }
}
END {
    if (!bad) print "check-layers: ok (" nfiles " files in " nfold " folders)"
    exit bad
}'
