#!/usr/bin/env python3
"""qcow_mutate.py: the mutation campaign of block_mutate.sh against pcemu's qcow2 open,
check and repair paths.

usage: qcow_mutate.py --seed N --per-image M --img PCEMU_IMG --reader QCOW_READ_ALL
                      --work DIR IMAGE...

Each valid IMAGE is parsed (header, extensions, L1/L2 tables, refcount table and blocks,
snapshot table) and M mutants are made from it with random.Random(seed): bit flips inside
those structures and rewrites of one of their fields with chosen values (0, 1, all ones,
the end of the file, one cluster past it, misaligned offsets, flag bits, neighbours of the
old value), sometimes two at once, sometimes a truncated file. On every mutant:

  read-only:  pcemu-img info, check, snapshot -l, and qcow_read_all (the whole disk and
              every snapshot's VM state, read-only); the file must not change
  read-write: pcemu-img check -r leaks, check -r all, snapshot -c (each on its own copy);
              an open that is refused must leave the copy byte-identical, except for
              autoclear bits cleared (QEMU clears unknown ones too)
  reference:  qemu-img check on the mutant; pcemu-img check must exit with its status
              (0 clean, 2 corrupt, 3 leaks, 1 failed); qemu-img check -r leaks on a copy,
              whose status is compared with pcemu's and counted (not a failure)
  writes:     a snapshot -c that succeeds on an image qemu-img finds clean must leave it
              without errors for qemu-img (leaks allowed, see below)

Known disagreements, counted and printed apart (not failures), all from one difference:
qemu-img check opens an image in QEMU's check mode, which does not read the snapshot table
at open and accepts a refcount table of 0 clusters, then reports those problems as
findings; pcemu has one open for every use, so pcemu-img check refuses such an image (a
snapshot table or entry that pcemu's open rejects, a refcount table of 0 clusters). KNOWN
matches those refusals.

Every pcemu program runs under ASan/UBSan: a sanitizer report, a signal or a hang is a
failure. Prints the counts and each failure; exits 1 when there is any. 
"""
import re
import argparse
import hashlib
import os
import random
import struct
import subprocess
import sys

# pcemu's open refusals that QEMU's check mode turns into findings (see above)
KNOWN = (r'Could not open .*(snapshot table outside the file|snapshot \d+: |'
         r'refcount table size 0 clusters)')
TIMEOUT = 600   # a hang guard only; no operation here takes more than seconds
ENV = dict(os.environ, ASAN_OPTIONS='detect_leaks=1:exitcode=86',
           UBSAN_OPTIONS='halt_on_error=1:print_stacktrace=1:exitcode=87')


def be(data, off, width):
    return int.from_bytes(data[off:off + width], 'big')


