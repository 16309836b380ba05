/* piix4_pm.c: Intel 82371AB PIIX4 power management, PCI function 00:01.3 (8086:7113 rev 3,
 * class 0680), as QEMU 7.2's piix4_pm with its defaults on the pc machine (hw/acpi/piix4.c,
 * core.c, pcihp.c, cpu_hotplug.c, hw/isa/apm.c, hw/i2c/pm_smbus.c). Reference: Intel
 * 82371AB datasheet (290562) section 11, ACPI 1.0b sections 4.7 and 9.
 *  - Config: PMBA (0x40, 64-byte PM block, enabled by PMREGMISC 0x80 bit 0), DEVACTB 0x58
 *    (bit 25 APMC_EN: an APM command raises an SMI), SMBBA (0x90, enabled by SMBHSTCFG
 *    0xD2 bit 0). Reset leaves DEVACTB 0: QEMU's pc under TCG has SMM, and SeaBIOS then
 *    relocates SMBASE through one SMI.
 *  - PM block: PM1 status/enable at +0 (16-bit registers of a 4-byte region), PM1 control
 *    at +4, the 24-bit PM timer at +8 (3.579545 MHz from the virtual clock; a narrower read
 *    gives its low bits). The rest reads all-ones (SeaBIOS's GLBCTL at +0x28 is not there on QEMU).
 *    Access sizes and offsets are accepted as QEMU's TCG port accesses do (pm_access).
 *  - SCI (GSI 9, level) = (PM1 sts & en & (TMR|GBL|PWRBTN|RTC)) || (GPE0 sts & en, GPE 0-7).
 *    TMR_STS sets when the clock reaches overflow_time (bit 23 of the timer flips); a timer
 *    re-evaluates the SCI then, while TMR_EN is set.
 *  - APM: 0xB2 command, 0xB3 status. Command 0xF1 sets SCI_EN, 0xF0 clears it (ACPI
 *    enable/disable through FADT SMI_CMD); others raise an SMI when APMC_EN is set.
 *  - PM1 control SLP_EN with SLP_TYP 0 (QEMU's \_S5) or 2 (S4) powers off.
 *  - GPE0 at 0xAFE0 (4 bytes: status, enable), PCI hotplug at 0xAE00 (QEMU's bsel
 *    interface; nothing is ever hotplugged), legacy CPU hotplug bitmap at 0xAF00 (CPU 0).
 *  - SMBus host at SMBBA (pm_smbus: byte-wide registers, block buffer).
 * XXX: S3 (SLP_TYP 1) is ignored; QEMU suspends the machine. The write of 0 to 0xAF00
 * that switches QEMU to its modern CPU hotplug interface is ignored. */
#include "emu/dev/piix4_pm.h"

#include <stdlib.h>

enum { PIIX4_PMBA = 0x40, PIIX4_DEVACTB = 0x58, PIIX4_PMREGMISC = 0x80, PIIX4_SMBBA = 0x90,
       PIIX4_SMBHSTCFG = 0xd2, PIIX4_PM_LEN = 64, PIIX4_SMB_LEN = 64 };
#define APMC_EN_BYTE (PIIX4_DEVACTB + 3)   /* DEVACTB bit 25 = byte 0x5B bit 1 */
#define APMC_EN_BIT 0x02
#define PM1_COMMON_EN (ACPI_TMR_EN | ACPI_GBL_EN | ACPI_PWRBTN_EN | ACPI_RTC_EN)
#define NS_PER_SEC 1000000000ull

/* SMBus host registers (offsets in the SMBus block) and bits */
enum { SMBHSTSTS = 0, SMBHSTCNT = 2, SMBHSTCMD = 3, SMBHSTADD = 4, SMBHSTDAT0 = 5,
       SMBHSTDAT1 = 6, SMBBLKDAT = 7, SMBAUXCTL = 0xd };
enum { STS_HOST_BUSY = 1, STS_INTR = 2, STS_DEV_ERR = 4, STS_FAILED = 0x10, STS_BYTE_DONE = 0x80 };
enum { CTL_INTREN = 1, CTL_KILL = 2, CTL_LAST_BYTE = 0x20, CTL_START = 0x40, CTL_RETURN_MASK = 0x1f };
enum { PROT_QUICK, PROT_BYTE, PROT_BYTE_DATA, PROT_WORD_DATA, PROT_PROC_CALL, PROT_BLOCK_DATA,
       PROT_I2C_BLOCK_READ };
