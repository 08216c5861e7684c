#!/bin/sh
# Stands in for openssl in tests: behaves like the real one, except that the encryption of a chain (the only
# command given "-pass env:...") fails or hangs when the test asks for it with a file beside this script (hang: every
# encryption hangs; hang-after N: those after the N-th). It counts the encryptions (enc-count) and the listings of
# algorithms that a probe of the binary asks for (list-count).
here=$(dirname "$0")
case "$*" in
	*" -list")
		echo "$(( $(cat "$here/list-count" 2>/dev/null || echo 0) + 1 ))" > "$here/list-count"
		;;
	*"-pass env:"*)
		n=$(( $(cat "$here/enc-count" 2>/dev/null || echo 0) + 1 ))
		echo "$n" > "$here/enc-count"
		if [ -f "$here/fail-at" ] && [ "$n" -eq "$(cat "$here/fail-at")" ]; then
			echo "simulated enc failure" >&2
			exit 1
		fi
		if [ -f "$here/hang" ]; then
			exec sleep 600
		fi
		if [ -f "$here/hang-after" ] && [ "$n" -gt "$(cat "$here/hang-after")" ]; then
			exec sleep 600
		fi
		;;
esac
exec openssl "$@"
