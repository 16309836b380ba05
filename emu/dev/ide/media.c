/* media.c: the CD-ROM drive's tray and medium as the host moves them (ide.h), after QEMU
 * 7.2's ide_cd_change_cb, ide_cd_eject_request_cb, ide_cd_is_tray_open and
 * ide_cd_is_medium_locked (hw/ide/core.c). What the guest then sees is atapi.c's: the
 * cdrom_changed sense sequence and the media events of GET EVENT STATUS NOTIFICATION. */
#include "emu/dev/ide/ide-int.h"

#include <assert.h>

static IdeDrive *cd_at(IdeState *s, int index)
{
    assert(index >= 0 && index < 4 && s->bus[index / 2].ifs[index % 2].is_cd);
    return &s->bus[index / 2].ifs[index % 2];
}

bool ide_is_cd(const IdeState *s, int index)
{
    return index >= 0 && index < 4 && s->bus[index / 2].ifs[index % 2].is_cd;
}

bool ide_cd_tray_open(const IdeState *s, int index)
{
    return cd_at((IdeState *)s, index)->tray_open;
}

bool ide_cd_locked(const IdeState *s, int index)
{
    return cd_at((IdeState *)s, index)->tray_locked;
}

void ide_cd_eject_request(IdeState *s, int index, bool force)
{
    IdeDrive *d = cd_at(s, index);
    d->eject_request = true;
    if (force)
        d->tray_locked = false;
    ide_set_irq(d->bus);
}

void ide_cd_change(IdeState *s, int index, bool load)
{
    IdeDrive *d = cd_at(s, index);
    d->tray_open = !load;
    d->nb_sectors = d->blk ? (int64_t)(blk_size(d->blk) / 512) : 0;
    /* first "no medium" on the next command, then "medium may have changed"; GET EVENT
     * STATUS NOTIFICATION reports the new medium */
    d->cdrom_changed = 1;
    d->new_media = true;
    d->eject_request = false;
    ide_set_irq(d->bus);
}

void ide_cd_set_medium(IdeState *s, int index, BlockDev *blk)
{
    cd_at(s, index)->blk = blk;
}

void ide_cd_set_tray_fn(IdeState *s, IdeTrayFn *fn, void *opaque)
{
    s->tray_fn = fn;
    s->tray_opaque = opaque;
}
