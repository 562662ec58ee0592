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
		-e 's/ designated_root [0-9a-f:.]*//' -e 's/ root_id [0-9a-f:.]*//' -e 's/timer *[0-9.]*//g' -e 's/ 8[0-9a-f][0-9a-f][0-9a-f]: / AUTO: /g'
}
# Busybox's shell would run its own ip and tc applets: the real tools by
# path.
real() {
	echo "$1" | sed -e "s|^ip |$ip_bin |" -e "s|^tc |$tc_bin |" -e "s|^bridge |$bridge_bin |"
}
printf 'category\tkind\tiproute2\tcompile\treplay\tsame\tjson\tgoapi\n' > /out/matrix.tsv
capture lab-matrix
grep -v '^#' /scenarios/matrix.list | while IFS='|' read -r cat kind setup cmd show; do
	[ -n "$kind" ] || continue
	ip netns add A
	ip netns add C
	old_ifs=$IFS
	IFS=';'
	for s in $setup; do
		IFS=$old_ifs
		ip netns exec A sh -c "$(real "$s")" >/dev/null 2>&1
		ip netns exec C sh -c "$(real "$s")" >/dev/null 2>&1
		sh -c "$(real "$s")" >/dev/null 2>&1
		IFS=';'
	done
	IFS=$old_ifs
	ip netns exec A sh -c "$(real "$cmd")" >/tmp/ip.err 2>&1 && iproute2=ok || iproute2="exit $?: $(head -1 /tmp/ip.err)"
	echo "$cmd" > /tmp/m.batch
	if nlbatch compile -o /tmp/m.nlb /tmp/m.batch >/tmp/compile.err 2>&1; then
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
		if nlbatch show --format json /tmp/m.nlb > /tmp/m.json && nlbatch compile -o /tmp/j.nlb /tmp/m.json >/dev/null 2>&1; then
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
		old_ifs=$IFS
		IFS=';'
		for s in $setup; do
			IFS=$old_ifs
			ip netns exec D sh -c "$(real "$s")" >/dev/null 2>&1
			IFS=';'
		done
		IFS=$old_ifs
		form=$(goapi -o /tmp/g.nlb "$cat" "$kind" 2>/tmp/goapi.err); st=$?
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
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cat" "$kind" "$iproute2" "$compile" "$replay" "$same" "$json" "$goapi" >> /out/matrix.tsv
	ip netns del A
	ip netns del C
	for l in m0 m1 p0 q0 v0; do ip link del "$l" 2>/dev/null; done
done
capture_end
