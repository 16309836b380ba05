# gdbport.sh: sourced by the scripted tests that drive an emulator's gdb stub over TCP
# (gdbstub.sh, floppy.sh); they define fail() first.
#   free_port          prints a TCP port on 127.0.0.1 free at this moment
#   wait_port P E PID  returns once something listens on port P; fails, showing file E,
#                      when process PID is gone first. The bound (10 minutes) only catches
#                      a hung emulator, however long a busy host takes to start one.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 6000); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" \
            2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || break
        sleep 0.1
    done
    cat "$2"
    fail "nothing listens on port $1"
}