enum { AUX_BLK = 2, AUX_MASK = 3 };

static int piix4_pm_post_load(void *opaque, int version, Err *err);
static bool piix4_memhp_needed(void *opaque) { return true; }
/* QEMU's vmstate_test_use_acpi_hotplug_bridge: always true here, but a tested array is
 * described element by element in the vmdesc, as QEMU does. */
static bool piix4_hotplug_bridge(void *opaque, int version) { return true; }

static const VmsDesc piix4_apm_vms = {   /* QEMU vmstate_apm */
    .name = "APM State", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT8(Piix4Apm, apmc), VMS_UINT8(Piix4Apm, apms), VMS_END },
};

static const VmsDesc piix4_smb_vms = {   /* QEMU pmsmb_vmstate */
    .name = "pmsmb", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UINT8(Piix4Smbus, smb_stat), VMS_UINT8(Piix4Smbus, smb_ctl),
        VMS_UINT8(Piix4Smbus, smb_cmd), VMS_UINT8(Piix4Smbus, smb_addr),
        VMS_UINT8(Piix4Smbus, smb_data0), VMS_UINT8(Piix4Smbus, smb_data1),
        VMS_UINT32(Piix4Smbus, smb_index),
        VMS_UINT8_ARRAY(Piix4Smbus, smb_data, PIIX4_SMB_MAX_MSG),
        VMS_UINT8(Piix4Smbus, smb_auxctl), VMS_UINT8(Piix4Smbus, smb_blkdata),
        VMS_BOOL(Piix4Smbus, i2c_enable), VMS_BOOL(Piix4Smbus, op_done),
        VMS_BOOL(Piix4Smbus, in_i2c_block_read),
        VMS_BOOL(Piix4Smbus, start_transaction_on_status_read),
        VMS_END,
    },
};

static const VmsDesc piix4_gpe_vms = {
    .name = "gpe", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT16(Piix4Gpe, sts), VMS_UINT16(Piix4Gpe, en), VMS_END },
};

static const VmsDesc piix4_pcihp_status_vms = {
    .name = "acpi_pcihp_pci_status", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT32(Piix4PciHpStatus, up),
                                  VMS_UINT32(Piix4PciHpStatus, down), VMS_END },
};

static const VmsDesc piix4_memhp_state_vms = {   /* no DIMM slots: no "devs" entries */
    .name = "memory hotplug state", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT32(Piix4MemHp, selector), VMS_END },
};

static const VmsDesc piix4_memhp_vms = {   /* memory hotplug is on in QEMU's default */
    .name = "piix4_pm/memhp", .version = 1, .min_version = 1, .needed = piix4_memhp_needed,
    .fields = (const VmsField[]){
        VMSN_STRUCT("acpi_memory_hotplug", Piix4PmState, memhp, Piix4MemHp, &piix4_memhp_state_vms),
        VMS_END,
    },
};

/* QEMU's piix4 with acpi-pci-hotplug-with-bridge-support and the root bus hotplug on (its
 * defaults): the bsel interface fields are sent, the legacy single status is not. */
const VmsDesc piix4_pm_vms = {   /* QEMU vmstate_acpi */
    .name = "piix4_pm", .version = 3, .min_version = 3, .post_load = piix4_pm_post_load,
    .fields = (const VmsField[]){
        VMSN_PCI_DEVICE("parent_obj", Piix4PmState, dev),
        VMSN_UINT16("ar.pm1.evt.sts", Piix4PmState, pm1_sts),
        VMSN_UINT16("ar.pm1.evt.en", Piix4PmState, pm1_en),
        VMSN_UINT16("ar.pm1.cnt.cnt", Piix4PmState, pm1_cnt),
        VMS_STRUCT(Piix4PmState, apm, Piix4Apm, &piix4_apm_vms),
        VMSN_STRUCT_V("smb", Piix4PmState, smb, Piix4Smbus, &piix4_smb_vms, 3),
        VMSN_TIMER("ar.tmr.timer", Piix4PmState, tmr_timer),
        VMSN_INT64("ar.tmr.overflow_time", Piix4PmState, overflow_time),
        VMSN_STRUCT_V("ar.gpe", Piix4PmState, gpe, Piix4Gpe, &piix4_gpe_vms, 2),
        VMSN_UINT32("acpi_pci_hotplug.hotplug_select", Piix4PmState, hotplug_select),
        VMSN_STRUCT_ARRAY_TEST("acpi_pci_hotplug.acpi_pcihp_pci_status", Piix4PmState, pcihp,
                               Piix4PciHpStatus, PIIX4_PM_HOTPLUG_BUSES,
                               &piix4_pcihp_status_vms, piix4_hotplug_bridge),
        VMSN_UINT32("acpi_pci_hotplug.acpi_index", Piix4PmState, acpi_index),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &piix4_memhp_vms, NULL },
};

