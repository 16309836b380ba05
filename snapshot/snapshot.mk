# snapshot/format/analyze.c decodes the vmdesc JSON with jansson (libjansson-dev), linked
# in from its .a as zstd and z (GNUmakefile: start-up).
LDLIBS += -Wl,-Bstatic -ljansson -Wl,-Bdynamic

# The hostile-stream test (tests/scripts/snap_qemu.sh) runs vmsreencode --hostile under
# ASan/UBSan: build that copy in the o/asan tree too.
ifeq ($(MODE),)
.PHONY: snap-asan-tools
images: snap-asan-tools
snap-asan-tools:
	+$(MAKE) MODE=asan o/asan/tests/tools/vmsreencode
endif

# The loader fuzz target starts from a valid stream of its own registry.
fuzz: o/fuzz/corpus/fuzz_loadvm/seed
o/fuzz/corpus/fuzz_loadvm/seed: o/fuzz/tests/fuzz/fuzz_loadvm
	@mkdir -p $(@D)
	PCEMU_FUZZ_SEED=$@ $<
fuzz: o/fuzz/corpus/fuzz_loadvm_dump/seed
o/fuzz/corpus/fuzz_loadvm_dump/seed: o/fuzz/corpus/fuzz_loadvm/seed
	@mkdir -p $(@D)
	cp $< $@
