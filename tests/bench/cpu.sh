#!/bin/sh
# cpu.sh: guest instructions per second of the interpreter on five loops (ALU, memory
# copy, branchy, MMX, SSE2; images/cpu/bench_*.asm) and guest workloads in MiB/s (a memory
# checksum, an xorshift fill, REP MOVSD and REP MOVSB copies), beside QEMU 7.2 TCG and
# Bochs 2.7 running the same -bios images in the same run. The MMX and SSE2 loops run on
# the qemu32 model (pcemu and QEMU: the same -cpu string) and on Bochs's p4_willamette.
#  - The instruction count of each loop comes from pcemu's harness (-r prints insns=N);
#    Bochs's own count at its stop (its debugger prints "Next at t=N") must agree.
#  - Rates use CPU time (user + sys of the emulator and its children), so that the load of
#    a shared machine does not count, minus the CPU time of the same scaffolding with an
#    empty body (images/cpu/bench_empty.asm: start-up, exit). Best of 2 runs each.
#  - Bochs: Debian's build has the debugger and only interactive displays. It runs with
#    the X display on a virtual X server (xvfb-run), its debugger script continues ("c")
#    and quits at the magic breakpoint (xchg bx, bx) that bench.inc executes after the
#    loop; port 0xE9 carries the "done" line.
#  - The issue's baseline (issue 17: the interpreter before threaded dispatch, the parent
#    of commit 94ef237) runs the alu, copy and branch loops in the same run when the tree
#    is a git checkout that has that commit: its cpu_harness is built once from
#    `git archive` into $O/bench-base/ (kept there by commit, so a second run builds
#    nothing).
set -u
BASE_COMMIT=94ef237
base_h=
if sha=$(git rev-parse -q --verify "$BASE_COMMIT^{commit}" 2>/dev/null) &&
    git merge-base --is-ancestor "$sha" HEAD 2>/dev/null; then
    parent=$(git rev-parse "$sha^")
    base_h=$O/bench-base/cpu_harness-$parent
    if [ ! -x "$base_h" ]; then
        d=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-base.XXXXXX")
        # a make of its own: not the jobserver of the make that runs the bench; the
        # Debian packages are this tree's (make bench checked them), its deps.ok says so
        if git archive "$parent" | tar -x -C "$d" && mkdir -p "$d/o" && touch "$d/o/deps.ok" &&
            env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$d" -j2 o/tests/tools/cpu_harness \
                > "$d/build.log" 2>&1 &&
            mkdir -p "$O/bench-base" && cp "$d/o/tests/tools/cpu_harness" "$base_h.tmp" &&
            mv "$base_h.tmp" "$base_h"; then
            :
        else
            echo "baseline: the build of $parent failed:"; tail -5 "$d/build.log"; base_h=
        fi
        rm -rf "$d"
    fi
else
    echo "baseline: not compared (no git history with commit $BASE_COMMIT)"
fi
python3 - "$TOOLS/cpu_harness" "$O/images/cpu" "$TMPDIR_TEST" "$base_h" <<'PY'
import os, re, resource, shutil, signal, subprocess, sys
harness, imgdir, tmp, base_harness = sys.argv[1:5]
qemu = shutil.which("qemu-system-i386")
bochs = shutil.which("bochs")
xvfb = shutil.which("xvfb-run")
vgabios = "/usr/share/seabios/vgabios-stdvga.bin"

def cpu_time(argv, timeout=300):
    """Runs argv; returns (CPU seconds of it and its descendants, output, exit status)."""
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)   # xvfb-run's Bochs and Xvfb too
        out, _ = p.communicate()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    return cpu, out.decode("latin-1"), p.returncode

# -cpu for pcemu and QEMU on the SIMD loops, Bochs's model; the others run the harness's
# CPU, the reduced PC's, on both (QEMU's default is qemu32).
SIMD_CPU = "qemu32,-apic,-pae,-mce,-de,-hypervisor"
BASE_CPU = "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"

def pcemu(img, cpu_spec=None, h=harness):
    cpu, out, rc = cpu_time([h, "-r", "-c", cpu_spec or BASE_CPU, img])
    m = re.search(r"insns=(\d+)", out)
    if rc != 1 or not m or "done" not in out:
        sys.exit("pcemu failed on %s (status %d)" % (img, rc))
    return cpu, int(m.group(1))

def qemu_run(img, cpu_spec=None):
    qout = os.path.join(tmp, "q.out")
    cpu, out, rc = cpu_time([qemu, "-cpu", cpu_spec or BASE_CPU] +
                            ["-bios", img, "-nodefaults", "-display", "none", "-m", "16",
                             "-no-reboot", "-debugcon", "file:" + qout,
                             "-device", "isa-debug-exit,iobase=0xf4,iosize=4"])
    if rc != 1 or "done" not in open(qout, errors="replace").read():
        sys.exit("qemu failed on %s (status %d): %s" % (img, rc, out[-300:]))
    return cpu