/* ---- ACPI registers (QEMU hw/acpi/core.c) ---- */

static int64_t pm_ticks(const Piix4PmState *s)
{
    return (int64_t)((unsigned __int128)(uint64_t)clock_ns(s->clock) * PM_TIMER_FREQUENCY / NS_PER_SEC);
}

/* ticks >= 0 (post_load refuses a negative overflow_time); past the clock's range, never. */
static int64_t ticks_to_ns(int64_t ticks)
{
    unsigned __int128 ns = (unsigned __int128)(uint64_t)ticks * NS_PER_SEC / PM_TIMER_FREQUENCY;
    return ns >= INT64_MAX ? INT64_MAX : (int64_t)ns;
}

/* PM1 status as the guest sees it: TMR_STS sets once the clock passed the overflow. */
static uint16_t pm1_sts(Piix4PmState *s)
{
    if (clock_ns(s->clock) >= ticks_to_ns(s->overflow_time))
        s->pm1_sts |= ACPI_TMR_STS;
    return s->pm1_sts;
}

static void update_sci(Piix4PmState *s)
{
    uint16_t sts = pm1_sts(s);
    bool level = (sts & s->pm1_en & PM1_COMMON_EN) || (s->gpe.sts & s->gpe.en & 0xff);
    irq_set(s->sci, level);
    if ((s->pm1_en & ACPI_TMR_EN) && !(sts & ACPI_TMR_STS))
        timer_mod(&s->tmr_timer, ticks_to_ns(s->overflow_time));
    else
        timer_del(&s->tmr_timer);
}

static void pm_tmr_expired(void *opaque) { update_sci(opaque); }

static void pm1_cnt_write(Piix4PmState *s, uint16_t val)
{
    s->pm1_cnt = val & ~ACPI_SLP_EN;
    if (!(val & ACPI_SLP_EN))
        return;
    unsigned typ = (val >> 10) & 7;
    if (typ == 0 || typ == 2) {          /* \_S5, or S4 (QEMU's s4_val 2): power off */
        trace(TRACE_DEV, "piix4_pm: sleep type %u: power off", typ);
        if (s->poweroff)
            s->poweroff(s->opaque);
    } else {
        trace(TRACE_DEV, "piix4_pm: sleep type %u not emulated", typ);
    }
}

/* A read of the register at rel inside region r (0 = acpi-evt, 1 = acpi-cnt, 2 =
 * acpi-tmr), at the width the region's handler takes; the caller masks it. An odd offset
 * of evt reads 0, as QEMU's handler; any offset of the timer reads the timer. */
static uint32_t pm_reg_read(Piix4PmState *s, int r, uint32_t rel)
{
    if (r == 0)
        return rel == 0 ? pm1_sts(s) : rel == 2 ? s->pm1_en : 0;
    if (r == 1)
        return (uint32_t)s->pm1_cnt >> (rel * 8);
    return (uint32_t)pm_ticks(s) & 0xffffff;
}

static void pm_reg_write(Piix4PmState *s, int r, uint32_t rel, uint32_t val)
{
    if (r == 0 && rel == 0) {
        uint16_t sts = pm1_sts(s);
        if (sts & val & ACPI_TMR_STS)    /* clearing TMR_STS arms the next overflow */
            s->overflow_time = (pm_ticks(s) + 0x800000) & ~(int64_t)0x7fffff;
        s->pm1_sts &= (uint16_t)~val;
        update_sci(s);
    } else if (r == 0 && rel == 2) {
        s->pm1_en = (uint16_t)val;
        update_sci(s);
    } else if (r == 1) {
        pm1_cnt_write(s, (uint16_t)(rel ? val << 8 | (s->pm1_cnt & 0xff) : val));
    }
}

/* The PM block's regions as QEMU lays them out, with the access sizes each accepts;
 * the gaps belong to no region and read all-ones. */
static const struct { uint8_t start, end, min, max; } pm_regions[] = {
    { 0, 4, 1, 2 },       /* acpi-evt */
    { 4, 6, 1, 2 },       /* acpi-cnt */
    { 8, 12, 1, 4 },      /* acpi-tmr */
};

