/* hmp_mtree.c: HMP `info mtree [-f][-d][-o][-D]`, QEMU 7.2's listing of the machine's
 * region tree (emu/hw/mtree.h). Not provided: the dispatch tree (-f -d) and the region
 * owners (-o), which name QEMU's internal objects; each is refused in one line. */
#include "emu/front/hmp-int.h"

#include <string.h>

#include "emu/hw/bus.h"
#include "emu/machine/machine.h"

static void put_text(void *opaque, const char *text) { monout_printf(opaque, "%s", text); }

void hmp_info_mtree(VmCtl *vm, const char *arg, MonOut *out)
{
    bool flat = false, dispatch = false, owner = false, disabled = false;
    char opt[64];
    int n = 0;
    /* QEMU's "-f-d-o-D" argument type: any order, each at most once in effect */
    while (arg && sscanf(arg, " %63s%n", opt, &n) == 1) {
        arg += n;
        if (!strcmp(opt, "-f"))
            flat = true;
        else if (!strcmp(opt, "-d"))
            dispatch = true;
        else if (!strcmp(opt, "-o"))
            owner = true;
        else if (!strcmp(opt, "-D"))
            disabled = true;
        else {
            monout_printf(out, "mtree: unsupported option %s\n"
                          "Try \"help info mtree\" for more information\n", opt);
            return;
        }
    }
    if (owner || (flat && dispatch)) {
        monout_printf(out, "'info mtree %s' is a QEMU option that pcemu does not provide\n",
                      owner ? "-o" : "-f -d");
        return;
    }
    mtree_print(bus_mtree(machine_bus(vm->m)), flat, disabled, put_text, out);
}
