/* test_piix4_pm.c: the PIIX4 power management function (piix4_pm.c), its SMBus host and
 * the SMBus EEPROMs behind it (smbus_eeprom.c, emu/hw/i2c.c): reset config space as QEMU
 * 7.2's, the PM timer and the SCI against a small model of ACPI 4.7.3 on random operation
 * sequences (fixed seeds), PM block access sizes, APM and SMI, S5, SMBus byte/word/block
 * transfers and an I2C block read interrupted by a save and load, and the sections:
 * QEMU's vmdesc, round trips, truncations, named refusals and every byte flipped. */
#include "dev_test.h"
#include "emu/dev/piix4_pm.h"
#include "emu/dev/smbus_eeprom.h"

#define PM 0x600
#define SMB 0x700

typedef struct Rig {
    Bus *bus;
    PciBus *pci;
    Clock clock;
    I2cBus *i2c;
    SmbusEeprom *ee[SMBUS_EEPROM_COUNT];
    Piix4PmState *pm;
    IrqLine sci_line;
    int sci, smis, poweroffs, suspends, wakeups;
    Piix4WakeReason wake;                /* the last wake-up request's reason */
} Rig;

static void sci_set(void *o, int n, int level) { ((Rig *)o)->sci = level; }
static void on_smi(void *o) { ((Rig *)o)->smis++; }
static void on_poweroff(void *o) { ((Rig *)o)->poweroffs++; }
static void on_suspend(void *o) { ((Rig *)o)->suspends++; }
static void on_wakeup(void *o, Piix4WakeReason why)
{
    Rig *r = o;
    r->wakeups++;
    r->wake = why;
}

static uint32_t cfg_rd(Rig *r, uint32_t reg, unsigned len)
{
    return pci_data_read(r->pci, 0x80000000u | PIIX4_PM_DEVFN << 8 | reg, len);
}
static void cfg_wr(Rig *r, uint32_t reg, uint32_t v, unsigned len)
{
    pci_data_write(r->pci, 0x80000000u | PIIX4_PM_DEVFN << 8 | reg, v, len);
}

/* The machine's wiring, then the BIOS's programming of PMBA and SMBBA (bases 0x600, 0x700). */
static Rig *rig_new(bool program)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    r->pci = pci_bus_new(r->bus);
    clock_init(&r->clock, 3);
    r->i2c = i2c_bus_new();
    r->sci_line = (IrqLine){ sci_set, r, 9 };
    Piix4PmHost h = { .smi = on_smi, .poweroff = on_poweroff, .suspend = on_suspend,
                      .wakeup = on_wakeup, .opaque = r };
    r->pm = piix4_pm_init(r->pci, r->bus, &r->clock, r->i2c, &r->sci_line, &h, true);
    uint8_t spd[SMBUS_EEPROM_SIZE];
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++) {
        for (int k = 0; k < SMBUS_EEPROM_SIZE; k++)
            spd[k] = (uint8_t)(i * 16 + k);
        r->ee[i] = smbus_eeprom_init(r->i2c, (uint8_t)(SMBUS_EEPROM_BASE + i), spd);
    }
    if (program) {
        cfg_wr(r, 0x40, PM | 1, 4);
        cfg_wr(r, 0x80, 1, 1);
        cfg_wr(r, 0x90, SMB | 1, 4);
    }
    return r;
}

static void rig_free(Rig *r)
{
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        smbus_eeprom_free(r->ee[i]);
    piix4_pm_free(r->pm);
    i2c_bus_free(r->i2c);
    pci_bus_free(r->pci);
    bus_free(r->bus);
    free(r);
}