/* QEMU's TCG port access: one dispatch to the region holding the first port; a size the
 * region does not accept, or an offset not aligned to it, reads 0 and writes nothing. */
static uint32_t pm_access(Piix4PmState *s, uint32_t off, unsigned size, bool write, uint32_t val)
{
    uint32_t mask = size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
    for (int r = 0; r < (int)ARRAY_SIZE(pm_regions); r++) {
        if (off < pm_regions[r].start || off >= pm_regions[r].end)
            continue;
        uint32_t rel = off - pm_regions[r].start;
        if (size < pm_regions[r].min || size > pm_regions[r].max || (rel & (size - 1)))
            return 0;
        if (write)
            pm_reg_write(s, r, rel, val & mask);
        return write ? 0 : pm_reg_read(s, r, rel) & mask;
    }
    return mask;
}

static uint32_t pm_io_read(void *opaque, uint32_t off, unsigned size)
{
    return pm_access(opaque, off, size, false, 0);
}

static void pm_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    pm_access(opaque, off, size, true, val);
}

/* ---- GPE0 (byte-wide: status bytes 0-1, enable bytes 2-3) ---- */

static uint32_t gpe_read(void *opaque, uint32_t off, unsigned size)
{
    Piix4PmState *s = opaque;
    uint16_t r = off < 2 ? s->gpe.sts : s->gpe.en;
    return (r >> (off & 1) * 8) & 0xff;
}

static void gpe_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Piix4PmState *s = opaque;
    unsigned sh = (off & 1) * 8;
    if (off < 2)
        s->gpe.sts &= (uint16_t)~((val & 0xff) << sh);
    else
        s->gpe.en = (uint16_t)((s->gpe.en & ~(0xff << sh)) | (val & 0xff) << sh);
    update_sci(s);
}

/* ---- PCI hotplug (QEMU pcihp.c): 32-bit registers; other sizes read 0 ---- */

static uint32_t pcihp_read(void *opaque, uint32_t off, unsigned size)
{
    Piix4PmState *s = opaque;
    uint32_t bsel = s->hotplug_select;
    if (size != 4 || (off & 3) || bsel >= PIIX4_PM_HOTPLUG_BUSES)
        return 0;
    uint32_t v = 0;
    switch (off) {
    case 0x00:
        v = s->pcihp[bsel].up;
        s->pcihp[bsel].up = 0;
        break;
    case 0x04: v = s->pcihp[bsel].down; break;
    case 0x0c:                           /* removable: slots 0 and 1 hold fixed functions */
        v = bsel == 0 ? ~3u : ~0u;
        break;
    case 0x10: v = s->hotplug_select; break;
    case 0x14:
        v = s->acpi_index;
        s->acpi_index = 0;
        break;
    }
    return v;
}

static void pcihp_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Piix4PmState *s = opaque;
    if (size != 4 || (off & 3))
        return;
    if (off == 0x10) {
        s->hotplug_select = val;
    } else if (off == 0x08 && s->hotplug_select == 0 && val) {   /* eject: only bus 0 exists */
        uint32_t bit = 1u << __builtin_ctz(val);
        s->pcihp[0].up &= ~bit;
        s->pcihp[0].down &= ~bit;
    } else if (off == 0x14 && s->hotplug_select < PIIX4_PM_HOTPLUG_BUSES) {
        s->acpi_index = 0;               /* no device has an acpi-index */
    }
}

/* ---- legacy CPU hotplug bitmap: CPU 0 present ---- */

static uint32_t cpuhp_read(void *opaque, uint32_t off, unsigned size)
{
    return size == 1 && off == 0 ? 1 : 0;   /* byte accesses only, as QEMU's */
}
static void cpuhp_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    trace(TRACE_DEV, "piix4_pm: CPU hotplug write %#x at %#x ignored", val, off);
}

/* ---- APM ---- */

static uint32_t apm_read(void *opaque, uint32_t off, unsigned size)
{
    Piix4PmState *s = opaque;
    return off ? s->apm.apms : s->apm.apmc;
}

static void apm_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Piix4PmState *s = opaque;
    if (off) {
        s->apm.apms = (uint8_t)val;
        return;
    }
    s->apm.apmc = (uint8_t)val;
    if (val == ACPI_ENABLE_CMD)
        s->pm1_cnt |= ACPI_SCI_EN;
    else if (val == ACPI_DISABLE_CMD)
        s->pm1_cnt &= ~ACPI_SCI_EN;
    else if ((s->dev.config[APMC_EN_BYTE] & APMC_EN_BIT) && s->smi)
        s->smi(s->opaque);
}

