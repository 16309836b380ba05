/* qcow_libqcow_read.c: the independent qcow2 reader for the block tests. Prints the guest
 * disk of a qcow2 image, read through libqcow (not pcemu's driver), to standard output,
 * and with -n only the number of snapshots libqcow sees. Exit 1 on any libqcow error. */
#include <libqcow.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int die(libqcow_error_t *e, const char *what)
{
    fprintf(stderr, "qcow_libqcow_read: %s failed\n", what);
    if (e) {
        libqcow_error_fprint(e, stderr);
        libqcow_error_free(&e);
    }
    return 1;
}

int main(int argc, char **argv)
{
    bool count = argc == 3 && strcmp(argv[1], "-n") == 0;
    if (argc != 2 && !count) {
        fprintf(stderr, "usage: qcow_libqcow_read [-n] IMAGE\n");
        return 2;
    }
    libqcow_file_t *f = NULL;
    libqcow_error_t *e = NULL;
    if (libqcow_file_initialize(&f, &e) != 1)
        return die(e, "initialize");
    if (libqcow_file_open(f, argv[argc - 1], LIBQCOW_OPEN_READ, &e) != 1)
        return die(e, "open");
    if (count) {
        int n = 0;
        if (libqcow_file_get_number_of_snapshots(f, &n, &e) != 1)
            return die(e, "get_number_of_snapshots");
        printf("%d\n", n);
    } else {
        size64_t size = 0;
        if (libqcow_file_get_media_size(f, &size, &e) != 1)
            return die(e, "get_media_size");
        size_t chunk = 1 << 20;
        char *buf = malloc(chunk);
        for (size64_t off = 0; off < size;) {
            size_t n = size - off < chunk ? (size_t)(size - off) : chunk;
            ssize_t r = libqcow_file_read_buffer_at_offset(f, buf, n, (off64_t)off, &e);
            if (r != (ssize_t)n)
                return die(e, "read");
            fwrite(buf, 1, n, stdout);
            off += n;
        }
        free(buf);
    }
    libqcow_file_close(f, &e);
    libqcow_file_free(&f, &e);
    return 0;
}
