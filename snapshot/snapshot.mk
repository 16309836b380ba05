# snapshot/analyze.c decodes the vmdesc JSON with jansson (libjansson-dev).
LDLIBS += -ljansson