/* ---- SMBus host (QEMU pm_smbus.c) ---- */

static void smb_transaction(Piix4PmState *s)
{
    Piix4Smbus *m = &s->smb;
    uint8_t prot = (m->smb_ctl >> 2) & 7, cmd = m->smb_cmd, addr = m->smb_addr >> 1;
    bool read = m->smb_addr & 1;
    int ret;
    if (m->smb_stat & STS_DEV_ERR)
        goto error;
    switch (prot) {
    case PROT_QUICK:
        ret = smbus_quick_command(s->i2c, addr, read);
        goto done;
    case PROT_BYTE:
        if (!read) {
            ret = smbus_send_byte(s->i2c, addr, cmd);
            goto done;
        }
        ret = smbus_receive_byte(s->i2c, addr);
        goto data8;
    case PROT_BYTE_DATA:
        if (!read) {
            ret = smbus_write_byte(s->i2c, addr, cmd, m->smb_data0);
            goto done;
        }
        ret = smbus_read_byte(s->i2c, addr, cmd);
        goto data8;
    case PROT_WORD_DATA:
        if (!read) {
            ret = smbus_write_word(s->i2c, addr, cmd, (uint16_t)(m->smb_data1 << 8 | m->smb_data0));
            goto done;
        }
        ret = smbus_read_word(s->i2c, addr, cmd);
        if (ret < 0)
            goto error;
        m->smb_data1 = (uint8_t)(ret >> 8);
        goto data8;
    case PROT_I2C_BLOCK_READ:            /* the read bit is ignored, as QEMU (Linux varies) */
        if (i2c_start_send(s->i2c, addr) || i2c_send(s->i2c, m->smb_data1) ||
            i2c_start_recv(s->i2c, addr))
            goto error;
        m->in_i2c_block_read = true;
        m->smb_blkdata = i2c_recv(s->i2c);
        m->op_done = false;
        m->smb_stat |= STS_HOST_BUSY | STS_BYTE_DONE;
        return;
    case PROT_BLOCK_DATA:
        if (read) {
            ret = smbus_read_block(s->i2c, addr, cmd, m->smb_data, PIIX4_SMB_MAX_MSG,
                                   !m->i2c_enable, !m->i2c_enable);
            if (ret < 0)
                goto error;
            m->smb_index = 0;
            m->op_done = false;
            if (m->smb_auxctl & AUX_BLK) {
                m->smb_stat |= STS_INTR;
            } else {
                m->smb_blkdata = m->smb_data[0];
                m->smb_stat |= STS_HOST_BUSY | STS_BYTE_DONE;
            }
            m->smb_data0 = (uint8_t)ret;
        } else if (m->smb_auxctl & AUX_BLK) {
            if (m->smb_index != m->smb_data0) {
                m->smb_index = 0;
                goto error;
            }
            m->smb_index = 0;
            if (smbus_write_block(s->i2c, addr, cmd, m->smb_data, m->smb_data0, !m->i2c_enable) < 0)
                goto error;
            m->op_done = true;
            m->smb_stat = (m->smb_stat | STS_INTR) & ~STS_HOST_BUSY;
        } else {
            m->op_done = false;
            m->smb_stat |= STS_HOST_BUSY | STS_BYTE_DONE;
            m->smb_data[0] = m->smb_blkdata;
            m->smb_index = 0;
        }
        return;
    default:
        goto error;
    }
data8:
    if (ret < 0)
        goto error;
    m->smb_data0 = (uint8_t)ret;
done:
    if (ret < 0)
        goto error;
    m->smb_stat |= STS_INTR;
    return;
error:
    m->smb_stat |= STS_DEV_ERR;
}

static bool smb_byte_by_byte(const Piix4Smbus *m)
{
    if (m->op_done)
        return false;
    return m->in_i2c_block_read || !(m->smb_auxctl & AUX_BLK);
}

/* Host status written with BYTE_DONE set during a byte-by-byte block transfer: the next
 * byte moves. */