START_TEST(test_piix4_pm_reset_config_is_qemus)
{
    Rig *r = rig_new(false);
    ck_assert_uint_eq(cfg_rd(r, 0x00, 4), 0x71138086);
    ck_assert_uint_eq(cfg_rd(r, 0x04, 4), 0x02800000);     /* status: fast b2b, devsel medium */
    ck_assert_uint_eq(cfg_rd(r, 0x08, 4), 0x06800003);
    ck_assert_uint_eq(cfg_rd(r, 0x3c, 4), 0x00000100);     /* INTA, line 0 */
    ck_assert_uint_eq(cfg_rd(r, 0x40, 4), 0x00000001);
    ck_assert_uint_eq(cfg_rd(r, 0x58, 4), 0);              /* APMC_EN clear: SMM on */
    ck_assert_uint_eq(cfg_rd(r, 0x5c, 4), 0x10000000);
    ck_assert_uint_eq(cfg_rd(r, 0x60, 4), 0x60000000);
    ck_assert_uint_eq(cfg_rd(r, 0x64, 4), 0x08000000);     /* COM1 present */
    ck_assert_uint_eq(cfg_rd(r, 0x90, 4), 0x0000b101);
    ck_assert_uint_eq(cfg_rd(r, 0xd0, 4), 0x00090000);
    ck_assert_uint_eq(r->pm->pm1_sts, ACPI_TMR_STS);       /* set by reset's SCI update */
    ck_assert_uint_eq(bus_io_read(r->bus, PM, 2), 0xffff); /* PM block not enabled yet */
    ck_assert_uint_eq(bus_io_read(r->bus, 0xb100, 1), 0);  /* SMBus at QEMU's default */
    ck_assert_int_eq(r->sci, 0);
    rig_free(r);
}
END_TEST

/* ---- the PM timer and SCI against a model ---- */

typedef struct Model {
    uint16_t sts, en;
    uint16_t gpe_sts, gpe_en;
    int64_t overflow;         /* PM timer ticks */
} Model;

static int64_t m_ticks(int64_t ns) { return (int64_t)((__int128)ns * 3579545 / 1000000000); }
static int64_t m_ns(int64_t ticks) { return (int64_t)((__int128)ticks * 1000000000 / 3579545); }
static uint16_t m_sts(Model *m, int64_t ns)
{
    if (ns >= m_ns(m->overflow))
        m->sts |= 1;
    return m->sts;
}
static int m_sci(Model *m, int64_t ns)
{
    return (m_sts(m, ns) & m->en & 0x0521) || (m->gpe_sts & m->gpe_en & 0xff);
}

START_TEST(test_piix4_pm_timer_and_sci_follow_the_model_on_random_sequences)
{
    int ops = 0, rises = 0;
    for (unsigned seed = 1; seed <= 24; seed++) {
        srand(seed);
        Rig *r = rig_new(true);
        Model m = { .sts = 1 };
        int prev = 0;
        for (int i = 0; i < 1500; i++, ops++) {
            int64_t now = clock_ns(&r->clock);
            uint16_t v = (uint16_t)rand();
            switch (rand() % 9) {
            case 0:   /* time passes: up to ~4 s, so bit-23 overflows (2.34 s) happen */
                dt_run_to(&r->clock, now + (int64_t)(rand() % 4000) * 1000000 + rand() % 1000);
                break;
            case 1:   /* clear status bits, mostly TMR_STS and PWRBTN_STS */
                v &= (rand() & 1) ? 0x0101 : 0xffff;
                if (m_sts(&m, now) & v & 1)
                    m.overflow = (m_ticks(now) + 0x800000) & ~(int64_t)0x7fffff;
                m.sts &= (uint16_t)~v;
                bus_io_write(r->bus, PM, v, 2);
                break;
            case 2:
                v &= 0x0521;
                m.en = v;
                bus_io_write(r->bus, PM + 2, v, 2);
                break;
            case 3:
                ck_assert_uint_eq(bus_io_read(r->bus, PM, 2), m_sts(&m, now));
                break;
            case 4:
                ck_assert_uint_eq(bus_io_read(r->bus, PM + 8, 4), (uint32_t)m_ticks(now) & 0xffffff);
                break;
            case 5:   /* the power button counts only when enabled */
                if (m.en & ACPI_PWRBTN_EN)
                    m.sts |= ACPI_PWRBTN_STS;
                piix4_pm_powerdown(r->pm);
                break;
            case 6: {  /* GPE0 status: write-1-to-clear (the model sets bits directly) */
                int b = rand() % 4;
                if (b < 2) {
                    m.gpe_sts &= (uint16_t)~((v & 0xff) << (b * 8));
                } else {
                    m.gpe_en = (uint16_t)((m.gpe_en & ~(0xff << ((b - 2) * 8))) | (v & 0xff) << ((b - 2) * 8));
                }
                bus_io_write(r->bus, PIIX4_PM_GPE_BASE + b, v & 0xff, 1);
                break;
            }
            case 7:   /* a GPE source (hotplug would) raises status; only GPE 0-7 count */
                m.gpe_sts |= v;
                r->pm->gpe.sts |= v;
                bus_io_write(r->bus, PIIX4_PM_GPE_BASE + 2, m.gpe_en & 0xff, 1);  /* re-evaluates */
                break;
            default:
                ck_assert_uint_eq(bus_io_read(r->bus, PM + 2, 2), m.en);
                break;
            }
            int want = m_sci(&m, clock_ns(&r->clock));
            ck_assert_msg(r->sci == want, "seed %u op %d: SCI %d, model %d (sts %#x en %#x)",
                          seed, i, r->sci, want, m.sts, m.en);
            rises += want && !prev;
            prev = want;
        }
        rig_free(r);
    }
    ck_assert_int_gt(rises, 100);   /* the sequences did raise the SCI, many times */
    ck_assert_int_eq(ops, 24 * 1500);
}
END_TEST

