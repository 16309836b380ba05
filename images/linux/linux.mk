# linux.mk: the Linux test guest, $(O)/images/linux/linux.qcow2 (Debian 12's i386 kernel,
# a busybox initramfs running images/linux/init, GRUB 2 on the serial console), built by
# images/linux/build.sh from Debian packages; the downloaded .debs stay in
# $(O)/images/linux/debs/ and are fetched again only when deleted.
LINUX_GUEST_DIR := $(O)/images/linux

# One run makes all three: the disk, and its kernel and initramfs as files (-kernel/-initrd).
$(LINUX_GUEST_DIR)/linux.qcow2 $(LINUX_GUEST_DIR)/vmlinuz $(LINUX_GUEST_DIR)/initrd.img &: \
                                images/linux/build.sh images/linux/mkdisk.py images/linux/init \
                                | $(O)/deps.ok
	images/linux/build.sh $(LINUX_GUEST_DIR)

images: $(LINUX_GUEST_DIR)/linux.qcow2 $(LINUX_GUEST_DIR)/vmlinuz $(LINUX_GUEST_DIR)/initrd.img
