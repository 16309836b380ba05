#!/usr/bin/env python3
"""chardev_peer.py MODE TEXT -- PROGRAM ARGS...: runs an emulator whose -serial is a pty or a
TCP socket and reads the guest's serial output from the other end until TEXT, for
tests/scripts/chardev_qemu.sh. MODE: pty (the program prints the pty's name on stdout),
tcp-server (the program listens on @PORT@, replaced by a free port), tcp-client (the
program connects to @PORT@, where this script listens). Prints the program's stdout line
(pty), 'got TEXT' once TEXT arrived, then ends the program (SIGTERM) and prints its status.
The only waits are for data, each bounded by a 120 s hang guard."""
import os, select, signal, socket, subprocess, sys, time

def read_until(read, text):
    buf, end = b'', time.time() + 120
    while text not in buf and time.time() < end:
        d = read()
        if d is None:
            continue
        if not d:
            break
        buf += d
    return text in buf

def main():
    mode, text = sys.argv[1], sys.argv[2].encode()
    argv = sys.argv[4:]
    port = None
    lsock = None
    if mode == 'tcp-client':
        lsock = socket.socket()
        lsock.bind(('127.0.0.1', 0))
        lsock.listen(1)
        port = lsock.getsockname()[1]
    elif mode == 'tcp-server':
        s = socket.socket()
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
        s.close()
    argv = [a.replace('@PORT@', str(port)) for a in argv]
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if mode == 'pty':
        line = p.stdout.readline().decode()
        print(line.strip().replace(line.split()[4], '/dev/pts/N') if line.startswith('char device') else line.strip())
        fd = os.open(line.split()[4], os.O_RDWR | os.O_NOCTTY)
        def rd():
            r, _, _ = select.select([fd], [], [], 1)
            return os.read(fd, 4096) if r else None
    else:
        if mode == 'tcp-client':
            lsock.settimeout(120)
            conn, _ = lsock.accept()
        else:
            conn, end = None, time.time() + 120
            while conn is None and time.time() < end:
                try:
                    conn = socket.create_connection(('127.0.0.1', port), timeout=120)
                except ConnectionRefusedError:
                    time.sleep(0.1)   # the program is not listening yet: try again
        def rd():
            r, _, _ = select.select([conn], [], [], 1)
            return conn.recv(4096) if r else None
    print('got %s' % text.decode() if read_until(rd, text) else 'TIMEOUT')
    p.send_signal(signal.SIGTERM)
    print('status', p.wait())

main()