/* Access sizes as QEMU's TCG port accesses: one dispatch to the region at the port. */
START_TEST(test_piix4_pm_block_access_sizes_are_qemus)
{
    Rig *r = rig_new(true);
    bus_io_write(r->bus, PM + 2, 0x0121, 2);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 2, 1), 0x21);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 3, 1), 0);        /* odd evt offset: 0 */
    ck_assert_uint_eq(bus_io_read(r->bus, PM, 4), 0);            /* evt takes 1-2 bytes */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 1, 2), 0);        /* unaligned: 0 */
    bus_io_write(r->bus, PM + 4, 0x0401, 2);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 5, 1), 0x04);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 5, 2), 0);
    bus_io_write(r->bus, PM + 5, 0x08, 1);                       /* high byte alone */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 4, 2), 0x0801);
    bus_io_write(r->bus, PM + 4, 0x01, 1);                       /* low byte: high cleared */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 4, 2), 0x0001);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 6, 2), 0xffff);   /* gap */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 0x28, 4), 0xffffffff);
    dt_run_to(&r->clock, 1000000000);
    uint32_t t = bus_io_read(r->bus, PM + 8, 4);
    ck_assert_uint_eq(t, 3579545 & 0xffffff);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 9, 1), t & 0xff); /* any offset: the low bits */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 8, 2), t & 0xffff);
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 0xd, 1), 2);     /* AUX_BLK */
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 0xd, 2), 0);     /* bytes only */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE, 1), 1);
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_PCIHP_BASE + 0xc, 4), 0xfffffffc);
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_PCIHP_BASE + 0xc, 2), 0);
    cfg_wr(r, 0x80, 0, 1);                                       /* PM block off */
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 8, 4), 0xffffffff);
    rig_free(r);
}
END_TEST

START_TEST(test_piix4_pm_apm_smi_acpi_enable_and_s5)
{
    Rig *r = rig_new(true);
    bus_io_write(r->bus, 0xb2, 0x55, 1);
    ck_assert_int_eq(r->smis, 0);                                /* APMC_EN clear */
    cfg_wr(r, 0x58, 1u << 25, 4);
    bus_io_write(r->bus, 0xb2, 0x55, 1);
    ck_assert_int_eq(r->smis, 1);
    bus_io_write(r->bus, 0xb2, ACPI_ENABLE_CMD, 1);
    ck_assert_int_eq(r->smis, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 4, 2), ACPI_SCI_EN);
    bus_io_write(r->bus, 0xb2, ACPI_DISABLE_CMD, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 4, 2), 0);
    bus_io_write(r->bus, 0xb3, 0x77, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, 0xb2, 2), 0x77f0);
    bus_io_write(r->bus, PM + 4, 1u << 10 | ACPI_SLP_EN, 2);    /* S3: suspend */
    ck_assert_int_eq(r->poweroffs, 0);
    ck_assert_int_eq(r->suspends, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, PM + 4, 2), 1u << 10);  /* SLP_EN reads 0 */
    bus_io_write(r->bus, PM + 4, 1u << 10, 2);                  /* SLP_TYP alone: nothing */
    ck_assert_int_eq(r->suspends, 1);
    bus_io_write(r->bus, PM + 4, 2u << 10 | ACPI_SLP_EN, 2);    /* S4: off, as QEMU */
    bus_io_write(r->bus, PM + 4, ACPI_SLP_EN, 2);               /* S5 */
    ck_assert_int_eq(r->poweroffs, 2);
    rig_free(r);
}
END_TEST

