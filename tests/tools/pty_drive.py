#!/usr/bin/env python3
"""pty_drive.py: runs a program on a new pseudo-terminal and plays a script against it, for
tests/scripts/console_qemu.sh. Each script line is one step:
  wait TEXT     read the terminal until TEXT has appeared (hang guard: 120 s)
  send BYTES    write BYTES (Python escapes: \\x01 is Ctrl-A)
  mark          start a new section of the output log
  kill SIG      send signal SIG (a number) to the program
  end           read until the program exits
The output (sections separated by '---' lines, bytes as Python escapes) goes to stdout,
then 'status N' (the exit status, or -SIG for a signal). No step depends on timing."""
import os, pty, select, sys, time

def main():
    script, argv = sys.argv[1], sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    buf = b''
    def read_until(pred):
        nonlocal buf
        end = time.time() + 120
        while not pred() and time.time() < end:
            r, _, _ = select.select([fd], [], [], 1)
            if not r:
                continue
            try:
                d = os.read(fd, 4096)
            except OSError:
                return False
            if not d:
                return False
            buf += d
        return pred()
    for line in open(script):
        op, _, arg = line.rstrip('\n').partition(' ')
        data = arg.encode().decode('unicode_escape').encode('latin-1')
        if op == 'wait':
            if not read_until(lambda: data in buf):
                print('TIMEOUT waiting for %r' % data)
        elif op == 'send':
            os.write(fd, data)
        elif op == 'mark':
            print(repr(buf))
            print('---')
            buf = b''
        elif op == 'kill':
            os.kill(pid, int(arg))
        elif op == 'end':
            read_until(lambda: False)
    print(repr(buf))
    _, st = os.waitpid(pid, 0)
    print('status', os.waitstatus_to_exitcode(st))

main()