class Layout:
    """Where the metadata of a valid image is: a list of (what, offset, width)."""

    def __init__(self, data):
        self.data = data
        self.fields = []
        self.regions = []            # (what, offset, length) for bit flips
        d = data
        self.version = be(d, 4, 4)
        cb = be(d, 20, 4)
        self.cs = cs = 1 << cb
        hl = 72 if self.version == 2 else be(d, 100, 4)
        order = 4 if self.version == 2 else be(d, 96, 4)
        ext_l2 = self.version == 3 and be(d, 72, 8) & 16
        esize = 16 if ext_l2 else 8
        hdr = [(4, 4, 'version'), (8, 8, 'backing offset'), (16, 4, 'backing size'),
               (20, 4, 'cluster_bits'), (24, 8, 'size'), (32, 4, 'crypt'),
               (36, 4, 'l1_size'), (40, 8, 'l1_offset'), (48, 8, 'rt_offset'),
               (56, 4, 'rt_clusters'), (60, 4, 'nb_snapshots'), (64, 8, 'snap_offset')]
        if self.version == 3:
            hdr += [(72, 8, 'incompat'), (80, 8, 'compat'), (88, 8, 'autoclear'),
                    (96, 4, 'refcount_order'), (100, 4, 'header_length')]
            if hl > 104:
                hdr.append((104, 1, 'compression_type'))
        for off, w, name in hdr:
            self.fields.append(('header ' + name, off, w))
        self.regions.append(('header', 0, hl))
        off = hl
        while off + 8 <= cs:
            t, n = be(d, off, 4), be(d, off + 4, 4)
            self.fields += [('extension %#x type' % t, off, 4), ('extension %#x length' % t,
                                                                  off + 4, 4)]
            self.regions.append(('extension %#x' % t, off, 8 + min(n, cs - off - 8)))
            if t == 0:
                break
            off += 8 + ((n + 7) & ~7)
        l1s = [('active', be(d, 40, 8), be(d, 36, 4))]
        nsn, so = be(d, 60, 4), be(d, 64, 8)
        for i in range(nsn):
            if so + 40 > len(d):
                break
            for rel, w, name in [(0, 8, 'l1_offset'), (8, 4, 'l1_size'), (12, 2, 'id_len'),
                                 (14, 2, 'name_len'), (32, 4, 'vm_state_size'),
                                 (36, 4, 'extra_size'), (40, 8, 'vm_state_size_large'),
                                 (48, 8, 'disk_size'), (56, 8, 'icount')]:
                if rel < 40 + be(d, so + 36, 4):
                    self.fields.append(('snapshot %d %s' % (i, name), so + rel, w))
            ent = 40 + be(d, so + 36, 4) + be(d, so + 12, 2) + be(d, so + 14, 2)
            self.regions.append(('snapshot entry %d' % i, so, ent))
            l1s.append(('snapshot %d' % i, be(d, so, 8), be(d, so + 8, 4)))
            so += (ent + 7) & ~7
        seen_l2 = set()
        for what, off, n in l1s:
            if off + 8 * n > len(d):
                continue
            self.regions.append((what + ' L1', off, 8 * n))
            for i in range(n):
                e = be(d, off + 8 * i, 8)
                self.fields.append(('%s L1[%d]' % (what, i), off + 8 * i, 8))
                l2 = e & 0x00fffffffffffe00
                if not l2 or l2 in seen_l2 or l2 + cs > len(d):
                    continue
                seen_l2.add(l2)
                self.regions.append(('L2 at %#x' % l2, l2, cs))
                for j in range(cs // esize):
                    if be(d, l2 + j * esize, 8) or j < 2:
                        self.fields.append(('L2 at %#x [%d]' % (l2, j), l2 + j * esize, 8))
        rt, rtc = be(d, 48, 8), be(d, 56, 4)
        self.regions.append(('refcount table', rt, min(8, rtc * cs)))
        for i in range(rtc * cs // 8):
            e = be(d, rt + 8 * i, 8)
            if e == 0 and i > 1:
                continue
            self.fields.append(('refcount table[%d]' % i, rt + 8 * i, 8))
            if e and e + cs <= len(d):
                self.regions.append(('refcount block %d' % i, e, cs))
                bits = 1 << order
                used = (len(d) + cs - 1) // cs
                for k in range(min(used + 1, cs * 8 // bits)):
                    if bits >= 8:
                        self.fields.append(('refcount block %d [%d]' % (i, k),
                                            e + k * bits // 8, bits // 8))
                    else:
                        self.fields.append(('refcount block %d byte of [%d]' % (i, k),
                                            e + k * bits // 8, 1))


def values(rng, old, width, fsize, cs):
    top = (1 << (8 * width)) - 1
    if width == 8:
        c = [0, 1, 1 << 63, (1 << 63) | fsize, fsize, fsize + cs, (1 << 63) | (fsize + cs),
             cs, cs + 8, (1 << 63) | cs, 0x00fffffffffffe00, (1 << 62) | rng.getrandbits(56),
             old ^ (1 << rng.randrange(64)), old + cs, old - cs, old | 1, old | (1 << 62),
             old & ~(1 << 63), top, rng.getrandbits(64)]
    elif width == 4:
        c = [0, 1, 2, 3, 7, 8, 9, 21, 22, 104, 112, 0xfff8, 65536, 65537, 0x7fffffff, top,
             old + 1, old - 1, old * 2, rng.getrandbits(32), fsize // cs, fsize // cs + 1]
    elif width == 2:
        c = [0, 1, 2, top, old + 1, old - 1, 0x100]
    else:
        c = [0, 1, 2, 3, 0x80, top, old ^ (1 << rng.randrange(8))]
    return rng.choice(c) & top


def mutate(rng, lay):
    d = bytearray(lay.data)
    desc = []
    for _ in range(2 if rng.random() < 0.1 else 1):
        r = rng.random()
        if r < 0.6 and lay.fields:
            what, off, w = rng.choice(lay.fields)
            old = be(d, off, w)
            v = values(rng, old, w, len(d), lay.cs)
            d[off:off + w] = v.to_bytes(w, 'big')
            desc.append('%s (%#x) %#x -> %#x' % (what, off, old, v))
        elif r < 0.95 and lay.regions:
            what, off, n = rng.choice(lay.regions)
            if n <= 0 or off + n > len(d):
                continue
            bit = rng.randrange(8 * n)
            d[off + bit // 8] ^= 1 << (bit % 8)
            desc.append('%s: bit %d of byte %#x flipped' % (what, bit % 8, off + bit // 8))
        else:
            cut = rng.randrange(len(d))
            del d[cut:]
            desc.append('truncated to %d bytes' % cut)
    return bytes(d), '; '.join(desc)


def run(argv, timeout=TIMEOUT):
    try:
        p = subprocess.run(argv, env=ENV, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return 'hang', '', 'no exit in %d s' % timeout


def sanitizer(rc, err):
    return (rc == 'hang' or rc in (86, 87) or (isinstance(rc, int) and rc < 0) or
            'Sanitizer' in err or 'runtime error:' in err)


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).digest()


def only_autoclear_cleared(before, after):
    """True when after equals before except for autoclear bits cleared (bytes 88..95)."""
    if len(before) != len(after) or len(before) < 96:
        return False
    if before[:88] != after[:88] or before[96:] != after[96:]:
        return False
    b, a = be(before, 88, 8), be(after, 88, 8)
    return a & ~b == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--per-image', type=int, required=True)
    ap.add_argument('--img', required=True)
    ap.add_argument('--reader', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('images', nargs='+')
    a = ap.parse_args()
    rng = random.Random(a.seed)
    n = dict(images=0, mutants=0, operations=0, refusals=0, qemu_checks=0, agree=0,
             disagree=0, known=0, leaks_agree=0, leaks_disagree=0)
    failures, known = [], []
    seen = set()
    m = os.path.join(a.work, 'm.qcow2')
    c = os.path.join(a.work, 'c.qcow2')

    def fail(kind, base, desc, op, rc, err):
        failures.append('%s: %s: %s: %s: exit %s: %s' % (kind, os.path.basename(base), desc,
                                                        op, rc, err.strip()[-600:]))

    for base in a.images:
        with open(base, 'rb') as f:
            data = f.read()
        lay = Layout(data)
        n['images'] += 1
        made = 0
        while made < a.per_image:
            mut, desc = mutate(rng, lay)
            h = hashlib.sha256(mut).digest()
            if mut == data or h in seen:
                continue
            seen.add(h)
            made += 1
            n['mutants'] += 1
            with open(m, 'wb') as f:
                f.write(mut)
            ro = [('info', [a.img, 'info', m]), ('check', [a.img, 'check', m]),
                  ('snapshot -l', [a.img, 'snapshot', '-l', m]), ('read', [a.reader, m])]
            status, errs = {}, {}
            for name, argv in ro:
                rc, out, err = run(argv)
                n['operations'] += 1
                status[name], errs[name] = rc, err
                if sanitizer(rc, err):
                    fail('CRASH', base, desc, name, rc, err)
                if rc != 0:
                    n['refusals'] += 1
                if sha(m) != h:
                    fail('CHANGED', base, desc, name, rc, 'a read-only operation wrote')
                    with open(m, 'wb') as f:
                        f.write(mut)
            qrc, _, qerr = run(['qemu-img', 'check', m])
            n['qemu_checks'] += 1
            qemu_clean = qrc == 0
            if status['check'] == qrc:
                n['agree'] += 1
            elif status['check'] == 1 and re.search(KNOWN, errs['check']):
                n['known'] += 1
                known.append('KNOWN: %s: %s: pcemu-img check 1, qemu-img %s: %s'
                             % (os.path.basename(base), desc, qrc,
                                errs['check'].strip()[-200:]))
            else:
                n['disagree'] += 1
                fail('DISAGREE', base, desc, 'check (qemu-img %s)' % qrc, status['check'],
                     errs['check'].strip()[-200:] + ' | qemu-img: ' + qerr.strip()[-200:])
            for name, argv in [('check -r leaks', ['check', '-r', 'leaks']),
                               ('check -r all', ['check', '-r', 'all']),
                               ('snapshot -c', ['snapshot', '-c', 'mut'])]:
                with open(c, 'wb') as f:
                    f.write(mut)
                rc, out, err = run([a.img] + argv + [c])
                n['operations'] += 1
                if name == 'check -r leaks':
                    # informational: QEMU's repairs differ in method (in place against
                    # pcemu's one transaction), so only the counts are reported
                    with open(c + '.q', 'wb') as f:
                        f.write(mut)
                    lrc, _, _ = run(['qemu-img', 'check', '-r', 'leaks', c + '.q'])
                    n['qemu_checks'] += 1
                    n['leaks_agree' if lrc == rc else 'leaks_disagree'] += 1
                    if lrc != rc:
                        known.append('R-LEAKS: %s: %s: pcemu-img check -r leaks %s, qemu-img '
                                     '%s: %s' % (os.path.basename(base), desc, rc, lrc,
                                                 err.strip()[-200:]))
                if sanitizer(rc, err):
                    fail('CRASH', base, desc, name, rc, err)
                with open(c, 'rb') as f:
                    after = f.read()
                if rc != 0 and 'Could not open' in err:
                    n['refusals'] += 1
                    if after != mut and not only_autoclear_cleared(mut, after):
                        fail('CHANGED', base, desc, name, rc, 'refused, yet the file changed: '
                             + err)
                if name == 'snapshot -c' and rc == 0 and qemu_clean:
                    qrc2, _, qerr2 = run(['qemu-img', 'check', c])
                    n['qemu_checks'] += 1
                    # leaks are allowed: a refcount past the end of the file is not
                    # compared, and once the file grows over it (QEMU's allocator skips
                    # it too) it is a leak
                    if qrc2 not in (0, 3):
                        fail('WORSE', base, desc, name, rc, 'qemu-img check %s after a '
                             'snapshot of a clean image: %s' % (qrc2, qerr2.strip()[-300:]))
    print('block_mutate: seed %d: %d images, %d mutants, %d operations, %d refusals, '
          '%d qemu-img checks; pcemu-img check agrees on %d mutants, disagrees on %d '
          '(and on %d known)' % (a.seed, n['images'], n['mutants'], n['operations'],
                                 n['refusals'], n['qemu_checks'], n['agree'], n['disagree'],
                                 n['known']))
    print('check -r leaks exits as qemu-img check -r leaks does on %d mutants, otherwise on %d'
          % (n['leaks_agree'], n['leaks_disagree']))
    for f in known + failures:
        print(f)
    print('%d failures' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