/* QEMU's wake-up rules: the RTC alarm and the PM timer wake only with their PM1 enable
 * bit; the overflow asks for a wake-up; after the reset, WAK_STS and the cause's bit. */
START_TEST(test_piix4_pm_s3_wake_sources_and_status_are_qemus)
{
    Rig *r = rig_new(true);
    ck_assert(!piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_RTC));
    ck_assert(!piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_PMTIMER));
    ck_assert(piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_OTHER));
    bus_io_write(r->bus, PM + 2, ACPI_RTC_EN, 2);
    ck_assert(piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_RTC));
    ck_assert(!piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_PMTIMER));
    bus_io_write(r->bus, PM, 0xffff, 2);                         /* clear; arm the overflow */
    bus_io_write(r->bus, PM + 2, ACPI_TMR_EN, 2);
    ck_assert(piix4_pm_wake_enabled(r->pm, PIIX4_WAKE_PMTIMER));
    ck_assert_int_eq(r->wakeups, 0);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 2400000000ll);   /* past 2^23 ticks */
    ck_assert_int_ge(r->wakeups, 1);
    ck_assert_int_eq(r->wake, PIIX4_WAKE_PMTIMER);
    static const struct { Piix4WakeReason why; uint16_t sts; } w[] = {
        { PIIX4_WAKE_RTC, ACPI_WAK_STS | ACPI_RTC_STS },
        { PIIX4_WAKE_PMTIMER, ACPI_WAK_STS | ACPI_TMR_STS },
        { PIIX4_WAKE_OTHER, ACPI_WAK_STS | ACPI_PWRBTN_STS },
    };
    for (size_t i = 0; i < ARRAY_SIZE(w); i++) {
        piix4_pm_reset(r->pm);
        cfg_wr(r, 0x80, 1, 1);                                   /* the reset unmapped it */
        bus_io_write(r->bus, PM, 0xffff, 2);
        piix4_pm_woken(r->pm, w[i].why);
        ck_assert_uint_eq(bus_io_read(r->bus, PM, 2), w[i].sts);
        ck_assert_uint_eq(bus_io_read(r->bus, PM + 2, 2), 0);   /* enables stay off */
    }
    rig_free(r);
}
END_TEST

/* ---- SMBus ---- */

static uint8_t smb(Rig *r, uint8_t addr, uint8_t cmd, uint8_t d0, uint8_t ctl)
{
    bus_io_write(r->bus, SMB, 0xff, 1);
    bus_io_write(r->bus, SMB + 4, addr, 1);
    bus_io_write(r->bus, SMB + 3, cmd, 1);
    bus_io_write(r->bus, SMB + 5, d0, 1);
    bus_io_write(r->bus, SMB + 2, ctl | 0x41, 1);                /* START | INTREN */
    return (uint8_t)bus_io_read(r->bus, SMB, 1);
}

