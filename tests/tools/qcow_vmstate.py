#!/usr/bin/env python3
"""qcow_vmstate.py IMAGE NAME: the VM-state bytes of snapshot NAME to stdout.

An independent reader for the block tests (no pcemu code): parses the qcow2 header and
snapshot table and walks the snapshot's own L1/L2 tables from the VM-state offset
(qcow2-snapshots.md section 8). Plain, zero and zlib-compressed clusters."""
import struct, sys, zlib

def main():
    path, name = sys.argv[1], sys.argv[2].encode()
    f = open(path, 'rb')
    def rd(off, n):
        f.seek(off)
        b = f.read(n)
        return b + bytes(n - len(b))
    h = rd(0, 112)
    magic, version = struct.unpack('>II', h[:8])
    assert magic == 0x514649fb, 'not qcow2'
    cbits, = struct.unpack('>I', h[20:24])
    size, = struct.unpack('>Q', h[24:32])
    nsn, snoff = struct.unpack('>IQ', h[60:72])
    cs = 1 << cbits
    l2e = cs // 8
    pos = snoff
    for _ in range(nsn):
        pos = (pos + 7) & ~7
        l1off, l1n, idl, nl, ds, dn, clk, vms32, extra = struct.unpack('>QIHHIIQII', rd(pos, 40))
        ex = rd(pos + 40, extra)
        sid = rd(pos + 40 + extra, idl)
        sname = rd(pos + 40 + extra + idl, nl)
        pos += 40 + extra + idl + nl
        if sname != name:
            continue
        vms = struct.unpack('>Q', ex[:8])[0] if extra >= 8 else vms32
        dsize = struct.unpack('>Q', ex[8:16])[0] if extra >= 16 else size
        cover = cs * l2e
        base = (dsize + cover - 1) // cover * cover
        l1 = struct.unpack('>%dQ' % l1n, rd(l1off, 8 * l1n))
        out = bytearray()
        g = base
        while len(out) < vms:
            ci = g // cs
            i1, i2 = ci // l2e, ci % l2e
            data = bytes(cs)
            if i1 < l1n and l1[i1] & 0x00fffffffffffe00:
                e, = struct.unpack('>Q', rd((l1[i1] & 0x00fffffffffffe00) + 8 * i2, 8))
                if e & (1 << 62):
                    x = 62 - (cbits - 8)
                    coff = e & ((1 << x) - 1)
                    nb = ((e >> x) & ((1 << (cbits - 8)) - 1)) + 1
                    data = zlib.decompressobj(-15).decompress(rd(coff, nb * 512 - (coff & 511)))[:cs]
                elif (e & 0x00fffffffffffe00) and not (e & 1):
                    data = rd(e & 0x00fffffffffffe00, cs)
            out += data
            g += cs
        sys.stdout.buffer.write(bytes(out[:vms]))
        return 0
    print('snapshot not found', file=sys.stderr)
    return 1

sys.exit(main())