static void smb_next_byte(Piix4PmState *s)
{
    Piix4Smbus *m = &s->smb;
    bool read = (m->smb_addr & 1) || m->in_i2c_block_read;
    if (++m->smb_index >= PIIX4_SMB_MAX_MSG)
        m->smb_index = 0;
    if (!read && m->smb_index == m->smb_data0) {
        uint8_t prot = (m->smb_ctl >> 2) & 7;
        if (prot == PROT_I2C_BLOCK_READ ||
            smbus_write_block(s->i2c, m->smb_addr >> 1, m->smb_cmd, m->smb_data, m->smb_data0,
                              !m->i2c_enable) < 0) {
            m->smb_stat |= STS_DEV_ERR;
            return;
        }
        m->op_done = true;
        m->smb_stat = (m->smb_stat | STS_INTR) & ~STS_HOST_BUSY;
    } else if (!read) {
        m->smb_data[m->smb_index] = m->smb_blkdata;
        m->smb_stat |= STS_BYTE_DONE;
    } else if (m->smb_ctl & CTL_LAST_BYTE) {
        m->op_done = true;
        if (m->in_i2c_block_read) {
            m->in_i2c_block_read = false;
            m->smb_blkdata = i2c_recv(s->i2c);
            i2c_nack(s->i2c);
            i2c_end_transfer(s->i2c);
        } else {
            m->smb_blkdata = m->smb_data[m->smb_index];
        }
        m->smb_index = 0;
        m->smb_stat = (m->smb_stat | STS_INTR) & ~STS_HOST_BUSY;
    } else {
        m->smb_blkdata = m->in_i2c_block_read ? i2c_recv(s->i2c) : m->smb_data[m->smb_index];
        m->smb_stat |= STS_BYTE_DONE;
    }
}

/* Byte accesses only: QEMU refuses wider ones (reads 0, writes dropped). */
static void smb_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Piix4PmState *s = opaque;
    Piix4Smbus *m = &s->smb;
    switch (size == 1 ? off : UINT32_MAX) {
    case SMBHSTSTS: {
        bool byte_done = m->smb_stat & val & STS_BYTE_DONE;
        m->smb_stat &= (uint8_t)~(val & ~STS_HOST_BUSY);
        if (byte_done && smb_byte_by_byte(m))
            smb_next_byte(s);
        break;
    }
    case SMBHSTCNT:
        m->smb_ctl = (uint8_t)(val & ~CTL_START);
        if (val & CTL_START) {
            if (!m->op_done) {
                m->smb_index = 0;
                m->op_done = true;
                if (m->in_i2c_block_read) {
                    m->in_i2c_block_read = false;
                    i2c_end_transfer(s->i2c);
                }
            }
            /* without INTREN the transaction runs at the next status read, HOST_BUSY
             * showing until then (QEMU's workaround for an AMIBIOS that waits for it) */
            m->start_transaction_on_status_read = !(m->smb_ctl & CTL_INTREN);
            if (m->smb_ctl & CTL_INTREN)
                smb_transaction(s);
            else
                m->smb_stat |= STS_HOST_BUSY;
        }
        if (m->smb_ctl & CTL_KILL) {
            m->op_done = true;
            m->smb_index = 0;
            m->smb_stat = (m->smb_stat | STS_FAILED) & ~STS_HOST_BUSY;
        }
        break;
    case SMBHSTCMD: m->smb_cmd = (uint8_t)val; break;
    case SMBHSTADD: m->smb_addr = (uint8_t)val; break;
    case SMBHSTDAT0: m->smb_data0 = (uint8_t)val; break;
    case SMBHSTDAT1: m->smb_data1 = (uint8_t)val; break;
    case SMBBLKDAT:
        if (m->smb_index >= PIIX4_SMB_MAX_MSG)
            m->smb_index = 0;
        if (m->smb_auxctl & AUX_BLK)
            m->smb_data[m->smb_index++] = (uint8_t)val;
        else
            m->smb_blkdata = (uint8_t)val;
        break;
    case SMBAUXCTL: m->smb_auxctl = val & AUX_MASK; break;
    default:
        trace(TRACE_DEV, "piix4_pm: SMBus write %#x to register %#x ignored", val, off);
        break;
    }
}

