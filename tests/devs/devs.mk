# devs.mk: the ISA-chip register probe (tests/devs/probe.asm), a 64 KiB -bios image that
# tests/scripts/devs_probe.sh runs on QEMU 7.2 and on pcemu.
$(O)/tests/devs/probe.bin: tests/devs/probe.asm
	@mkdir -p $(@D)
	nasm -f bin -o $@ $<

images: $(O)/tests/devs/probe.bin

# The device fuzz target starts from one valid body per table.
fuzz: o/fuzz/corpus/fuzz_devs/seed00
o/fuzz/corpus/fuzz_devs/seed00: o/fuzz/tests/fuzz/fuzz_devs
	@mkdir -p $(@D)
	PCEMU_FUZZ_SEED=$(@D) $<
