#!/bin/sh
# cpu_singlestep.sh: the single-step harness on hand-written cases in the SingleStepTests
# 8088 layout (initial/final regs and [address, byte] RAM pairs): ADD flags, PUSH, a REP
# MOVSB run to completion, a divide error through the IVT; then -p output fed back as the
# expected final state must pass again.
set -u
T="$TOOLS/cpu_singlestep"
cat > "$TMPDIR_TEST/t.json" <<'EOJ'
[
 {"name": "add al, bl",
  "initial": {"regs": {"ax": 127, "bx": 1, "cx": 0, "dx": 0, "cs": 4096, "ss": 0, "ds": 0, "es": 0,
              "sp": 256, "bp": 0, "si": 0, "di": 0, "ip": 16, "flags": 2},
              "ram": [[65552, 0], [65553, 216]]},
  "final": {"regs": {"ax": 128, "ip": 18, "flags": 2194}, "ram": []}},
 {"name": "push ax",
  "initial": {"regs": {"ax": 4660, "bx": 0, "cx": 0, "dx": 0, "cs": 0, "ss": 32, "ds": 0, "es": 0,
              "sp": 16, "bp": 0, "si": 0, "di": 0, "ip": 1024, "flags": 2},
              "ram": [[1024, 80], [526, 0], [527, 0]]},
  "final": {"regs": {"sp": 14, "ip": 1025}, "ram": [[526, 52], [527, 18]]}},
 {"name": "rep movsb",
  "initial": {"regs": {"ax": 0, "bx": 0, "cx": 3, "dx": 0, "cs": 0, "ss": 0, "ds": 0, "es": 0,
              "sp": 4096, "bp": 0, "si": 8192, "di": 12288, "ip": 1024, "flags": 2},
              "ram": [[1024, 243], [1025, 164], [8192, 97], [8193, 98], [8194, 99],
                      [12288, 0], [12289, 0], [12290, 0]]},
  "final": {"regs": {"cx": 0, "si": 8195, "di": 12291, "ip": 1026},
            "ram": [[12288, 97], [12289, 98], [12290, 99]]}},
 {"name": "div bl by zero",
  "initial": {"regs": {"ax": 100, "bx": 0, "cx": 0, "dx": 0, "cs": 0, "ss": 0, "ds": 0, "es": 0,
              "sp": 4096, "bp": 0, "si": 0, "di": 0, "ip": 1024, "flags": 514},
              "ram": [[1024, 246], [1025, 243], [0, 0], [1, 32], [2, 0], [3, 0]]},
  "final": {"regs": {"ip": 8192, "sp": 4090, "flags": 2},
            "ram": [[4090, 0], [4091, 4], [4092, 0], [4093, 0], [4094, 2], [4095, 2]]}}
]
EOJ
"$T" -m 0x8d5 "$TMPDIR_TEST/t.json" || exit 1
"$T" -p "$TMPDIR_TEST/t.json" > "$TMPDIR_TEST/p.jsonl" || exit 1
# turn the printed final states into tests again: they must reproduce themselves
python3 - "$TMPDIR_TEST/t.json" "$TMPDIR_TEST/p.jsonl" > "$TMPDIR_TEST/t2.json" <<'EOP'
import json, sys
tests = json.load(open(sys.argv[1]))
finals = [json.loads(l) for l in open(sys.argv[2])]
for t, f in zip(tests, finals):
    t["final"] = f["final"]
print(json.dumps(tests))
EOP
"$T" "$TMPDIR_TEST/t2.json"
