# multiboot.mk: $(O)/images/multiboot/mbinfo.bin, a multiboot kernel that prints what it was
# handed (images/multiboot/mbinfo.asm), for tests/scripts/kernel_boot.sh's -kernel runs.
$(O)/images/multiboot/mbinfo.bin: images/multiboot/mbinfo.asm tests/data/print.inc
	@mkdir -p $(@D)
	nasm -f bin -i tests/data/ -o $@ $<

images: $(O)/images/multiboot/mbinfo.bin
