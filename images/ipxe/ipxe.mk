# ipxe.mk: $(O)/images/ipxe/ipxe.iso, Debian's iPXE (ipxe.lkrn) on a GRUB 2 CD, built by
# images/ipxe/build.sh (tests/scripts/ipxe_boot.sh boots it).
IPXE_DIR := $(O)/images/ipxe

$(IPXE_DIR)/ipxe.iso: images/ipxe/build.sh | $(O)/deps.ok
	images/ipxe/build.sh $(IPXE_DIR)

images: $(IPXE_DIR)/ipxe.iso
