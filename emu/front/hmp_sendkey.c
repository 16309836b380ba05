/* hmp_sendkey.c: the human monitor's sendkey (QEMU 7.2's hmp_sendkey, ui/input.c and
 * hw/input/ps2.c): the keys of "ctrl-alt-f1" pressed in order, then released in reverse
 * order, as the PS/2 keyboard sends them in its current scan-code set (set 2, or set 1 as
 * the 8042 translates it, or set 1 asked for). Key names are QEMU's (QKeyCode); "0xNN"
 * is a set-1 code ("0xe0NN" extended). As QEMU, keys sent while the machine is stopped
 * are dropped.
 * XXX: QEMU releases the keys hold_ms of host time later; pcemu queues the releases at
 * once (no host time reaches the machine), so the guest sees them one after the other. */
#include "emu/front/hmp-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/dev/kbc.h"

typedef struct Key {
    const char *name;
    uint8_t set1, set2;      /* make codes */
    bool ext;                /* sent after 0xE0 */
} Key;

static const Key keys[] = {
    { "esc", 0x01, 0x76, 0 }, { "1", 0x02, 0x16, 0 }, { "2", 0x03, 0x1e, 0 },
    { "3", 0x04, 0x26, 0 }, { "4", 0x05, 0x25, 0 }, { "5", 0x06, 0x2e, 0 },
    { "6", 0x07, 0x36, 0 }, { "7", 0x08, 0x3d, 0 }, { "8", 0x09, 0x3e, 0 },
    { "9", 0x0a, 0x46, 0 }, { "0", 0x0b, 0x45, 0 }, { "minus", 0x0c, 0x4e, 0 },
    { "equal", 0x0d, 0x55, 0 }, { "backspace", 0x0e, 0x66, 0 }, { "tab", 0x0f, 0x0d, 0 },
    { "q", 0x10, 0x15, 0 }, { "w", 0x11, 0x1d, 0 }, { "e", 0x12, 0x24, 0 },
    { "r", 0x13, 0x2d, 0 }, { "t", 0x14, 0x2c, 0 }, { "y", 0x15, 0x35, 0 },
    { "u", 0x16, 0x3c, 0 }, { "i", 0x17, 0x43, 0 }, { "o", 0x18, 0x44, 0 },
    { "p", 0x19, 0x4d, 0 }, { "bracket_left", 0x1a, 0x54, 0 },
    { "bracket_right", 0x1b, 0x5b, 0 }, { "ret", 0x1c, 0x5a, 0 }, { "ctrl", 0x1d, 0x14, 0 },
    { "a", 0x1e, 0x1c, 0 }, { "s", 0x1f, 0x1b, 0 }, { "d", 0x20, 0x23, 0 },
    { "f", 0x21, 0x2b, 0 }, { "g", 0x22, 0x34, 0 }, { "h", 0x23, 0x33, 0 },
    { "j", 0x24, 0x3b, 0 }, { "k", 0x25, 0x42, 0 }, { "l", 0x26, 0x4b, 0 },
    { "semicolon", 0x27, 0x4c, 0 }, { "apostrophe", 0x28, 0x52, 0 },
    { "grave_accent", 0x29, 0x0e, 0 }, { "shift", 0x2a, 0x12, 0 },
    { "backslash", 0x2b, 0x5d, 0 }, { "z", 0x2c, 0x1a, 0 }, { "x", 0x2d, 0x22, 0 },
    { "c", 0x2e, 0x21, 0 }, { "v", 0x2f, 0x2a, 0 }, { "b", 0x30, 0x32, 0 },
    { "n", 0x31, 0x31, 0 }, { "m", 0x32, 0x3a, 0 }, { "comma", 0x33, 0x41, 0 },
    { "dot", 0x34, 0x49, 0 }, { "slash", 0x35, 0x4a, 0 }, { "shift_r", 0x36, 0x59, 0 },
    { "asterisk", 0x37, 0x7c, 0 }, { "alt", 0x38, 0x11, 0 }, { "spc", 0x39, 0x29, 0 },
    { "caps_lock", 0x3a, 0x58, 0 }, { "f1", 0x3b, 0x05, 0 }, { "f2", 0x3c, 0x06, 0 },
    { "f3", 0x3d, 0x04, 0 }, { "f4", 0x3e, 0x0c, 0 }, { "f5", 0x3f, 0x03, 0 },
    { "f6", 0x40, 0x0b, 0 }, { "f7", 0x41, 0x83, 0 }, { "f8", 0x42, 0x0a, 0 },
    { "f9", 0x43, 0x01, 0 }, { "f10", 0x44, 0x09, 0 }, { "num_lock", 0x45, 0x77, 0 },
    { "scroll_lock", 0x46, 0x7e, 0 }, { "f11", 0x57, 0x78, 0 }, { "f12", 0x58, 0x07, 0 },
    { "ctrl_r", 0x1d, 0x14, 1 }, { "alt_r", 0x38, 0x11, 1 }, { "home", 0x47, 0x6c, 1 },
    { "up", 0x48, 0x75, 1 }, { "pgup", 0x49, 0x7d, 1 }, { "left", 0x4b, 0x6b, 1 },
    { "right", 0x4d, 0x74, 1 }, { "end", 0x4f, 0x69, 1 }, { "down", 0x50, 0x72, 1 },
    { "pgdn", 0x51, 0x7a, 1 }, { "insert", 0x52, 0x70, 1 }, { "delete", 0x53, 0x71, 1 },
};

