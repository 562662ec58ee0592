# The conformance matrix: every kind of matrix.list (lab/scenarios/matrix/*.list
# joined) is applied twice, in
# two namespaces set up alike: by iproute2 in a namespace of its own, and
# compiled by nlbatch from the same line and replayed in the guest's own
# namespace, where the capture sees it. Then iproute2 shows both results, with what
# differs between any two namespaces (addresses, indexes) blanked out.
# /out/matrix.tsv gets one line per kind: category, kind, iproute2's
# exit status, nlbatch compile, nlbatch replay, and whether the two
# results are the same.
norm() {
	sed -e 's/^[0-9]*: //' -e 's/link\/[a-z0-9]* [0-9a-f:.]*//' -e 's/ brd [0-9a-f:.]*//' \
		-e 's/ permaddr [0-9a-f:]*//' -e 's/ link-netnsid [0-9]*//' -e 's/ref [0-9]*//g' \
		-e 's/ index [0-9]*//g' -e 's/ used [0-9]*//g' -e 's/installed [0-9]* sec//' \
		-e 's/ ifindex [0-9]*//g' -e 's/ inet6 addr gen mode [a-z0-9]*//' -e 's/ bridge_id [0-9a-f:.]*//' \
		-e 's/ designated_root [0-9a-f:.]*//' -e 's/ root_id [0-9a-f:.]*//' -e 's/timer *[0-9.]*//g' -e 's/ 8[0-9a-f][0-9a-f][0-9a-f]: / AUTO: /g' |
		# A routing table that was never made and an empty one are the
		# same state; only the first makes the dump fail.
		grep -v -e '^Error: ipv4: FIB table does not exist.$' -e '^Dump terminated$'
}
# Busybox's shell would run its own ip and tc applets: the real tools by
# path.
real() {
	echo "$1" | sed -e "s|^ip |$ip_bin |" -e "s|^tc |$tc_bin |" -e "s|^bridge |$bridge_bin |"
}
# Batches are compiled in the guest's byte order: netlink is host-endian,
# and the s390x lab (LAB_ARCH=s390x) is big-endian.
order=
[ "$(uname -m)" = s390x ] && order=--big-endian

