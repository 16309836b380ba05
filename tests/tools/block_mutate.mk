# tests/tools/block_mutate.mk: tests/scripts/block_mutate.sh runs pcemu-img and qcow_read_all
# under ASan/UBSan, so the scripted tests build them in MODE=asan (sharing o/asan/libpcemu.a
# with the unit tests); make fuzz runs the campaign longer, with another seed.
ifeq ($(MODE),)
check-scripts fuzz: asan-block-tools
.PHONY: asan-block-tools fuzz-block-mutate
asan-block-tools: | $(O)/deps.ok
	+$(MAKE) MODE=asan o/asan/bin/pcemu-img o/asan/tests/tools/qcow_read_all
fuzz: fuzz-block-mutate
fuzz-block-mutate: all asan-block-tools
	@SEED=$${SEED:-2} MUTANTS=$${MUTANTS:-30} O=$(O) tests/run-scripts.sh tests/scripts/block_mutate.sh
endif