def bochs_run(img, model=None):
    """CPU seconds and Bochs's instruction count at the magic breakpoint, or None."""
    rc_file = os.path.join(tmp, "bochs.rc")
    with open(rc_file, "w") as f:
        f.write("c\nquit\n")
    cfg = os.path.join(tmp, "bochsrc")
    with open(cfg, "w") as f:
        f.write("romimage: file=%s\nvgaromimage: file=%s\nmegs: 16\n"
                "cpu: %scount=1, reset_on_triple_fault=0\nmagic_break: enabled=1\n"
                "port_e9_hack: enabled=1\ndisplay_library: x\nlog: %s\n"
                "speaker: enabled=0\nsound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy\n"
                "panic: action=fatal\n" % (img, vgabios, "model=%s, " % model if model else "",
                                            os.path.join(tmp, "bochs.log")))
    cpu, out, rc = cpu_time([xvfb, "-a", bochs, "-q", "-f", cfg, "-rc", rc_file], timeout=600)
    m = re.search(r"Magic breakpoint\s+Next at t=(\d+)", out)
    if rc != 0 or "done" not in out or not m:
        print("bochs: no clean run on %s (status %s): %s" % (os.path.basename(img), rc,
              out.strip().splitlines()[-1:] if out.strip() else "no output"))
        return None
    return cpu, int(m.group(1))

def best(f, img, k=2):
    return min(f(img) for _ in range(k))

empty = os.path.join(imgdir, "bench_empty.bin")
base_p = best(lambda i: pcemu(i)[0], empty)
base_o = best(lambda i: pcemu(i, h=base_harness)[0], empty) if base_harness else None
base_q = best(qemu_run, empty) if qemu else None
base_b = None
if bochs and xvfb and os.path.exists(vgabios):
    runs = [r for r in (bochs_run(empty), bochs_run(empty)) if r]
    base_b = min(runs)[0] if runs else None
else:
    print("bochs: not compared (needs bochs, bochs-x, xvfb)")
print("CPU seconds of the empty program: pcemu %.3f%s%s" % (base_p,
      "  qemu %.3f" % base_q if base_q is not None else "",
      "  bochs %.3f" % base_b if base_b is not None else ""))
MIB = 1 << 20
# The loops, and for the workloads the bytes each reads, writes or copies (LOOPS of its
# .asm times its buffer): reported in MiB/s instead of guest instructions per second.
LOOPS = (("alu", None), ("copy", None), ("branch", None), ("sum", 128 * 2 * MIB),
         ("fill", 8 * 8 * MIB), ("movsd", 4096 * MIB), ("movsb", 1024 * MIB),
         ("mmx", None), ("sse2", None))
SIMD_LOOPS = {"mmx": (SIMD_CPU, "p4_willamette"), "sse2": (SIMD_CPU, "p4_willamette")}

def rate(n, nbytes, cpu):
    """M guest insns/s, or MiB/s for a workload."""
    return (nbytes / MIB if nbytes else n / 1e6) / max(cpu, 1e-3)

against_base = []
for name, nbytes in LOOPS:
    spec, bmodel = SIMD_LOOPS.get(name, (None, None))
    img = os.path.join(imgdir, "bench_%s.bin" % name)
    tp, n = min(pcemu(img, spec) for _ in range(2))
    unit = "MiB/s" if nbytes else "M/s"
    ips_p = rate(n, nbytes, tp - base_p)
    if base_o is not None and name in ("alu", "copy", "branch"):
        to, no = min(pcemu(img, h=base_harness) for _ in range(2))
        if no != n:
            sys.exit("baseline counted %d instructions on %s, pcemu %d" % (no, name, n))
        ips_o = rate(n, None, to - base_o)
        against_base.append("%-7s baseline %7.1f M/s  pcemu %7.1f M/s (pcemu/baseline %.2f)"
                            % (name, ips_o, ips_p, ips_p / ips_o))
    line = "%-7s %10d insns  pcemu %7.1f %s" % (name, n, ips_p, unit)
    if base_q is not None:
        ips_q = rate(n, nbytes, best(lambda i: qemu_run(i, spec), img) - base_q)
        line += "  qemu-tcg %7.1f %s (pcemu/qemu %.2f)" % (ips_q, unit, ips_p / ips_q)
    if base_b is not None:
        runs = [r for r in (bochs_run(img, bmodel), bochs_run(img, bmodel)) if r]
        r = min(runs) if runs else None
        if r:
            ips_b = rate(n, nbytes, r[0] - base_b)
            line += "  bochs %7.1f %s (pcemu/bochs %.2f)" % (ips_b, unit, ips_p / ips_b)
            # Bochs stops before the two instructions that leave through the exit port
            if r[1] + 2 != n:
                line += " [bochs counted %d]" % r[1]
    print(line)
for line in against_base:
    print(line)
PY
