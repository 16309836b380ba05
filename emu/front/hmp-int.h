/* hmp-int.h: the human monitor's command handlers shared by hmp.c (the command table,
 * the connection), hmp_info.c (commands that show the machine), hmp_mtree.c and
 * hmp_sendkey.c. Private to emu/front. A handler gets the rest of the command line (NULL
 * when empty). */
#ifndef PCEMU_HMP_INT_H
#define PCEMU_HMP_INT_H

#include "emu/front/hmp.h"

void hmp_x(VmCtl *vm, const char *arg, MonOut *out);
void hmp_xp(VmCtl *vm, const char *arg, MonOut *out);
void hmp_print(VmCtl *vm, const char *arg, MonOut *out);
void hmp_sendkey(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_block(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_blockstats(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_chardev(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_cpus(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_irq(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_lapic(VmCtl *vm, const char *arg, MonOut *out);
/* arg: the options after "mtree" (NULL or blank for none) */
void hmp_info_mtree(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_qtree(VmCtl *vm, const char *arg, MonOut *out);
/* QEMU's pci_class_descriptions name for a class code, or NULL (hmp_info.c). */
const char *pci_class_desc(uint16_t cls);
void hmp_info_pci(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_pic(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_roms(VmCtl *vm, const char *arg, MonOut *out);
void hmp_info_version(VmCtl *vm, const char *arg, MonOut *out);

#endif