START_TEST(test_piix4_pm_smbus_reads_and_writes_the_eeproms)
{
    Rig *r = rig_new(true);
    ck_assert_uint_eq(smb(r, 0xa1 + 4, 0x10, 0, 2 << 2), 0x02); /* byte data read 0x52 */
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 5, 1), 0x30);
    ck_assert_uint_eq(smb(r, 0xa1 + 2, 0x20, 0, 3 << 2), 0x02); /* word read 0x51 */
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 5, 1), 0x30);
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 6, 1), 0x31);
    ck_assert_uint_eq(smb(r, 0xa0, 7, 0x99, 2 << 2), 0x02);     /* write 0x50[7] */
    ck_assert_uint_eq(r->ee[0]->data[7], 0x99);
    ck_assert_uint_eq(smb(r, 0xa1, 0, 0, 1 << 2), 0x02);        /* receive byte: offset 8 */
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 5, 1), 8);
    ck_assert_uint_eq(smb(r, 0xb1, 0, 0, 2 << 2), 0x04);        /* 0x58: DEV_ERR */
    ck_assert(r->ee[0]->accessed && r->ee[1]->accessed && r->ee[2]->accessed);
    ck_assert(!r->ee[3]->accessed);
    ck_assert(!smbus_eeprom_vms.needed(r->ee[3]) && smbus_eeprom_vms.needed(r->ee[2]));
    /* block write through the AUX_BLK buffer, then a block read of it (count first) */
    bus_io_write(r->bus, SMB, 0xff, 1);
    bus_io_write(r->bus, SMB + 2, 0, 1);                         /* index back to 0 */
    static const uint8_t blk[3] = { 0xa, 0xb, 0xc };
    for (int i = 0; i < 3; i++)
        bus_io_write(r->bus, SMB + 7, blk[i], 1);
    ck_assert_uint_eq(smb(r, 0xa6, 0x40, 3, 5 << 2), 0x02);     /* 0x53[0x40..]: count, data */
    ck_assert_uint_eq(r->ee[3]->data[0x40], 3);
    ck_assert_uint_eq(r->ee[3]->data[0x43], 0xc);
    ck_assert_uint_eq(smb(r, 0xa7, 0x40, 0, 5 << 2), 0x02);
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 5, 1), 3);      /* the count read first */
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(bus_io_read(r->bus, SMB + 7, 1), blk[i]);
    rig_free(r);
}
END_TEST

/* An I2C block read holds the bus between bytes: a save in the middle records the
 * address, and a fresh machine loaded from it goes on with the same EEPROM. */
START_TEST(test_piix4_pm_i2c_block_read_survives_a_save_and_load)
{
    Rig *r = rig_new(true), *r2 = rig_new(true);
    bus_io_write(r->bus, SMB, 0xff, 1);
    bus_io_write(r->bus, SMB + 4, 0xa9, 1);                      /* 0x54 */
    bus_io_write(r->bus, SMB + 6, 0x20, 1);                      /* offset (data 1) */
    bus_io_write(r->bus, SMB + 2, 0x41 | 6 << 2, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 7, 1), 0x40 + 0x20);
    bus_io_write(r->bus, SMB, 0x80, 1);                          /* BYTE_DONE: next byte */
    ck_assert_uint_eq(bus_io_read(r->bus, SMB + 7, 1), 0x40 + 0x21);
    const VmsDesc *d[3] = { &i2c_bus_vms, &piix4_pm_vms, &smbus_eeprom_vms };
    void *o1[3] = { r->i2c, r->pm, r->ee[4] }, *o2[3] = { r2->i2c, r2->pm, r2->ee[4] };
    for (int i = 0; i < 3; i++) {
        size_t n;
        uint8_t *b = dt_save(d[i], o1[i], &n, NULL);
        Err e = { 0 };
        ck_assert_msg(dt_load(d[i], o2[i], b, n, &e) == 0, "%s", e.msg);
        free(b);
    }
    ck_assert_uint_eq(r2->i2c->saved_address, 0x54);
    i2c_bus_sync(r2->i2c);
    bus_io_write(r2->bus, SMB, 0x80, 1);
    ck_assert_uint_eq(bus_io_read(r2->bus, SMB + 7, 1), 0x40 + 0x22);
    bus_io_write(r2->bus, SMB + 2, 0x21 | 6 << 2, 1);            /* LAST_BYTE, no restart */
    bus_io_write(r2->bus, SMB, 0x80, 1);
    ck_assert_uint_eq(bus_io_read(r2->bus, SMB, 1) & 0x02, 0x02); /* INTR: done */
    ck_assert_uint_eq(r2->i2c->current, 0);                      /* transfer ended */
    ck_assert_uint_eq(r2->ee[4]->offset, 0x24);
    ck_assert_int_eq(r2->ee[4]->dev.mode, SMBUS_IDLE);
    rig_free(r);
    rig_free(r2);
}
END_TEST

