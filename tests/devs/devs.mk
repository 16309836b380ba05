# devs.mk: the ISA-chip register probe (tests/devs/probe.asm), a 64 KiB -bios image that
# tests/scripts/devs_probe.sh runs on QEMU 7.2 and on pcemu.
$(O)/tests/devs/probe.bin: tests/devs/probe.asm
	@mkdir -p $(@D)
	nasm -f bin -o $@ $<

images: $(O)/tests/devs/probe.bin
