# cdrom.mk: the test CD, $(O)/images/cdrom/grub.iso: GRUB for BIOS PCs made into an El
# Torito ISO by grub-mkrescue (grub-pc-bin, xorriso, mtools), images/cdrom/grub.cfg in
# /boot/grub. A fixed SOURCE_DATE_EPOCH makes xorriso's timestamps, and so the image,
# the same on every build. Used by tests/scripts/cdrom_boot.sh.
CDROM_DIR := $(O)/images/cdrom

$(CDROM_DIR)/grub.iso: images/cdrom/grub.cfg
	rm -rf $(CDROM_DIR)/tree
	mkdir -p $(CDROM_DIR)/tree/boot/grub
	cp images/cdrom/grub.cfg $(CDROM_DIR)/tree/boot/grub/grub.cfg
	SOURCE_DATE_EPOCH=1700000000 grub-mkrescue -o $@.tmp $(CDROM_DIR)/tree \
	    --modules="serial terminal echo" 2>$(CDROM_DIR)/grub-mkrescue.log || \
	    { cat $(CDROM_DIR)/grub-mkrescue.log; exit 1; }
	mv $@.tmp $@

images: $(CDROM_DIR)/grub.iso