static uint32_t smb_read(void *opaque, uint32_t off, unsigned size)
{
    Piix4PmState *s = opaque;
    Piix4Smbus *m = &s->smb;
    switch (size == 1 ? off : UINT32_MAX) {
    case SMBHSTSTS: {
        uint8_t v = m->smb_stat;
        if (m->start_transaction_on_status_read) {
            m->start_transaction_on_status_read = false;
            m->smb_stat &= ~STS_HOST_BUSY;
            smb_transaction(s);
        }
        return v;
    }
    case SMBHSTCNT: return m->smb_ctl & CTL_RETURN_MASK;
    case SMBHSTCMD: return m->smb_cmd;
    case SMBHSTADD: return m->smb_addr;
    case SMBHSTDAT0: return m->smb_data0;
    case SMBHSTDAT1: return m->smb_data1;
    case SMBBLKDAT:
        if ((m->smb_auxctl & AUX_BLK) && !m->in_i2c_block_read) {
            if (m->smb_index >= PIIX4_SMB_MAX_MSG)
                m->smb_index = 0;
            uint8_t v = m->smb_data[m->smb_index++];
            if (!m->op_done && m->smb_index == m->smb_data0) {
                m->op_done = true;
                m->smb_index = 0;
                m->smb_stat &= ~STS_HOST_BUSY;
            }
            return v;
        }
        return m->smb_blkdata;
    case SMBAUXCTL: return m->smb_auxctl;
    default: return 0;
    }
}

/* ---- config space ---- */

/* QEMU's memory_region_set_address and _set_enabled on a block's region. */
static void place_region(Piix4PmState *s, MtreeRegion *r, uint32_t base, bool enabled)
{
    mtree_del(r);
    mtree_add(bus_io_root(s->io), r, base, 0);
    mtree_set_enabled(r, enabled);
}

static void map_block(Piix4PmState *s, uint32_t *cur, uint32_t want, uint32_t len,
                      BusReadFn rd, BusWriteFn wr, unsigned sizes)
{
    if (*cur == want)
        return;
    if (*cur != UINT32_MAX)
        bus_unmap_io(s->io, (uint16_t)*cur, len);
    *cur = want;
    if (want != UINT32_MAX)
        bus_map_io(s->io, (uint16_t)want, len, s, rd, wr, sizes);
}

/* QEMU's pm_io_space_update and smbus_io_space_update: the blocks follow their base
 * registers and enable bits. */
static void update_io(Piix4PmState *s)
{
    const uint8_t *c = s->dev.config;
    uint32_t pm = pci_get_long(c + PIIX4_PMBA) & 0xffc0, smb = pci_get_long(c + PIIX4_SMBBA) & 0xffc0;
    map_block(s, &s->pm_base, (c[PIIX4_PMREGMISC] & 1) ? pm : UINT32_MAX, PIIX4_PM_LEN,
              pm_io_read, pm_io_write, IO_SIZE_ALL);
    map_block(s, &s->smb_base, (c[PIIX4_SMBHSTCFG] & 1) ? smb : UINT32_MAX, PIIX4_SMB_LEN,
              smb_read, smb_write, IO_SIZE_ALL);
    place_region(s, s->pm_region, pm, c[PIIX4_PMREGMISC] & 1);
    place_region(s, s->smb_region, smb, c[PIIX4_SMBHSTCFG] & 1);
}

static void piix4_pm_config_write(PciDev *d, uint32_t addr, uint32_t val, unsigned len)
{
    pci_default_write_config(d, addr, val, len);
    if ((addr < PIIX4_PMBA + 4 && PIIX4_PMBA < addr + len) ||
        (addr <= PIIX4_PMREGMISC && PIIX4_PMREGMISC < addr + len) ||
        (addr < PIIX4_SMBBA + 4 && PIIX4_SMBBA < addr + len) ||
        (addr <= PIIX4_SMBHSTCFG && PIIX4_SMBHSTCFG < addr + len))
        update_io((Piix4PmState *)d);
}

static void piix4_pm_config_loaded(PciDev *d) { update_io((Piix4PmState *)d); }

/* Fields that index or size something are checked; the rest are plain registers. */
static int piix4_pm_post_load(void *opaque, int version, Err *err)
{
    Piix4PmState *s = opaque;
    if (s->smb.smb_index > PIIX4_SMB_MAX_MSG)
        return ERR(err, -EINVAL, "smb.smb_index %" PRIu32 " out of range (0..%d)",
                   s->smb.smb_index, PIIX4_SMB_MAX_MSG);
    if (s->smb.smb_auxctl & ~AUX_MASK)
        return ERR(err, -EINVAL, "smb.smb_auxctl %#x has bits beyond %#x",
                   s->smb.smb_auxctl, AUX_MASK);
    if (s->overflow_time < 0)
        return ERR(err, -EINVAL, "ar.tmr.overflow_time %" PRId64 " is negative",
                   s->overflow_time);
    return 0;
}