/* ---- sections ---- */

static void exercise(void *o)
{
    Rig *r = o;
    i2c_bus_sync(r->i2c);
    for (int p = 0; p < 16; p++) {
        bus_io_read(r->bus, SMB + p, 1);
        bus_io_write(r->bus, SMB + p, 0xff, 1);
        bus_io_read(r->bus, SMB + p, 1);
    }
    bus_io_write(r->bus, SMB + 2, 0x41 | 6 << 2, 1);
    bus_io_write(r->bus, SMB, 0x80, 1);
    bus_io_read(r->bus, SMB + 7, 1);
    for (int p = 0; p < 12; p++)
        bus_io_read(r->bus, PM + p, 1);
    bus_io_read(r->bus, PIIX4_PM_PCIHP_BASE, 4);
    bus_io_write(r->bus, PIIX4_PM_PCIHP_BASE + 8, 0xffffffff, 4);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 3000000000ll);
}

START_TEST(test_piix4_pm_sections_vmdesc_round_trip_and_hostile_bytes)
{
    Rig *r = rig_new(true), *r2 = rig_new(true);
    smb(r, 0xa1, 3, 0, 2 << 2);                                  /* EEPROM 0 accessed */
    bus_io_write(r->bus, PM + 2, 0x0101, 2);                     /* timer armed */
    dt_check_vmdesc(&i2c_bus_vms, r->i2c, "i2c_bus", 0);
    dt_check_vmdesc(&piix4_pm_vms, r->pm, "0000:00:01.3/piix4_pm", 0);
    dt_check_vmdesc(&smbus_eeprom_vms, r->ee[0], "smbus-eeprom", 0);
    const VmsDesc *d[3] = { &i2c_bus_vms, &piix4_pm_vms, &smbus_eeprom_vms };
    void *o1[3] = { r->i2c, r->pm, r->ee[0] }, *o2[3] = { r2->i2c, r2->pm, r2->ee[0] };
    /* PCI device, PM1, APM, SMBus, timer, overflow, GPE, bsel, 256 bus status, acpi_index,
     * then the memhp subsection (header: 0x05, name length, name, version; selector) */
    size_t want_len[3] = { 1, 276 + 6 + 2 + 48 + 8 + 8 + 4 + 4 + 256 * 8 + 4 + (2 + 14 + 4 + 4),
                           1 + 4 + 4 + 34 + 256 + 2 };
    for (int i = 0; i < 3; i++) {
        size_t n, n2;
        uint8_t *b = dt_save(d[i], o1[i], &n, NULL);
        ck_assert_msg(n == want_len[i], "%s: %zu bytes, want %zu", d[i]->name, n, want_len[i]);
        Err e = { 0 };
        ck_assert_msg(dt_load(d[i], o2[i], b, n, &e) == 0, "%s", e.msg);
        uint8_t *b2 = dt_save(d[i], o2[i], &n2, NULL);
        ck_assert(n2 == n && memcmp(b, b2, n) == 0);
        dt_check_truncations(d[i], o2[i], b, n);
        dt_flip_every_byte(d[i], o2[i], b, n, exercise, r2);
        free(b);
        free(b2);
    }
    /* named refusals, into a machine the flipped bytes above did not touch */
    rig_free(r2);
    r2 = rig_new(true);
    size_t n;
    uint8_t *b = dt_save(&piix4_pm_vms, r->pm, &n, NULL);
    Err e = { 0 };
    b[276 + 6 + 2 + 6 + 3] = 33;                                 /* smb_index */
    ck_assert_int_lt(dt_load(&piix4_pm_vms, r2->pm, b, n, &e), 0);
    ck_assert_msg(strstr(e.msg, "smb_index"), "%s", e.msg);
    free(b);
    b = dt_save(&smbus_eeprom_vms, r->ee[0], &n, NULL);
    b[0] = 0x51;                                                 /* I2CSlave address */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&smbus_eeprom_vms, r2->ee[0], b, n, &e), 0);
    ck_assert_msg(strstr(e.msg, "address"), "%s", e.msg);
    b[0] = 0x50;
    b[1 + 4 + 3] = 40;                                           /* data_len */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&smbus_eeprom_vms, r2->ee[0], b, n, &e), 0);
    ck_assert_msg(strstr(e.msg, "data_len"), "%s", e.msg);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

