/* qmp_media.c: removable media at run time (qmp_media.h), after QEMU 7.2's blockdev.c
 * (do_open_tray, blockdev_remove_medium, qmp_blockdev_close_tray,
 * qmp_blockdev_change_medium) and block-backend.c (blk_dev_change_media_cb, which sends
 * DEVICE_TRAY_MOVED when the tray moved).
 *
 * Which drives: the CD-ROM drives have a tray and a removable medium. The floppy drives
 * have a removable medium and no tray: opening one's tray fails with -ENOSYS, which eject,
 * change and blockdev-open-tray ignore, blockdev-close-tray does nothing, and the drive
 * sees a removal or an insertion at once (QEMU's block layer calls its change_media_cb
 * itself). The hard disks are not removable.
 *
 * eject = open the tray (refused while the guest locks it, unless forced) + remove;
 * change = open the file + open the tray + remove + insert + close the tray. */
#include "emu/remote/qmp_media.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "emu/dev/ide/ide.h"
#include "emu/remote/qmp.h"

static IdeState *ide_of(Machine *m)
{
    return machine_section_state(m, "0000:00:01.1/ide", 0);
}

bool qmp_cd_tray_open(Machine *m, int index) { return ide_cd_tray_open(ide_of(m), index); }
bool qmp_cd_locked(Machine *m, int index) { return ide_cd_locked(ide_of(m), index); }

int qmp_ro_mode(const char *name, QmpRoMode *out)
{
    static const char *const names[] = { "retain", "read-only", "read-write" };
    for (int i = 0; i < 3; i++) {
        if (!strcmp(name, names[i])) {
            *out = (QmpRoMode)i;
            return 0;
        }
    }
    return -EINVAL;
}

int qmp_media_drive(VmCtl *vm, const char *device, const char *id, const char **shown,
                    Err *err)
{
    if (!device == !id)
        return ERR(err, -EINVAL, "Need exactly one of 'device' and 'id'");
    *shown = id ? id : device;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        char buf[40];
        if (!machine_has_drive(vm->m, i))
            continue;
        if (device ? !strcmp(device, qmp_drive_name(vm->m, i, buf))
                   : !strcmp(id, qmp_drive_qdev(vm->m, i, buf)))
            return i;
    }
    return ERR(err, -ENODEV, "Device '%s' not found", *shown);
}

/* The drive is removable: a CD-ROM or floppy drive. */
static int check_removable(VmCtl *vm, int i, const char *shown, Err *err)
{
    if (i < MACHINE_FLOPPY0 && !machine_config(vm->m)->drives[i].cdrom)
        return ERR(err, -ENOTSUP, "Device '%s' is not removable", shown);
    return 0;
}

/* QEMU's DEVICE_TRAY_MOVED event for drive i (an IdeTrayFn; opaque is the VmCtl). */
static void tray_moved(void *opaque, int i, bool open)
{
    VmCtl *vm = opaque;
    if (!vm->event)
        return;
    char name[16], qdev[40], data[160];
    snprintf(data, sizeof data, "{\"device\": \"%s\", \"tray-open\": %s, \"id\": \"%s\"}",
             qmp_drive_name(vm->m, i, name), open ? "true" : "false",
             qmp_drive_qdev(vm->m, i, qdev));
    vm->event(vm->event_opaque, "DEVICE_TRAY_MOVED", data);
}

void qmp_media_watch(VmCtl *vm)
{
    IdeState *ide = ide_of(vm->m);
    if (ide)
        ide_cd_set_tray_fn(ide, tray_moved, vm);
}

/* QEMU's blk_dev_change_media_cb: the device sees the tray close (load) or open, and the
 * monitor hears of a tray that moved. */
static void change_media(VmCtl *vm, int i, bool load)
{
    IdeState *ide = ide_of(vm->m);
    bool was = ide_cd_tray_open(ide, i);
    ide_cd_change(ide, i, load);
    if (was != ide_cd_tray_open(ide, i))
        tray_moved(vm, i, !was);
}

/* QEMU's do_open_tray: 0 (the tray is open), -EINPROGRESS (locked: the guest was asked to
 * open it), -ENOSYS (a floppy drive: no tray) or another negative errno, each with err. */
