/* qmp_media.h: removable media at run time, QEMU 7.2's block device commands over the
 * CD-ROM and floppy drives (blockdev.c: eject, blockdev-open-tray, blockdev-close-tray,
 * blockdev-remove-medium, blockdev-change-medium), shared by QMP (qmp.c) and the human
 * monitor's eject and change, which call them as QEMU's HMP calls its QMP commands.
 * Every step that moves a tray sends QMP's DEVICE_TRAY_MOVED event through the VmCtl.
 *
 * A drive is named as QEMU's qmp_get_blk finds it: device, its drive name ("ide1-cd0"),
 * or id, its device's QOM path ("/machine/unattached/device[17]", query-block's "qdev";
 * pcemu's drives have no -device id). Errors are QEMU's texts; err->code -ENODEV means
 * QMP's DeviceNotFound class, any other GenericError. */
#ifndef PCEMU_QMP_MEDIA_H
#define PCEMU_QMP_MEDIA_H

#include "emu/base/base.h"
#include "emu/vmctl/runstate.h"

/* read-only-mode of blockdev-change-medium */
typedef enum QmpRoMode { QMP_RO_RETAIN, QMP_RO_READ_ONLY, QMP_RO_READ_WRITE } QmpRoMode;

/* Parses a read-only-mode name ("retain", "read-only", "read-write"); -EINVAL otherwise. */
int qmp_ro_mode(const char *name, QmpRoMode *out);

/* The drive (its index) that device or id names, as QEMU's qmp_get_blk finds it; *shown
 * is the name its errors use. A negative errno with err when there is none. */
int qmp_media_drive(VmCtl *vm, const char *device, const char *id, const char **shown,
                    Err *err);
int qmp_eject(VmCtl *vm, const char *device, const char *id, bool force, Err *err);
int qmp_open_tray(VmCtl *vm, const char *device, const char *id, bool force, Err *err);
int qmp_close_tray(VmCtl *vm, const char *device, const char *id, Err *err);
int qmp_remove_medium(VmCtl *vm, const char *id, Err *err);
/* format NULL: probe. */
int qmp_change_medium(VmCtl *vm, const char *device, const char *id, const char *filename,
                      const char *format, bool force, QmpRoMode ro, Err *err);

/* Sends DEVICE_TRAY_MOVED for the tray moves the guest makes in vm's machine: called
 * before each run slice, as loadvm replaces the machine. */
void qmp_media_watch(VmCtl *vm);

/* The tray of CD-ROM drive index (IDE 0..3) as query-block shows it. */
bool qmp_cd_tray_open(Machine *m, int index);
bool qmp_cd_locked(Machine *m, int index);

#endif
