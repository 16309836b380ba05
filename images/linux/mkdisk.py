#!/usr/bin/env python3
"""mkdisk.py: the two steps of the Linux test guest's build that need no root and no
loop device, done on plain files (called by build.sh):

  mkdisk.py initramfs OUT INIT BUSYBOX [MODULE...]
      a newc cpio archive (the format the kernel unpacks, Documentation/
      driver-api/early-userspace/buffer-format.rst) holding /init, /bin/busybox, /bin/sh,
      the /dev/console node the kernel opens before it runs /init, and each MODULE as
      /lib/modules/NAME (for busybox insmod). Written here
      rather than by cpio(1) because a device node in an archive would otherwise need
      mknod, that is root. Owner 0:0 and time 0 everywhere, so the archive is the same
      on every build.
  mkdisk.py disk OUT BOOT_IMG CORE_IMG PART_IMG
      an MBR disk: GRUB's boot.img in the boot code area, one active Linux partition
      (type 0x83) at 1 MiB holding PART_IMG, and core.img in the gap after the MBR (its
      first sector at LBA 1), as grub-bios-setup embeds it.
"""
import sys

SECTOR = 512
PART_LBA = 2048                 # the partition starts at 1 MiB, the gap holds core.img


def cpio_entry(name, mode, data=b"", rdev=(0, 0), ino=1):
    """One newc header (13 8-digit hex fields after the magic) and its padded body."""
    namez = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(namez), 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields) + namez
    hdr += b"\0" * (-len(hdr) % 4)
    return hdr + data + b"\0" * (-len(data) % 4)


def initramfs(out, init_path, busybox_path, *module_paths):
    with open(init_path, "rb") as f:
        init = f.read()
    with open(busybox_path, "rb") as f:
        busybox = f.read()
    modules = []
    for p in module_paths:
        with open(p, "rb") as f:
            modules.append(("lib/modules/" + p.rsplit("/", 1)[-1], 0o100644, f.read(), (0, 0)))
    entries = [
        ("bin", 0o040755, b"", (0, 0)),
        ("bin/busybox", 0o100755, busybox, (0, 0)),
        ("bin/sh", 0o120777, b"busybox", (0, 0)),
        ("dev", 0o040755, b"", (0, 0)),
        ("dev/console", 0o020600, b"", (5, 1)),
        ("init", 0o100755, init, (0, 0)),
    ] + ([("lib", 0o040755, b"", (0, 0)), ("lib/modules", 0o040755, b"", (0, 0))] + modules
         if modules else []) + [
        ("proc", 0o040755, b"", (0, 0)),
        ("sys", 0o040755, b"", (0, 0)),
        ("tmp", 0o041777, b"", (0, 0)),
    ]
    blob = b""
    for n, (name, mode, data, rdev) in enumerate(entries):
        blob += cpio_entry(name, mode, data, rdev, ino=n + 1)
    blob += cpio_entry("TRAILER!!!", 0, ino=0)
    blob += b"\0" * (-len(blob) % SECTOR)
    with open(out, "wb") as f:
        f.write(blob)


def disk(out, boot_path, core_path, part_path):
    with open(boot_path, "rb") as f:
        boot = bytearray(f.read())
    with open(core_path, "rb") as f:
        core = f.read()
    with open(part_path, "rb") as f:
        part = f.read()
    if len(boot) != SECTOR:
        sys.exit("mkdisk: %s is %d bytes, not one sector" % (boot_path, len(boot)))
    if len(core) > (PART_LBA - 1) * SECTOR:
        sys.exit("mkdisk: core.img (%d bytes) does not fit before the partition" % len(core))
    if len(part) % SECTOR:
        sys.exit("mkdisk: the partition image is not a whole number of sectors")
    # boot.img's variables (GRUB's include/grub/i386/pc/boot.h): the 64-bit LBA of
    # core.img's first sector at 0x5C, the boot drive at 0x64 (0xFF: the one the BIOS
    # passes in DL); grub-bios-setup also turns the 2-byte jump at 0x66 into NOPs on a
    # hard disk, so a BIOS that passes a floppy number in DL still boots from 0x80.
    boot[0x5C:0x64] = (1).to_bytes(8, "little")
    boot[0x64] = 0xFF
    boot[0x66:0x68] = b"\x90\x90"
    mbr = bytearray(SECTOR)
    mbr[:0x1B8] = boot[:0x1B8]                  # code, up to the disk signature
    mbr[0x1B8:0x1BC] = (0x6C696E75).to_bytes(4, "little")
    nsect = len(part) // SECTOR
    entry = bytearray(16)
    entry[0] = 0x80                             # active
    entry[1:4] = b"\xFE\xFF\xFF"                # CHS beyond 1024 cylinders: use the LBA
    entry[4] = 0x83                             # Linux
    entry[5:8] = b"\xFE\xFF\xFF"
    entry[8:12] = PART_LBA.to_bytes(4, "little")
    entry[12:16] = nsect.to_bytes(4, "little")
    mbr[0x1BE:0x1CE] = entry
    mbr[0x1FE:0x200] = b"\x55\xAA"
    img = bytearray(PART_LBA * SECTOR)
    img[:SECTOR] = mbr
    img[SECTOR:SECTOR + len(core)] = core
    with open(out, "wb") as f:
        f.write(img)
        f.write(part)


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "initramfs":
        initramfs(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "disk":
        disk(*sys.argv[2:])
    else:
        sys.exit(__doc__)