static int open_tray(VmCtl *vm, int i, const char *shown, bool force, Err *err)
{
    int r = check_removable(vm, i, shown, err);
    if (r < 0)
        return r;
    if (i >= MACHINE_FLOPPY0)
        return ERR(err, -ENOSYS, "Device '%s' does not have a tray", shown);
    IdeState *ide = ide_of(vm->m);
    if (ide_cd_tray_open(ide, i))
        return 0;
    bool locked = ide_cd_locked(ide, i);
    if (locked)
        ide_cd_eject_request(ide, i, force);
    if (!locked || force)
        change_media(vm, i, false);
    if (locked && !force)
        return ERR(err, -EINPROGRESS, "Device '%s' is locked and force was not specified, "
                   "wait for tray to open and try again", shown);
    return 0;
}

/* eject's and change's open_tray: a drive without a tray goes on (-ENOSYS ignored). */
static int open_tray_any(VmCtl *vm, int i, const char *shown, bool force, Err *err)
{
    int r = open_tray(vm, i, shown, force, err);
    if (r == -ENOSYS) {
        *err = (Err){ 0 };
        r = 0;
    }
    return r;
}

/* QEMU's blockdev_remove_medium on a found drive. */
static int remove_medium(VmCtl *vm, int i, const char *shown, Err *err)
{
    int r = check_removable(vm, i, shown, err);
    if (r < 0)
        return r;
    if (i < MACHINE_FLOPPY0 && !ide_cd_tray_open(ide_of(vm->m), i))
        return ERR(err, -EBUSY, "Tray of device '%s' is not open", shown);
    BlockDev *old = machine_drive(vm->m, i);
    if (old) {
        machine_set_medium(vm->m, i, NULL, NULL, machine_config(vm->m)->drives[i].read_only);
        blk_close(old, NULL);
    }
    return 0;
}

int qmp_open_tray(VmCtl *vm, const char *device, const char *id, bool force, Err *err)
{
    const char *shown;
    int i = qmp_media_drive(vm, device, id, &shown, err), r;
    if (i < 0)
        return i;
    r = open_tray(vm, i, shown, force, err);
    if (r == -EINPROGRESS || r == -ENOSYS) {   /* QEMU: the request to the guest (or no
                                                  tray at all) is the answer */
        *err = (Err){ 0 };
        r = 0;
    }
    return r;
}

int qmp_close_tray(VmCtl *vm, const char *device, const char *id, Err *err)
{
    const char *shown;
    int i = qmp_media_drive(vm, device, id, &shown, err), r;
    if (i < 0)
        return i;
    if ((r = check_removable(vm, i, shown, err)) < 0)
        return r;
    if (i < MACHINE_FLOPPY0 && ide_cd_tray_open(ide_of(vm->m), i))
        change_media(vm, i, true);
    return 0;
}

int qmp_remove_medium(VmCtl *vm, const char *id, Err *err)
{
    const char *shown;
    int i = qmp_media_drive(vm, NULL, id, &shown, err);
    return i < 0 ? i : remove_medium(vm, i, shown, err);
}

int qmp_eject(VmCtl *vm, const char *device, const char *id, bool force, Err *err)
{
    const char *shown;
    int i = qmp_media_drive(vm, device, id, &shown, err), r;
    if (i < 0)
        return i;
    if ((r = open_tray_any(vm, i, shown, force, err)) < 0)
        return r;
    return remove_medium(vm, i, shown, err);
}

int qmp_change_medium(VmCtl *vm, const char *device, const char *id, const char *filename,
                      const char *format, bool force, QmpRoMode ro, Err *err)
{
    const char *shown;
    int i = qmp_media_drive(vm, device, id, &shown, err), r;
    if (i < 0)
        return i;
    int fd = open(filename, O_RDONLY | O_CLOEXEC);
    if (fd < 0)   /* -ENODEV would read as DeviceNotFound: the file is no device's name */
        return ERR(err, errno == ENODEV ? -EIO : -errno, "Could not open '%s': %s", filename,
                   strerror(errno));
    close(fd);
    bool read_only = ro == QMP_RO_RETAIN ? machine_config(vm->m)->drives[i].read_only
                                         : ro == QMP_RO_READ_ONLY;
    BlockDev *b;
    if ((r = blk_open(filename, format, read_only, &b, err)) < 0)
        return r;
    if ((r = open_tray_any(vm, i, shown, force, err)) < 0 ||
        (r = remove_medium(vm, i, shown, err)) < 0) {
        blk_close(b, NULL);
        return r;
    }
    machine_set_medium(vm->m, i, b, filename, read_only);
    if (i < MACHINE_FLOPPY0)   /* a floppy drive saw the insertion: blockdev-close-tray */
        change_media(vm, i, true);
    return 0;
}