#define SENDKEY_MAX 16       /* keys in one command; QEMU's queue takes about as many */

/* The bytes of one key event in the keyboard's set (1, or 2 unless translated). */
static int key_bytes(const Key *k, bool down, bool set1, uint8_t *out)
{
    int n = 0;
    if (k->ext)
        out[n++] = 0xe0;
    if (set1) {
        out[n++] = (uint8_t)(k->set1 | (down ? 0 : 0x80));
    } else {
        if (!down)
            out[n++] = 0xf0;
        out[n++] = k->set2;
    }
    return n;
}

void hmp_sendkey(VmCtl *vm, const char *arg, MonOut *out)
{
    char buf[256];
    const char *p = arg ? arg : "";
    size_t len = strcspn(p, " \t");
    if (!len || len >= sizeof buf) {
        monout_printf(out, "Parameter 'keys' is missing\n");
        vm->hmp_arg_error = true;
        return;
    }
    memcpy(buf, p, len);
    buf[len] = 0;
    Key parsed[SENDKEY_MAX];
    int n = 0;
    for (char *save = NULL, *name = strtok_r(buf, "-", &save); name;
         name = strtok_r(NULL, "-", &save)) {
        const Key *k = NULL;
        Key raw;
        if (!strncmp(name, "0x", 2)) {   /* a set-1 code; 0xe0NN extended */
            char *end;
            unsigned long v = strtoul(name, &end, 16);
            if (!*end && v > 0 && v <= 0xe0ff && (v < 0x100 || v >> 8 == 0xe0)) {
                raw = (Key){ name, (uint8_t)v, 0, v > 0xff };
                for (size_t i = 0; i < ARRAY_SIZE(keys); i++)   /* its set-2 twin */
                    if (keys[i].set1 == raw.set1 && keys[i].ext == raw.ext)
                        raw.set2 = keys[i].set2;
                k = raw.set2 ? &raw : NULL;
            }
        } else {
            for (size_t i = 0; i < ARRAY_SIZE(keys) && !k; i++)
                if (!strcmp(keys[i].name, name))
                    k = &keys[i];
        }
        if (!k || n == SENDKEY_MAX) {
            monout_printf(out, "invalid parameter: %s\n", name);
            return;
        }
        parsed[n++] = *k;
    }
    if (!vm->running)
        return;   /* QEMU's qemu_input_event_send drops input while the machine is stopped */
    KbcState *s = NULL;
    int ns;
    const MachineSection *sec = machine_sections(vm->m, &ns);
    for (int i = 0; i < ns && !s; i++)
        if (!strcmp(sec[i].idstr, "pckbd"))
            s = sec[i].opaque;
    if (!s)
        return;
    int set = s->kbd.scancode_set;
    if (set == 3) {
        monout_printf(out, "sendkey: the keyboard is in scan-code set 3, which pcemu does "
                      "not send\n");
        return;
    }
    bool set1 = set == 1 || s->kbd.translate;
    uint8_t b[4];
    for (int i = 0; i < n; i++)
        kbc_put_kbd_bytes(s, b, key_bytes(&parsed[i], true, set1, b));
    for (int i = n - 1; i >= 0; i--)
        kbc_put_kbd_bytes(s, b, key_bytes(&parsed[i], false, set1, b));
}
