/* vmsdump.c: `vmsdump dump [--extract DIR] FILE`, the stream analyzer (snapshot/format/analyze.h)
 * as a stand-alone program for the scripted tests (pcemu-img vmstate dump is the same). */
#include "snapshot/format/analyze.h"

int main(int argc, char **argv)
{
    return vms_dump_main(argc, argv);
}