void piix4_pm_powerdown(Piix4PmState *s)
{
    if (!(s->pm1_en & ACPI_PWRBTN_EN))
        return;
    s->pm1_sts |= ACPI_PWRBTN_STS;
    update_sci(s);
}

/* QEMU piix4_pm_reset: the ACPI registers; the SMBus host keeps its state. */
void piix4_pm_reset(Piix4PmState *s)
{
    uint8_t *c = s->dev.config;
    pci_set_long(c + PIIX4_DEVACTB, 0);
    c[PIIX4_PMBA] = 0x01;                /* I/O space indicator */
    c[PIIX4_PMREGMISC] = 0;
    s->pm1_sts = s->pm1_en = 0;
    s->pm1_cnt = 0;
    s->overflow_time = 0;
    timer_del(&s->tmr_timer);
    s->gpe = (Piix4Gpe){ 0 };
    update_sci(s);                       /* sets TMR_STS: the clock is past overflow 0 */
    pci_dev_reset(&s->dev);
    update_io(s);
}

Piix4PmState *piix4_pm_init(PciBus *pb, Bus *io, Clock *clock, I2cBus *i2c, const IrqLine *sci,
                            const Piix4PmHost *host, bool serial_com1)
{
    Piix4PmState *s = xzalloc(sizeof *s);
    pci_dev_init(&s->dev, pb, PIIX4_PM_DEVFN, "PIIX4_PM", 0x8086, 0x7113, 0x03, 0x068000);
    s->io = io;
    s->clock = clock;
    s->i2c = i2c;
    s->sci = sci;
    s->smi = host->smi;
    s->poweroff = host->poweroff;
    s->opaque = host->opaque;
    s->pm_base = s->smb_base = UINT32_MAX;
    s->dev.config_write = piix4_pm_config_write;
    s->dev.config_loaded = piix4_pm_config_loaded;
    uint8_t *c = s->dev.config;
    pci_set_word(c + PCI_STATUS, PCI_STATUS_FAST_BACK | PCI_STATUS_DEVSEL_MEDIUM);
    c[PCI_INTERRUPT_PIN] = 1;
    pci_set_word(c + PIIX4_SMBBA, PIIX4_PM_SMB_BASE | 1);
    c[PIIX4_SMBHSTCFG] = 0x09;
    /* machine-ready values (QEMU piix4_pm_machine_ready): no LPT at 0x378, COM1 as wired */
    c[0x5f] = 0x10;
    c[0x63] = 0x60;
    c[0x67] = serial_com1 ? 0x08 : 0x00;
    s->smb.smb_auxctl = AUX_BLK;         /* QEMU's PIIX4 forces block-buffer mode at init */
    s->smb.op_done = true;
    timer_init(&s->tmr_timer, clock, pm_tmr_expired, s);
    timer_del(&s->tmr_timer);
    /* QEMU's acpi_pm1_evt_init, _cnt_init, acpi_pm_tmr_init inside the PM block */
    Mtree *t = bus_mtree(io);
    s->pm_region = mtree_region(t, "piix4-pm", MTREE_CONTAINER, PIIX4_PM_LEN - 1);
    mtree_add(s->pm_region, mtree_region(t, "acpi-evt", MTREE_IO, 3), 0, 0);
    mtree_add(s->pm_region, mtree_region(t, "acpi-cnt", MTREE_IO, 1), 4, 0);
    mtree_add(s->pm_region, mtree_region(t, "acpi-tmr", MTREE_IO, 3), 8, 0);
    s->smb_region = mtree_region(t, "pm-smbus", MTREE_IO, PIIX4_SMB_LEN - 1);
    bus_map_io_named(io, "apm-io", 0xb2, 2, s, apm_read, apm_write, IO_SIZE8);
    bus_map_io_named(io, "acpi-gpe0", PIIX4_PM_GPE_BASE, PIIX4_PM_GPE_LEN, s, gpe_read, gpe_write,
                     IO_SIZE8);
    bus_map_io_named(io, "acpi-pci-hotplug", PIIX4_PM_PCIHP_BASE, PIIX4_PM_PCIHP_LEN, s,
                     pcihp_read, pcihp_write, IO_SIZE_ALL);
    bus_map_io_named(io, "acpi-cpu-hotplug", PIIX4_PM_CPUHP_BASE, PIIX4_PM_CPUHP_LEN, s,
                     cpuhp_read, cpuhp_write, IO_SIZE_ALL);
    piix4_pm_reset(s);
    return s;
}

void piix4_pm_free(Piix4PmState *s) { free(s); }
