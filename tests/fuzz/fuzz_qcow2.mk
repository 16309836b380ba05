# Seeds for the qcow2 fuzz target: small images made by the real qemu-img (v3 and v2,
# 512-byte clusters, data, a snapshot, compressed clusters). Built, never committed.
fuzz: o/fuzz/corpus/fuzz_qcow2/.seeded
o/fuzz/corpus/fuzz_qcow2/.seeded: tests/fuzz/fuzz_qcow2.mk
	@mkdir -p $(@D)
	qemu-img create -q -f qcow2 -o cluster_size=512 $(@D)/v3.qcow2 64k
	qemu-io -c "write -P 1 0 1k" $(@D)/v3.qcow2 > /dev/null
	qemu-img snapshot -c s $(@D)/v3.qcow2
	qemu-img create -q -f qcow2 -o cluster_size=512,compat=0.10 $(@D)/v2.qcow2 64k
	qemu-io -c "write -P 2 1k 2k" $(@D)/v2.qcow2 > /dev/null
	qemu-img snapshot -c s $(@D)/v2.qcow2
	qemu-img convert -c -O qcow2 -o cluster_size=512 $(@D)/v3.qcow2 $(@D)/zlib.qcow2
	qemu-img convert -c -O qcow2 -o cluster_size=512,compression_type=zstd $(@D)/v3.qcow2 $(@D)/zstd.qcow2
	@touch $@
