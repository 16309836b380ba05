# images.mk: the test guest (images/guest.asm), built from source into disk images under
# $(O)/images/: guest.qcow2 and guest.raw (runs forever), guest-halt.qcow2 (stops with
# CLI;HLT after 3 rounds), guest-disk.qcow2 (writes to its disk each round: DISK_WRITE).
# 16 MiB disks, as in the SeaBIOS reference logs.
GUEST_DIR := $(O)/images
GUEST_DISK_BYTES := 16777216

$(GUEST_DIR)/guest.bin: images/guest.asm
	@mkdir -p $(@D)
	nasm -f bin -o $@ $<
$(GUEST_DIR)/guest-halt.bin: images/guest.asm
	@mkdir -p $(@D)
	nasm -f bin -DMAX_ITER=3 -o $@ $<
$(GUEST_DIR)/guest-disk.bin: images/guest.asm
	@mkdir -p $(@D)
	nasm -f bin -DDISK_WRITE -o $@ $<
$(GUEST_DIR)/%.raw: $(GUEST_DIR)/%.bin
	rm -f $@
	truncate -s $(GUEST_DISK_BYTES) $@.tmp
	dd if=$< of=$@.tmp conv=notrunc status=none
	mv $@.tmp $@
$(GUEST_DIR)/%.qcow2: $(GUEST_DIR)/%.raw
	rm -f $@
	qemu-img convert -f raw -O qcow2 $< $@.tmp
	mv $@.tmp $@

images: $(GUEST_DIR)/guest.qcow2 $(GUEST_DIR)/guest.raw $(GUEST_DIR)/guest-halt.qcow2 \
    $(GUEST_DIR)/guest-disk.qcow2

# optrom.bin: images/optrom.asm with its checksum byte set (all 512 bytes sum to 0).
$(GUEST_DIR)/optrom.bin: images/optrom.asm
	@mkdir -p $(@D)
	nasm -f bin -o $@.tmp $<
	python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] = (-sum(b[:-1])) & 0xFF; open(sys.argv[1], "wb").write(b)' $@.tmp
	mv $@.tmp $@

images: $(GUEST_DIR)/optrom.bin

# idecheck.bin: images/idecheck.asm, a -bios program (tests/data/bios_pm.inc) that reads the
# disk through IDE PIO and bus-master DMA, for tests/scripts/ide_holes.sh.
$(GUEST_DIR)/idecheck.bin: images/idecheck.asm tests/data/bios_pm.inc
	@mkdir -p $(@D)
	nasm -f bin -i tests/data/ -o $@ $<

images: $(GUEST_DIR)/idecheck.bin