# setup_in NS runs the row's setup in namespace NS ("" for the guest's
# own).
setup_in() {
	old_ifs=$IFS
	IFS=';'
	for s in $setup; do
		IFS=$old_ifs
		if [ -n "$1" ]; then
			ip netns exec "$1" sh -c "$(real "$s")" >/dev/null 2>&1
		else
			sh -c "$(real "$s")" >/dev/null 2>&1
		fi
		IFS=';'
	done
	IFS=$old_ifs
}
# show_in NS FILE prints the row's state in NS, normalised, into FILE.
show_in() {
	ip netns exec "$1" sh -c "$(real "$show")" 2>&1 | norm > "$2"
}
# undo_command prints the iproute2 line that deletes what the row's
# command makes: the link, the qdisc at its parent, the class, every
# filter at the parent, the object ("add" turned "del").
undo_command() {
	case $cat in
	link) echo "ip link del m0" ;;
	qdisc) echo "$cmd" | sed -E -e 's/ add / del /' -e 's/ (root|ingress|clsact|parent [^ ]+) .*/ \1/' -e 's/ (ingress|clsact)$/ \1/' ;;
	class) echo "$cmd" | sed -E 's/.* classid ([^ ]+).*/tc class del dev q0 classid \1/' ;;
	filter | action) echo "$cmd" | sed -E 's/^tc filter add dev q0 (ingress|egress|parent [^ ]+) .*/tc filter del dev q0 \1/' ;;
	*)
		case $cmd in
		"ip nexthop add id "*) echo "$cmd" | sed -E 's/^ip nexthop add id ([0-9]+).*/ip nexthop del id \1/' ;;
		*) echo "$cmd" | sed -e 's/ add / del /' -e 's/ append / del /' ;;
		esac
		;;
	esac
}
# atomic_case NS BATCHLINE: sets NS up (with the row's command first when
# $3 is "made"), keeps its state, replays BATCHLINE and then a line the
# kernel refuses with --atomic, and checks the state is back. Prints
# "yes" or what went wrong.
atomic_case() {
	ip netns add "$1"
	setup_in "$1"
	[ "$3" = made ] && ip netns exec "$1" sh -c "$(real "$cmd")" >/dev/null 2>&1
	show_in "$1" /tmp/before.txt
	printf '%s\nip link add nlbfail0 type nlb-no-such-kind\n' "$2" > /tmp/u.batch
	if ! nlbatch compile $order -o /tmp/u.nlb /tmp/u.batch >/tmp/u.err 2>&1; then
		echo "does not compile: $(cut -d: -f4- /tmp/u.err | head -1)"
	elif nlbatch replay --atomic --netns "$1" /tmp/u.nlb >/tmp/u.out 2>&1; then
		echo "the failing line did not fail"
	elif ! grep -q '^rolled back' /tmp/u.out; then
		# What the rollback says it cannot restore, else its first lines.
		why=$(grep -m1 -o 'cannot restore.*' /tmp/u.out) ||
			why=$(grep -v -e '^replayed' -e 'nlb-no-such-kind' /tmp/u.out | head -3 | sed 's/^[^ ]*: [^:]*: //' | tr '\n' ' ')
		echo "not rolled back: $why"
		echo "matrix: $kind: the atomic rollback of \"$2\":" >&2
		cat /tmp/u.out >&2
	else
		show_in "$1" /tmp/after.txt
		if cmp -s /tmp/before.txt /tmp/after.txt; then echo yes; else
			echo differs
			echo "matrix: $kind after an atomic rollback of \"$2\" differs:" >&2
			diff /tmp/before.txt /tmp/after.txt >&2
			grep -v '^replayed' /tmp/u.out | head -5 >&2
		fi
	fi
	ip netns del "$1"
}
printf 'category\tkind\tiproute2\tcompile\treplay\tsame\tjson\tgoapi\tatomic\n' > /out/matrix.tsv
capture lab-matrix
grep -v '^#' /scenarios/matrix.list | while IFS='|' read -r cat kind setup cmd show; do
	[ -n "$kind" ] || continue
	ip netns add A
	ip netns add C
	setup_in A
	setup_in C
	setup_in ""
	ip netns exec A sh -c "$(real "$cmd")" >/tmp/ip.err 2>&1 && iproute2=ok || iproute2="exit $?: $(head -1 /tmp/ip.err)"
	echo "$cmd" > /tmp/m.batch
	if nlbatch compile $order -o /tmp/m.nlb /tmp/m.batch >/tmp/compile.err 2>&1; then
		compile=ok
		if nlbatch replay /tmp/m.nlb >/tmp/replay.out 2>&1; then
			replay=ok
		else
			replay="failed: $(grep -v '^replayed' /tmp/replay.out | head -1 | sed 's/^[^ ]*: [^:]*: //')"
		fi
	else
		compile="failed: $(cut -d: -f4- /tmp/compile.err | head -1)"
		replay=-
	fi
	same=-
	if [ "$iproute2" = ok ] && [ "$replay" = ok ]; then
		ip netns exec A sh -c "$(real "$show")" 2>&1 | norm > /tmp/a.txt
		sh -c "$(real "$show")" 2>&1 | norm > /tmp/b.txt
		if cmp -s /tmp/a.txt /tmp/b.txt; then same=yes; else
			same=no
			echo "matrix: $kind differs:"; diff /tmp/a.txt /tmp/b.txt
		fi
	fi
	# The JSON front end: the batch printed by show --format json,
	# compiled again and replayed in a third namespace.
	json=-
	if [ "$same" != - ]; then
		if nlbatch show --format json /tmp/m.nlb > /tmp/m.json && nlbatch compile $order -o /tmp/j.nlb /tmp/m.json >/dev/null 2>&1; then
			if nlbatch replay --netns C /tmp/j.nlb >/tmp/jreplay.out 2>&1; then
				ip netns exec C sh -c "$(real "$show")" 2>&1 | norm > /tmp/c.txt
				if cmp -s /tmp/a.txt /tmp/c.txt; then json=yes; else
					json=differs
					echo "matrix: $kind from JSON differs:"; diff /tmp/a.txt /tmp/c.txt
				fi
			else
				json="replay failed: $(grep -v '^replayed' /tmp/jreplay.out | head -1 | sed 's/^[^ ]*: [^:]*: //')"
			fi
		else
			json="does not compile"
		fi
	fi
	# The Go API (lab/goapi): the same request written with package
	# batch's typed requests or pyroute2 calls, replayed in a fourth
	# namespace.
	goapi=-
	if [ "$same" != - ]; then
		ip netns add D
		setup_in D
		form=$(goapi $order -o /tmp/g.nlb "$cat" "$kind" 2>/tmp/goapi.err); st=$?
		if [ $st = 0 ]; then
			if nlbatch replay --netns D /tmp/g.nlb >/tmp/greplay.out 2>&1; then
				ip netns exec D sh -c "$(real "$show")" 2>&1 | norm > /tmp/d.txt
				if cmp -s /tmp/a.txt /tmp/d.txt; then goapi="$form: yes"; else
					goapi="$form: differs"
					echo "matrix: $kind from the Go API ($form) differs:"; diff /tmp/a.txt /tmp/d.txt
				fi
			else
				goapi="$form: replay failed: $(grep -v '^replayed' /tmp/greplay.out | head -1 | sed 's/^[^ ]*: [^:]*: //')"
			fi
		elif [ $st != 3 ]; then
			goapi="does not compile: $(head -1 /tmp/goapi.err)"
		fi
		ip netns del D
	fi
	# Atomic replay: the row's line, then one the kernel refuses, with
	# --atomic; afterwards the state must be as before. Once making the
	# object (the undo deletes it, or sets a changed one back), once
	# deleting it after iproute2 made it (the undo makes it again from
	# the snapshot, options and all).
	atomic=-
	if [ "$same" = yes ]; then
		made=$(atomic_case E "$cmd" fresh)
		case $cmd in
		*" change "*) unmade=- ;;
		*) unmade=$(atomic_case F "$(undo_command)" made) ;;
		esac
		if [ "$made" = yes ] && [ "$unmade" != yes ] && [ "$unmade" != - ]; then
			atomic="undo of a delete: $unmade"
		elif [ "$made" != yes ]; then
			atomic="undo of an add: $made"
		else
			atomic=yes
		fi
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cat" "$kind" "$iproute2" "$compile" "$replay" "$same" "$json" "$goapi" "$atomic" >> /out/matrix.tsv
	ip netns del A
	ip netns del C
	# For the capture: each link kind changed too (an alias, a group, up
	# and down), so that its notifications carry the kind's data after a
	# change as well as after creation and in dumps. Not compared.
	if [ "$cat" = link ] && [ "$replay" = ok ]; then
		printf 'ip link set m0 alias matrix-%s group 7
ip link set m0 up
ip link set m0 down
' "$kind" > /tmp/c.batch
		nlbatch compile $order -o /tmp/c.nlb /tmp/c.batch >/dev/null 2>&1 && nlbatch replay /tmp/c.nlb >/dev/null 2>&1
		sh -c "$(real "ip -d link show m0")" >/dev/null 2>&1
	fi
	for l in m0 m1 p0 q0 v0; do ip link del "$l" 2>/dev/null; done
done
capture_end
