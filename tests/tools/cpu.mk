# tests/tools/cpu.mk: the CPU test programs (images/cpu/*.asm), NASM sources assembled into 64 KiB -bios
# images under $(O)/images/cpu/ (run by tests/scripts/cpu_nasm.sh on cpu_harness and,
# when present, on qemu-system-i386).
CPU_ASM := $(wildcard images/cpu/*.asm)
CPU_IMAGES := $(CPU_ASM:images/cpu/%.asm=$(O)/images/cpu/%.bin)
$(O)/images/cpu/%.bin: images/cpu/%.asm $(wildcard images/cpu/*.inc)
	@mkdir -p $(@D)
	nasm -f bin -I images/cpu/ -o $@ $<
images: $(CPU_IMAGES)
