"""qmp_transcript.py: what the scripted tests that run one QMP session on QEMU 7.2 and on
pcemu share (media_qemu.sh, floppy_media_qemu.sh): the commands as QMP objects, each
message with what differs by nature left out, and the comparison of two transcripts that
prints the first difference."""
import json, re, sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def norm(m):
    """A received message without its timestamp and with automatic node names as '#block'."""
    m.pop("timestamp", None)
    return json.loads(re.sub(r'#block\d+', '#block', json.dumps(m)))


def ex(name, **args):
    return {"execute": name, "arguments": args} if args else {"execute": name}


def hmp(line):
    return ex("human-monitor-command", **{"command-line": line})


def compare(what, a, b):
    """Fails, showing the first pair that differs, unless QEMU's a equals pcemu's b."""
    if a == b:
        return
    for x, y in zip(a, b):
        if x != y:
            print("QEMU: ", json.dumps(x, sort_keys=True))
            print("pcemu:", json.dumps(y, sort_keys=True))
            break
    fail("%s: the transcripts differ (%d and %d messages)" % (what, len(a), len(b)))
