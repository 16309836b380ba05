# linux.mk: the Linux test guest, $(O)/images/linux/linux.qcow2 (Debian 12's i386 kernel,
# a busybox initramfs running images/linux/init, GRUB 2 on the serial console), built by
# images/linux/build.sh from Debian packages; the downloaded .debs stay in
# $(O)/images/linux/debs/ and are fetched again only when deleted. The same guest with
# Debian's 686-pae kernel (PAE paging) in $(O)/images/linux/pae/, from the same debs/.
LINUX_GUEST_DIR := $(O)/images/linux

# One run makes all three: the disk, and its kernel and initramfs as files (-kernel/-initrd).
# $(1): the directory; $(2): build.sh's FLAVOUR and DEBS arguments, if any.
define LINUX_IMAGE
$(1)/linux.qcow2 $(1)/vmlinuz $(1)/initrd.img &: \
                 images/linux/build.sh images/linux/mkdisk.py images/linux/init | $(O)/deps.ok
	images/linux/build.sh $(1) $(2)

images: $(1)/linux.qcow2 $(1)/vmlinuz $(1)/initrd.img
endef
$(eval $(call LINUX_IMAGE,$(LINUX_GUEST_DIR)))
$(eval $(call LINUX_IMAGE,$(LINUX_GUEST_DIR)/pae,686-pae $(LINUX_GUEST_DIR)/debs))
