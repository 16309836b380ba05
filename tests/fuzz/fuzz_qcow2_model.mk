# The model-based qcow2 fuzz target runs much longer than the others (its sequences are
# what block_model.sh runs from fixed seeds, unbounded here): FUZZ_MODEL_SECONDS, on top
# of the FUZZ_SECONDS every target gets. Seeds: random operation sequences from the
# tool's pattern command (the input's bytes decide everything). Built, never committed.
FUZZ_MODEL_SECONDS ?= 300
.PHONY: fuzz-qcow2-model
fuzz: fuzz-qcow2-model
fuzz-qcow2-model: $(FZ)/tests/fuzz/fuzz_qcow2_model $(FZ)/corpus/fuzz_qcow2_model/.seeded
	$< -max_total_time=$(FUZZ_MODEL_SECONDS) -print_final_stats=1 $(FZ)/corpus/fuzz_qcow2_model
$(FZ)/corpus/fuzz_qcow2_model/.seeded: tests/fuzz/fuzz_qcow2_model.mk $(O)/tests/tools/qcow2_model
	@mkdir -p $(@D)
	for s in 1 2 3 4 5 6 7 8; do $(O)/tests/tools/qcow2_model pattern $$s 700 > $(@D)/seed$$s; done
	@touch $@