/* The DSDT's write of 0 at 0xAF00 switches to QEMU's modern CPU hotplug interface; its
 * state then travels in the piix4_pm/cpuhp subsection, whose load switches the loading
 * machine too (QEMU's vmstate_cpuhp_pre_load). */
START_TEST(test_piix4_pm_modern_cpu_hotplug_and_its_subsection)
{
    Rig *r = rig_new(true), *r2 = rig_new(true);
    size_t n0, n;
    free(dt_save(&piix4_pm_vms, r->pm, &n0, NULL));
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE, 1), 1);      /* legacy: CPU 0 */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE + 4, 1), 0);
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE, 0, 1);                        /* the switch */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE + 4, 1), 1);  /* flags: enabled */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE + 12, 1), 0xff); /* past the region */
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 5, 1, 1);                    /* _OST event */
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 8, 0x103, 4);
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 5, 2, 1);                    /* _OST status */
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 8, 0x80, 4);
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 5, 9, 1);                    /* no such command */
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE, 1, 4);                        /* no CPU 1 */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE + 4, 1), 0);
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE + 8, 0x55, 4);                 /* ignored */
    bus_io_write(r->bus, PIIX4_PM_CPUHP_BASE, 0, 4);
    piix4_pm_reset(r->pm);                                                  /* QEMU keeps the mode */
    ck_assert_uint_eq(bus_io_read(r->bus, PIIX4_PM_CPUHP_BASE + 4, 1), 1);
    uint8_t *b = dt_save(&piix4_pm_vms, r->pm, &n, NULL);
    static const uint8_t sub[] = {
        0x05, 14, 'p', 'i', 'i', 'x', '4', '_', 'p', 'm', '/', 'c', 'p', 'u', 'h', 'p',
        0, 0, 0, 1,                  /* version 1 */
        0, 0, 0, 0,                  /* selector */
        2,                           /* command: _OST status */
        0, 0,                        /* devs[0]: is_inserting, is_removing */
        0, 0, 0x01, 0x03,            /* ost_event */
        0, 0, 0, 0x80,               /* ost_status */
    };
    ck_assert_uint_eq(n, n0 + sizeof sub);
    ck_assert_mem_eq(b + n0, sub, sizeof sub);
    Err e = { 0 };
    ck_assert_msg(dt_load(&piix4_pm_vms, r2->pm, b, n, &e) == 0, "%s", e.msg);
    ck_assert_uint_eq(bus_io_read(r2->bus, PIIX4_PM_CPUHP_BASE + 4, 1), 1); /* modern now */
    ck_assert_uint_eq(r2->pm->cpuhp.dev.ost_event, 0x103);
    ck_assert_uint_eq(r2->pm->cpuhp.dev.ost_status, 0x80);
    dt_check_truncations(&piix4_pm_vms, r2->pm, b, n);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("piix4_pm");
    TCase *tc = tcase_create("piix4_pm");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_piix4_pm_reset_config_is_qemus);
    tcase_add_test(tc, test_piix4_pm_timer_and_sci_follow_the_model_on_random_sequences);
    tcase_add_test(tc, test_piix4_pm_block_access_sizes_are_qemus);
    tcase_add_test(tc, test_piix4_pm_apm_smi_acpi_enable_and_s5);
    tcase_add_test(tc, test_piix4_pm_s3_wake_sources_and_status_are_qemus);
    tcase_add_test(tc, test_piix4_pm_smbus_reads_and_writes_the_eeproms);
    tcase_add_test(tc, test_piix4_pm_i2c_block_read_survives_a_save_and_load);
    tcase_add_test(tc, test_piix4_pm_sections_vmdesc_round_trip_and_hostile_bytes);
    tcase_add_test(tc, test_piix4_pm_modern_cpu_hotplug_and_its_subsection);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
