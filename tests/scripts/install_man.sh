#!/bin/sh
# install_man.sh: the manual pages render with man -l without a warning and name every
# option pcemu -help lists; make install DESTDIR=... PREFIX=/usr puts the two programs, the
# two pages and the bash completion in place, the installed programs run, the completion
# completes, and make uninstall leaves nothing behind.
set -u
T=$TMPDIR_TEST
fails=0
command -v man >/dev/null || { echo "man (man-db) not installed"; exit 77; }
for page in doc/pcemu.1 doc/pcemu-img.1; do
    MANWIDTH=80 man --warnings -l "$page" >"$T/page.txt" 2>"$T/warn.txt"
    if [ -s "$T/warn.txt" ] || ! grep -q '^NAME' "$T/page.txt"; then
        echo "FAIL: man -l $page:"; cat "$T/warn.txt"; fails=$((fails + 1))
    else
        echo "ok: man -l $page renders ($(wc -l <"$T/page.txt") lines)"
    fi
done
# every option of pcemu -help is in pcemu(1)
MANWIDTH=200 man -l doc/pcemu.1 2>/dev/null | sed 's/‐/-/g' >"$T/pcemu.txt"
"$PCEMU" -help | grep '^  -' | grep -oE '(^  |, |/)-[a-zA-Z][a-z-]*' | sed 's/^[ ,/]*//' | sort -u >"$T/opts"
n=0
while read -r opt; do
    n=$((n + 1))
    grep -qF -- "$opt" "$T/pcemu.txt" || { echo "FAIL: pcemu(1) lacks $opt"; fails=$((fails + 1)); }
done <"$T/opts"
echo "pcemu(1) names all $n options of pcemu -help"

root="$T/root"
mkdir "$root"
make -s install O="$O" DESTDIR="$root" PREFIX=/usr >"$T/make.log" 2>&1 || { cat "$T/make.log"; exit 1; }
for f in bin/pcemu bin/pcemu-img share/man/man1/pcemu.1 share/man/man1/pcemu-img.1 \
         share/bash-completion/completions/pcemu share/bash-completion/completions/pcemu-img; do
    [ -f "$root/usr/$f" ] || { echo "FAIL: make install did not install /usr/$f"; fails=$((fails + 1)); }
done
"$root/usr/bin/pcemu" -version | grep -q "pcemu version" || { echo "FAIL: installed pcemu"; fails=$((fails + 1)); }
"$root/usr/bin/pcemu-img" --version >/dev/null || { echo "FAIL: installed pcemu-img"; fails=$((fails + 1)); }
MANWIDTH=80 man -l "$root/usr/share/man/man1/pcemu-img.1" 2>/dev/null | grep -q 'vmstate dump' ||
    { echo "FAIL: installed pcemu-img(1)"; fails=$((fails + 1)); }
# the completion, as bash runs it
got=$(bash -c ". '$root/usr/share/bash-completion/completions/pcemu'
    COMP_WORDS=(pcemu -nogr); COMP_CWORD=1; _pcemu; echo \${COMPREPLY[*]}
    COMP_WORDS=(pcemu -M pc-i); COMP_CWORD=2; _pcemu; echo \${COMPREPLY[*]}
    COMP_WORDS=(pcemu-img snap); COMP_CWORD=1; _pcemu_img; echo \${COMPREPLY[*]}")
want=$(printf '%s\n' -nographic "pc-i440fx-7.2 pc-i440fx-6.0" snapshot)
[ "$got" = "$want" ] || { echo "FAIL: completion gave '$got'"; fails=$((fails + 1)); }
make -s uninstall O="$O" DESTDIR="$root" PREFIX=/usr >"$T/make.log" 2>&1 || { cat "$T/make.log"; exit 1; }
left=$(find "$root" -mindepth 1)
[ -z "$left" ] || { echo "FAIL: make uninstall left: $left"; fails=$((fails + 1)); }
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "install, man pages, completion and uninstall work"
