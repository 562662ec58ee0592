package dump_test

// TestTshark decodes every capture under testdata/pcaps with tshark and
// with nldump --format json and checks that the two agree on everything
// tshark decodes.
//
// tshark is run with -T pdml: unlike -T json, PDML keeps the position
// (pos=) and the nesting of every item, so message boundaries are exact
// (tshark prints control messages after the protocol messages of a frame,
// out of order, and the JSON output has no offsets to put them back), and
// an attribute at the top level of a message can be told apart from one
// that tshark found by descending into a nested attribute with the
// parent's attribute table.
//
// What is compared, message by message (messages are matched by their
// byte offset in the frame):
//   - the offsets of the top-level messages of each frame, hence their
//     number. An NLMSG_ERROR counts as one message on both sides: tshark
//     shows the echoed request's nlmsghdr inside the error, nldump under
//     "request";
//   - nlmsghdr: len, type, flags, seq, pid. Types: netlink.hdr_type for
//     control messages, netlink-route.nltype for rtnetlink, and the
//     family name tshark appends to genl.family_id for generic netlink;
//   - netlink.error, and the type and seq of the echoed request;
//   - the sequence of top-level attribute types, wherever tshark shows
//     attributes;
//   - the values tshark decodes at the top level (see attrChecks) and a
//     few fixed-header fields (see headerChecks).
//
// Not compared, because tshark 4.0 does not decode it: nested attributes,
// tc, rules, nexthops, genl bodies, and the error code of NLMSG_DONE.
//
// Where tshark and nldump differ by design:
//   - some iproute2 dump requests are followed by zero bytes in the same
//     buffer; tshark shows them as a message header of length 0, nldump
//     (like the kernel, which stops at an nlmsg_len below 16) as padding.
//     Such tshark "messages" are dropped;
//   - an attribute whose length runs past its message is shown by tshark
//     as an attribute and kept by nldump as "trailing" bytes; both count
//     as "not an attribute" (-1) in the attribute type sequence.
//
// be-basic.pcap (big-endian payloads): tshark, like nldump, picks the
// byte order per frame, and both agree on it, so the file is compared like
// the others. The attributes whose payload qemu left in host order (see
// MANIFEST) are none of the values compared; one nested attribute there
// has its header in host order too, which falls under the second point
// above. The kernel lab's lab-be-*.pcap come from a real big-endian
// (s390x) kernel, with nothing left in the other order: they are compared
// like the others too, and tshark 4.0 reads them as nldump does.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/internal/dump"
)

// captureDir holds the captures compared, searched recursively so that
// captures added later (lab captures in subdirectories, gzip'd or pcapng
// files) are picked up.
const captureDir = "../../testdata/pcaps"

var captureName = regexp.MustCompile(`\.pcap(ng)?(\.gz)?$`)

// maxReports caps the disagreements reported per capture.
const maxReports = 40

// attrChecks are the attribute values tshark decodes at the top level of
// a message, with the nldump attribute they must equal. tshark puts
// IFA_ADDRESS, IFA_LOCAL and IFA_BROADCAST all under
// netlink-route.ifa_address.ipv4 (4-byte payloads) or .ipv6 (others).
var attrChecks = []struct {
	field string // tshark field
	attrs []string
	kind  string // "string", "uint" or "ip"
}{
	{"netlink-route.ifla_ifname", []string{"IFLA_IFNAME"}, "string"},
	{"netlink-route.ifla_qdisc", []string{"IFLA_QDISC"}, "string"},
	{"netlink-route.ifla_mtu", []string{"IFLA_MTU"}, "uint"},
	{"netlink-route.ifla_txqlen", []string{"IFLA_TXQLEN"}, "uint"},
	{"netlink-route.ifa_label", []string{"IFA_LABEL"}, "string"},
	{"netlink-route.ifa_address.ipv4", []string{"IFA_ADDRESS", "IFA_LOCAL", "IFA_BROADCAST"}, "ip"},
	{"netlink-route.ifa_address.ipv6", []string{"IFA_ADDRESS", "IFA_LOCAL", "IFA_BROADCAST"}, "ip"},
	{"netlink-route.rta_oif", []string{"RTA_OIF"}, "uint"},
	{"netlink-route.rta_iif", []string{"RTA_IIF"}, "uint"},
}

// headerChecks are fixed-header fields: tshark field, nldump header key.
var headerChecks = []struct{ field, key string }{
	{"netlink-route.ifi_index", "ifi_index"},
	{"netlink-route.ifa_prefixlen", "ifa_prefixlen"},
	{"netlink-route.ifa_index", "ifa_index"},
	{"netlink-route.rt_dst_len", "rtm_dst_len"},
	{"netlink-route.rt_src_len", "rtm_src_len"},
	{"netlink-route.nd_index", "ndm_ifindex"},
}

// msgTypes maps the names nldump gives control and rtnetlink messages to
// their numbers, taken from x/sys/unix rather than from the codec under
// test.
var msgTypes = map[string]uint64{
	"NLMSG_NOOP": unix.NLMSG_NOOP, "NLMSG_ERROR": unix.NLMSG_ERROR,
	"NLMSG_DONE": unix.NLMSG_DONE, "NLMSG_OVERRUN": unix.NLMSG_OVERRUN,

	"RTM_NEWLINK": unix.RTM_NEWLINK, "RTM_DELLINK": unix.RTM_DELLINK,
	"RTM_GETLINK": unix.RTM_GETLINK, "RTM_SETLINK": unix.RTM_SETLINK,
	"RTM_NEWADDR": unix.RTM_NEWADDR, "RTM_DELADDR": unix.RTM_DELADDR, "RTM_GETADDR": unix.RTM_GETADDR,
	"RTM_NEWROUTE": unix.RTM_NEWROUTE, "RTM_DELROUTE": unix.RTM_DELROUTE, "RTM_GETROUTE": unix.RTM_GETROUTE,
	"RTM_NEWNEIGH": unix.RTM_NEWNEIGH, "RTM_DELNEIGH": unix.RTM_DELNEIGH, "RTM_GETNEIGH": unix.RTM_GETNEIGH,
	"RTM_NEWRULE": unix.RTM_NEWRULE, "RTM_DELRULE": unix.RTM_DELRULE, "RTM_GETRULE": unix.RTM_GETRULE,
	"RTM_NEWQDISC": unix.RTM_NEWQDISC, "RTM_DELQDISC": unix.RTM_DELQDISC, "RTM_GETQDISC": unix.RTM_GETQDISC,
	"RTM_NEWTCLASS": unix.RTM_NEWTCLASS, "RTM_DELTCLASS": unix.RTM_DELTCLASS, "RTM_GETTCLASS": unix.RTM_GETTCLASS,
	"RTM_NEWTFILTER": unix.RTM_NEWTFILTER, "RTM_DELTFILTER": unix.RTM_DELTFILTER, "RTM_GETTFILTER": unix.RTM_GETTFILTER,
	"RTM_NEWACTION": unix.RTM_NEWACTION, "RTM_DELACTION": unix.RTM_DELACTION, "RTM_GETACTION": unix.RTM_GETACTION,
	"RTM_NEWPREFIX":    unix.RTM_NEWPREFIX,
	"RTM_GETMULTICAST": unix.RTM_GETMULTICAST, "RTM_NEWMULTICAST": unix.RTM_NEWMULTICAST, "RTM_DELMULTICAST": unix.RTM_DELMULTICAST,
	"RTM_GETANYCAST": unix.RTM_GETANYCAST, "RTM_NEWANYCAST": unix.RTM_NEWANYCAST, "RTM_DELANYCAST": unix.RTM_DELANYCAST,
	"RTM_NEWNEIGHTBL": unix.RTM_NEWNEIGHTBL, "RTM_GETNEIGHTBL": unix.RTM_GETNEIGHTBL, "RTM_SETNEIGHTBL": unix.RTM_SETNEIGHTBL,
	"RTM_NEWNDUSEROPT": unix.RTM_NEWNDUSEROPT,
	"RTM_NEWADDRLABEL": unix.RTM_NEWADDRLABEL, "RTM_DELADDRLABEL": unix.RTM_DELADDRLABEL, "RTM_GETADDRLABEL": unix.RTM_GETADDRLABEL,
	"RTM_GETDCB": unix.RTM_GETDCB, "RTM_SETDCB": unix.RTM_SETDCB,
	"RTM_NEWNETCONF": unix.RTM_NEWNETCONF, "RTM_DELNETCONF": unix.RTM_DELNETCONF, "RTM_GETNETCONF": unix.RTM_GETNETCONF,
	"RTM_NEWMDB": unix.RTM_NEWMDB, "RTM_DELMDB": unix.RTM_DELMDB, "RTM_GETMDB": unix.RTM_GETMDB,
	"RTM_NEWNSID": unix.RTM_NEWNSID, "RTM_DELNSID": unix.RTM_DELNSID, "RTM_GETNSID": unix.RTM_GETNSID,
	"RTM_NEWSTATS": unix.RTM_NEWSTATS, "RTM_GETSTATS": unix.RTM_GETSTATS, "RTM_SETSTATS": unix.RTM_SETSTATS,
	"RTM_NEWCACHEREPORT": unix.RTM_NEWCACHEREPORT,
	"RTM_NEWCHAIN":       unix.RTM_NEWCHAIN, "RTM_DELCHAIN": unix.RTM_DELCHAIN, "RTM_GETCHAIN": unix.RTM_GETCHAIN,
	"RTM_NEWNEXTHOP": unix.RTM_NEWNEXTHOP, "RTM_DELNEXTHOP": unix.RTM_DELNEXTHOP, "RTM_GETNEXTHOP": unix.RTM_GETNEXTHOP,
	"RTM_NEWLINKPROP": unix.RTM_NEWLINKPROP, "RTM_DELLINKPROP": unix.RTM_DELLINKPROP, "RTM_GETLINKPROP": unix.RTM_GETLINKPROP,
	"RTM_NEWVLAN": unix.RTM_NEWVLAN, "RTM_DELVLAN": unix.RTM_DELVLAN, "RTM_GETVLAN": unix.RTM_GETVLAN,
	"RTM_NEWNEXTHOPBUCKET": unix.RTM_NEWNEXTHOPBUCKET, "RTM_DELNEXTHOPBUCKET": unix.RTM_DELNEXTHOPBUCKET,
	"RTM_GETNEXTHOPBUCKET": unix.RTM_GETNEXTHOPBUCKET,
	"RTM_NEWTUNNEL":        unix.RTM_NEWTUNNEL, "RTM_DELTUNNEL": unix.RTM_DELTUNNEL, "RTM_GETTUNNEL": unix.RTM_GETTUNNEL,
}

// flagBits maps nldump's flag names to their bits (several names share a
// bit: their meaning depends on the message kind).
var flagBits = map[string]uint64{
	"NLM_F_REQUEST": unix.NLM_F_REQUEST, "NLM_F_MULTI": unix.NLM_F_MULTI, "NLM_F_ACK": unix.NLM_F_ACK,
	"NLM_F_ECHO": unix.NLM_F_ECHO, "NLM_F_DUMP_INTR": unix.NLM_F_DUMP_INTR,
	"NLM_F_DUMP_FILTERED": unix.NLM_F_DUMP_FILTERED,
	"NLM_F_ROOT":          unix.NLM_F_ROOT, "NLM_F_MATCH": unix.NLM_F_MATCH, "NLM_F_ATOMIC": unix.NLM_F_ATOMIC,
	"NLM_F_DUMP":    unix.NLM_F_DUMP,
	"NLM_F_REPLACE": unix.NLM_F_REPLACE, "NLM_F_EXCL": unix.NLM_F_EXCL, "NLM_F_CREATE": unix.NLM_F_CREATE,
	"NLM_F_APPEND": unix.NLM_F_APPEND,
	"NLM_F_NONREC": unix.NLM_F_NONREC, "NLM_F_BULK": unix.NLM_F_BULK,
	"NLM_F_CAPPED": unix.NLM_F_CAPPED, "NLM_F_ACK_TLVS": unix.NLM_F_ACK_TLVS,
}

func TestTshark(t *testing.T) {
	tshark := lookTshark(t)
	for _, file := range captures(t) {
		name, _ := filepath.Rel(captureDir, file)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ts, nd := decodeBoth(t, tshark, file)
			r := compareDecodings(ts, nd)
			for i, rep := range r.reports {
				if i == maxReports {
					t.Errorf("%s: %d disagreements in all, %d more not shown", name, len(r.reports), len(r.reports)-maxReports)
					break
				}
				t.Errorf("%s: %s", name, rep)
			}
			t.Logf("%s: checked %s", name, r.summary())
		})
	}
}

// TestTsharkDisagreement checks that the comparison fails when nldump's
// output is wrong: each case alters one thing in nldump's decoding of
// the first capture where it applies, and the comparison must report it.
func TestTsharkDisagreement(t *testing.T) {
	tshark := lookTshark(t)
	files := captures(t)
	cases := []struct {
		name  string
		field string // must appear in the report
		alter func(m *message) bool
	}{
		{"type", "message type", func(m *message) bool {
			if m.typ == nil || *m.typ != unix.RTM_NEWROUTE {
				return false
			}
			v := uint64(unix.RTM_DELROUTE)
			m.typ = &v
			return true
		}},
		{"seq", "netlink.hdr_seq", func(m *message) bool {
			v := *m.seq + 1
			m.seq = &v
			return true
		}},
		{"flags", "netlink.hdr_flags", func(m *message) bool {
			v := *m.flags ^ unix.NLM_F_ACK
			m.flags = &v
			return true
		}},
		{"error", "netlink.error", func(m *message) bool {
			if m.errCode == nil || *m.errCode == 0 {
				return false
			}
			v := *m.errCode - 1
			m.errCode = &v
			return true
		}},
		{"ifname", "netlink-route.ifla_ifname", alterAttr("IFLA_IFNAME", `"eth99"`)},
		{"ipv4", "netlink-route.ifa_address.ipv4", alterAttr("IFA_LOCAL", `"192.0.2.99"`)},
		{"ipv6", "netlink-route.ifa_address.ipv6", alterAttr("IFA_ADDRESS", `"2001:db8::99"`)},
		{"broadcast", "netlink-route.ifa_address.ipv4", alterAttr("IFA_BROADCAST", `"192.0.2.255"`)},
		{"oif", "netlink-route.rta_oif", alterAttr("RTA_OIF", `12345`)},
		{"ifindex", "netlink-route.ifi_index", func(m *message) bool {
			if _, ok := m.header["ifi_index"]; !ok {
				return false
			}
			m.header["ifi_index"] = "12345"
			return true
		}},
		{"attribute dropped", "top-level attribute types", func(m *message) bool {
			if len(m.nldumpAttrs) < 2 {
				return false
			}
			m.nldumpAttrs = m.nldumpAttrs[1:]
			m.attrTypes = m.attrTypes[1:]
			return true
		}},
		{"message dropped", "messages at offsets", nil},
	}
	type decoded struct{ ts, nd frameMsgs }
	cache := map[string]decoded{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, file := range files {
				d, ok := cache[file]
				if !ok {
					d.ts, d.nd = decodeBoth(t, tshark, file)
					cache[file] = d
				}
				if len(compareDecodings(d.ts, d.nd).reports) != 0 {
					continue // this capture disagrees already: TestTshark says why
				}
				nd := cloneMsgs(d.nd)
				if !alterFirst(nd, c.alter) {
					continue
				}
				reports := compareDecodings(d.ts, nd).reports
				for _, rep := range reports {
					if strings.Contains(rep, c.field) {
						return
					}
				}
				t.Fatalf("%s: nldump's output altered (%s), but the comparison reported %q", file, c.name, reports)
			}
			t.Skipf("no capture where tshark and nldump agree has a message to alter for %q", c.name)
		})
	}
}

// alterAttr returns a function setting the value of the first top-level
// attribute name of a message that has one (an address of the same
// family for addresses).
func alterAttr(name, value string) func(m *message) bool {
	v6 := strings.Contains(value, ":")
	return func(m *message) bool {
		for i := range m.nldumpAttrs {
			a := &m.nldumpAttrs[i]
			if a.Name == name && string(a.Value) != value && (strings.Contains(string(a.Value), ":") == v6) {
				a.Value = json.RawMessage(value)
				return true
			}
		}
		return false
	}
}

// alterFirst applies alter to the first message (by frame) it accepts;
// with a nil alter it drops the last message of the first frame that has
// several.
func alterFirst(nd frameMsgs, alter func(m *message) bool) bool {
	frames := make([]int, 0, len(nd))
	for f := range nd {
		frames = append(frames, f)
	}
	sort.Ints(frames)
	for _, f := range frames {
		if alter == nil {
			if len(nd[f]) > 1 {
				nd[f] = nd[f][:len(nd[f])-1]
				return true
			}
			continue
		}
		for _, m := range nd[f] {
			if alter(m) {
				return true
			}
		}
	}
	return false
}

func cloneMsgs(in frameMsgs) frameMsgs {
	out := frameMsgs{}
	for f, ms := range in {
		for _, m := range ms {
			c := *m
			c.header = map[string]string{}
			for k, v := range m.header {
				c.header[k] = v
			}
			c.nldumpAttrs = append([]jsonAttr(nil), m.nldumpAttrs...)
			c.attrTypes = append([]int(nil), m.attrTypes...)
			out[f] = append(out[f], &c)
		}
	}
	return out
}

func lookTshark(t *testing.T) string {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed: skipping the comparison of nldump with tshark (install the tshark package to run it)")
	}
	return tshark
}

// captures lists the captures to compare.
func captures(t *testing.T) []string {
	var files []string
	err := filepath.WalkDir(captureDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && captureName.MatchString(d.Name()) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no captures under %s", captureDir)
	}
	return files
}

// decodeBoth decodes file with tshark and with nldump. tshark's generic
// netlink family names are attached to the nldump messages' echoed
// requests where nldump names the family.
func decodeBoth(t *testing.T, tshark, file string) (ts, nd frameMsgs) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ts, families, err := runTshark(ctx, tshark, file)
	if err != nil {
		t.Fatalf("%s: tshark: %v", file, err)
	}
	nd, err = runNldump(file)
	if err != nil {
		t.Fatalf("%s: nldump: %v", file, err)
	}
	for _, ms := range nd {
		for _, m := range ms {
			if m.reqType == nil && m.reqTypeName != "" {
				if id, ok := familyID(families, m.reqTypeName); ok {
					m.reqType = &id
				}
			}
		}
	}
	return ts, nd
}

// compareDecodings compares tshark's messages (ts) with nldump's (nd),
// frame by frame.
func compareDecodings(ts, nd frameMsgs) *reporter {
	r := &reporter{checks: map[string]int{}}
	frames := map[int]bool{}
	for f := range ts {
		frames[f] = true
	}
	for f := range nd {
		frames[f] = true
	}
	nums := make([]int, 0, len(frames))
	for f := range frames {
		nums = append(nums, f)
	}
	sort.Ints(nums)
	for _, f := range nums {
		tm, nm := ts[f], nd[f]
		r.checked("frames")
		if !sameOffsets(tm, nm) {
			r.errorf("frame %d: %d messages at offsets %v in tshark, %d at %v in nldump",
				f, len(tm), offsets(tm), len(nm), offsets(nm))
		}
		byOff := map[int]*message{}
		for _, m := range nm {
			byOff[m.offset] = m
		}
		for _, a := range tm {
			if b := byOff[a.offset]; b != nil {
				r.checked("messages")
				compareMessage(r, f, a, b)
			}
		}
	}
	return r
}

func (r *reporter) summary() string {
	keys := make([]string, 0, len(r.checks))
	for k := range r.checks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", k, r.checks[k])
	}
	return b.String()
}

// message is one top-level netlink message as one of the tools shows it.
// Fields a tool does not show are nil or empty.
type message struct {
	offset       int
	length       *uint64
	typ          *uint64
	typName      string // generic netlink family name (tshark's genl.family_id label, nldump's type)
	flags        *uint64
	seq, pid     *uint64
	errCode      *int64
	reqType      *uint64
	reqTypeName  string
	reqSeq       *uint64
	attrsShown   bool              // tshark: the attributes were dissected
	attrTypes    []int             // top-level attribute types; -1: bytes that do not form one
	attrValues   []attr            // tshark: decoded top-level values
	header       map[string]string // fixed-header fields (headerChecks)
	nldumpAttrs  []jsonAttr
	nldumpFamily string
}

type attr struct {
	index int    // position among the top-level attributes
	typ   int    // attribute type
	plen  int    // payload length
	field string // tshark field name
	show  string // tshark value
}

type frameMsgs map[int][]*message // frame number -> messages in offset order

func offsets(ms []*message) []int {
	o := make([]int, len(ms))
	for i, m := range ms {
		o[i] = m.offset
	}
	return o
}

func sameOffsets(a, b []*message) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].offset != b[i].offset {
			return false
		}
	}
	return true
}

// compareMessage compares what tshark shows of a message (a) with
// nldump's decoding of it (b).
func compareMessage(r *reporter, frame int, a, b *message) {
	where := fmt.Sprintf("frame %d, message at offset %d", frame, a.offset)
	if b.typName != "" {
		where += " (" + b.typName + ")"
	}
	cmpUint := func(field string, x, y *uint64) {
		if x == nil {
			return
		}
		r.checked(field)
		if y == nil || *x != *y {
			r.errorf("%s: %s: tshark %d, nldump %s", where, field, *x, fmtUint(y))
		}
	}
	cmpUint("netlink.hdr_len", a.length, b.length)
	cmpUint("netlink.hdr_seq", a.seq, b.seq)
	cmpUint("netlink.hdr_pid", a.pid, b.pid)
	cmpUint("netlink.hdr_flags", a.flags, b.flags)

	// The type: by number, or for generic netlink by family name. Not
	// compared: generic netlink families tshark does not name, and the
	// message types of protocols other than route that nldump names.
	switch {
	case a.typName != "" && b.typ == nil:
		r.checked("message type")
		if a.typName != b.typName {
			r.errorf("%s: genl.family_id: tshark %d (%s), nldump %q", where, *a.typ, a.typName, b.typName)
		}
	case a.typ != nil && b.typ != nil:
		r.checked("message type")
		if *a.typ != *b.typ {
			r.errorf("%s: message type: tshark %d, nldump %d (%s)", where, *a.typ, *b.typ, b.typName)
		}
	case a.typ != nil && b.nldumpFamily == "route":
		r.checked("message type")
		r.errorf("%s: message type: tshark %d, nldump %q (not a known name)", where, *a.typ, b.typName)
	}

	if a.errCode != nil {
		r.checked("netlink.error")
		if b.errCode == nil || *a.errCode != *b.errCode {
			r.errorf("%s: netlink.error: tshark %d, nldump %s", where, *a.errCode, fmtInt(b.errCode))
		}
	}
	if a.reqType != nil {
		cmpUint("echoed request netlink.hdr_seq", a.reqSeq, b.reqSeq)
		want := b.reqType
		if want != nil || b.nldumpFamily == "route" {
			r.checked("echoed request netlink.hdr_type")
		}
		if want == nil && b.nldumpFamily == "route" || want != nil && *want != *a.reqType {
			r.errorf("%s: echoed request netlink.hdr_type: tshark %d, nldump %s (%q)", where, *a.reqType, fmtUint(want), b.reqTypeName)
		}
	}

	for _, hc := range headerChecks {
		av, ok := a.header[hc.field]
		if !ok {
			continue
		}
		r.checked(hc.field)
		bv, ok := b.header[hc.key]
		if !ok || av != bv {
			r.errorf("%s: %s: tshark %s, nldump header.%s %s", where, hc.field, av, hc.key, quoteMissing(bv, ok))
		}
	}

	if !a.attrsShown {
		return
	}
	r.checked("top-level attribute types")
	if !equalInts(a.attrTypes, b.attrTypes) {
		r.errorf("%s: top-level attribute types: tshark %v, nldump %v", where, a.attrTypes, b.attrTypes)
		return
	}
	for _, v := range a.attrValues {
		compareAttr(r, where, v, b.nldumpAttrs[v.index])
	}
}

func compareAttr(r *reporter, where string, v attr, n jsonAttr) {
	for _, c := range attrChecks {
		if c.field != v.field {
			continue
		}
		if !contains(c.attrs, n.Name) {
			r.errorf("%s: attribute %d (type %d): tshark shows %s=%s, nldump names it %q", where, v.index+1, v.typ, v.field, v.show, n.Name)
			return
		}
		r.checked(v.field)
		label := fmt.Sprintf("%s: %s (attribute %d, %s)", where, n.Name, v.index+1, v.field)
		switch c.kind {
		case "string":
			var s string
			if json.Unmarshal(n.Value, &s) != nil || s != v.show {
				r.errorf("%s: tshark %q, nldump %s", label, v.show, rawValue(n))
			}
		case "uint":
			var x uint64
			want, err := strconv.ParseUint(v.show, 0, 64)
			if err != nil {
				r.errorf("%s: tshark value %q is not a number", label, v.show)
			} else if json.Unmarshal(n.Value, &x) != nil || x != want {
				r.errorf("%s: tshark %d, nldump %s", label, want, rawValue(n))
			}
		case "ip":
			if v.plen != 4 && v.plen != 16 {
				return // tshark decodes any length that is not 4 as IPv6
			}
			want, err := netip.ParseAddr(v.show)
			if err != nil {
				r.errorf("%s: tshark value %q is not an address", label, v.show)
				return
			}
			var s string
			got, err := netip.Addr{}, json.Unmarshal(n.Value, &s)
			if err == nil {
				got, err = netip.ParseAddr(s)
			}
			if err != nil || got != want {
				r.errorf("%s: tshark %s, nldump %s", label, want, rawValue(n))
			}
		}
		return
	}
}

func rawValue(n jsonAttr) string {
	switch {
	case n.Value != nil:
		return string(n.Value)
	case n.Raw != "":
		return fmt.Sprintf("raw %s (%s)", n.Raw, n.Error)
	}
	return "no value"
}

func quoteMissing(s string, ok bool) string {
	if !ok {
		return "missing"
	}
	return s
}

func fmtUint(p *uint64) string {
	if p == nil {
		return "missing"
	}
	return strconv.FormatUint(*p, 10)
}

func fmtInt(p *int64) string {
	if p == nil {
		return "missing"
	}
	return strconv.FormatInt(*p, 10)
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func familyID(families map[uint64]string, name string) (uint64, bool) {
	if n, ok := strings.CutPrefix(name, "genl-"); ok {
		id, err := strconv.ParseUint(n, 10, 16)
		return id, err == nil
	}
	for id, n := range families {
		if n == name {
			return id, true
		}
	}
	return 0, false
}

// reporter collects disagreements and counts the checks made, by field.
type reporter struct {
	reports []string
	checks  map[string]int
}

func (r *reporter) errorf(format string, args ...any) {
	r.reports = append(r.reports, fmt.Sprintf(format, args...))
}

func (r *reporter) checked(field string) { r.checks[field]++ }

// ---- nldump side

type jsonAttr struct {
	Name  string          `json:"name"`
	Type  int             `json:"type"`
	Value json.RawMessage `json:"value"`
	Raw   string          `json:"raw"`
	Error string          `json:"error"`
	// Trailing bytes that do not form an attribute.
	Trailing *string `json:"trailing"`
}

type jsonMsg struct {
	Frame   int                        `json:"frame"`
	Offset  int                        `json:"offset"`
	Family  string                     `json:"family"`
	Len     uint64                     `json:"len"`
	Type    json.RawMessage            `json:"type"`
	Flags   []string                   `json:"flags"`
	Seq     uint64                     `json:"seq"`
	PID     uint64                     `json:"pid"`
	Error   *int64                     `json:"error"`
	Header  map[string]json.RawMessage `json:"header"`
	Attrs   []jsonAttr                 `json:"attrs"`
	Request *struct {
		Type json.RawMessage `json:"type"`
		Seq  *uint64         `json:"seq"`
	} `json:"request"`
}

func runNldump(file string) (frameMsgs, error) {
	var out, errb bytes.Buffer
	if code := dump.Main([]string{"--format", "json", file}, strings.NewReader(""), &out, &errb); code != 0 {
		// Malformed frames are reported and decoding goes on: the
		// comparison then shows what is missing.
		if code != 1 {
			return nil, fmt.Errorf("exit status %d: %s", code, errb.String())
		}
	}
	res := frameMsgs{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var j jsonMsg
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
			return nil, fmt.Errorf("invalid JSON line %q: %v", sc.Text(), err)
		}
		m := &message{offset: j.Offset, nldumpFamily: j.Family, header: map[string]string{}}
		m.length, m.seq, m.pid = &j.Len, &j.Seq, &j.PID
		m.typ, m.typName = parseType(j.Type)
		var flags uint64
		for _, f := range j.Flags {
			if b, ok := flagBits[f]; ok {
				flags |= b
			} else if v, err := strconv.ParseUint(f, 0, 16); err == nil {
				flags |= v
			} else {
				return nil, fmt.Errorf("frame %d: unknown flag name %q", j.Frame, f)
			}
		}
		m.flags = &flags
		m.errCode = j.Error
		if j.Request != nil {
			m.reqType, m.reqTypeName = parseType(j.Request.Type)
			m.reqSeq = j.Request.Seq
		}
		for k, v := range j.Header {
			m.header[k] = string(v)
		}
		m.nldumpAttrs = j.Attrs
		for _, a := range j.Attrs {
			if a.Trailing != nil {
				m.attrTypes = append(m.attrTypes, -1)
			} else {
				m.attrTypes = append(m.attrTypes, a.Type)
			}
		}
		res[j.Frame] = append(res[j.Frame], m)
	}
	return res, sc.Err()
}

// parseType reads nldump's "type": a number, a known control or
// rtnetlink name, or a generic netlink family name.
func parseType(raw json.RawMessage) (*uint64, string) {
	var n uint64
	if json.Unmarshal(raw, &n) == nil {
		return &n, ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil, string(raw)
	}
	if v, ok := msgTypes[s]; ok {
		return &v, s
	}
	return nil, s
}

// ---- tshark side

// pdmlNode is a <proto> or <field> element of tshark's PDML output.
type pdmlNode struct {
	XMLName  xml.Name
	Name     string     `xml:"name,attr"`
	Show     string     `xml:"show,attr"`
	ShowName string     `xml:"showname,attr"`
	Pos      string     `xml:"pos,attr"`
	Size     string     `xml:"size,attr"`
	Kids     []pdmlNode `xml:",any"`
}

func (n *pdmlNode) pos() int  { p, _ := strconv.Atoi(n.Pos); return p }
func (n *pdmlNode) size() int { s, _ := strconv.Atoi(n.Size); return s }

func (n *pdmlNode) isMsgHeader() bool {
	return n.Name == "" && strings.HasPrefix(n.Show, "Netlink message header")
}

func (n *pdmlNode) isAttr() bool {
	return n.Name == "" && strings.HasPrefix(n.Show, "Attribute")
}

func (n *pdmlNode) kid(name string) *pdmlNode {
	for i := range n.Kids {
		if n.Kids[i].Name == name {
			return &n.Kids[i]
		}
	}
	return nil
}

var familyLabel = regexp.MustCompile(`\(([^()]+)\)$`)

// runTshark decodes file with tshark and returns its messages by frame,
// and the generic netlink family names it learned by id.
func runTshark(ctx context.Context, tshark, file string) (frameMsgs, map[uint64]string, error) {
	// tshark gives up on a frame after gui.max_tree_depth (500) protocol
	// layers, one per message: raise it so that large dump buffers are
	// decoded in full.
	cmd := exec.CommandContext(ctx, tshark, "-n", "-o", "gui.max_tree_depth:20000", "-r", file, "-T", "pdml")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	res := frameMsgs{}
	families := map[uint64]string{}
	perr := parsePDML(bufio.NewReaderSize(stdout, 1<<20), res, families)
	if perr != nil {
		_, _ = io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	return res, families, perr
}

func parsePDML(r io.Reader, res frameMsgs, families map[uint64]string) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "packet" {
			continue
		}
		var pkt struct {
			Protos []pdmlNode `xml:"proto"`
		}
		if err := dec.DecodeElement(&pkt, &se); err != nil {
			return err
		}
		frame, base := -1, -1
		for i := range pkt.Protos {
			p := &pkt.Protos[i]
			switch p.Name {
			case "frame":
				if n := p.kid("frame.number"); n != nil {
					frame, _ = strconv.Atoi(n.Show)
				}
			case "netlink":
				// The nlmon header: message offsets count from its end.
				base = p.pos() + p.size()
			}
		}
		if frame < 0 || base < 0 {
			continue // not a netlink frame
		}
		var msgs []*message
		for i := range pkt.Protos {
			collectMessages(&pkt.Protos[i], base, &msgs, families)
		}
		sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].offset < msgs[j].offset })
		res[frame] = msgs
	}
}

// collectMessages finds the elements that hold a "Netlink message header"
// as a direct child: protocol messages are <proto> elements (netlink-route,
// genl, ...), control messages "Netlink message" fields. It does not look
// inside a message, so the request echoed in an NLMSG_ERROR (a second
// header inside the error message) is not counted as a message.
func collectMessages(n *pdmlNode, base int, out *[]*message, families map[uint64]string) {
	for i := range n.Kids {
		if n.Kids[i].isMsgHeader() {
			m := tsharkMessage(n, base, families)
			// tshark shows the zero bytes some dump requests carry
			// after their message (see testdata/pcaps/README.md) as a
			// header of length 0. The kernel stops reading a buffer at
			// an nlmsg_len below 16, and so does nldump: they are not
			// a message.
			if m.length != nil && *m.length >= 16 {
				*out = append(*out, m)
			}
			return
		}
	}
	for i := range n.Kids {
		collectMessages(&n.Kids[i], base, out, families)
	}
}

func tsharkMessage(n *pdmlNode, base int, families map[uint64]string) *message {
	m := &message{header: map[string]string{}}
	headers := 0
	attrIndex := 0
	for i := range n.Kids {
		k := &n.Kids[i]
		switch {
		case k.isMsgHeader():
			headers++
			if headers == 1 {
				m.offset = k.pos() - base
				readHeader(k, m, families)
			} else {
				// The request echoed in an NLMSG_ERROR.
				var req message
				readHeader(k, &req, families)
				m.reqType, m.reqSeq = req.typ, req.seq
			}
		case k.Name == "netlink.error":
			if v, err := strconv.ParseInt(k.Show, 0, 64); err == nil {
				m.errCode = &v
			}
		case k.isAttr():
			m.attrsShown = true
			typ := -1
			if at := k.kid("netlink.attr_type"); at != nil {
				if v, err := strconv.ParseUint(at.Show, 0, 16); err == nil {
					typ = int(v & 0x3fff) // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
				}
			}
			plen := -1
			if al := k.kid("netlink.attr_len"); al != nil {
				if v, err := strconv.Atoi(al.Show); err == nil {
					plen = v - 4
				}
			}
			// tshark shows an attribute header even when its length
			// runs past the message; nldump keeps such bytes as
			// "trailing" (-1 in attrTypes). be-basic.pcap has one: a
			// nested attribute whose header qemu left in host order.
			if m.length == nil || plen < 0 || k.pos()-base+plen+4 > m.offset+int(*m.length) {
				m.attrTypes = append(m.attrTypes, -1)
				attrIndex++
				continue
			}
			m.attrTypes = append(m.attrTypes, typ)
			for j := range k.Kids {
				v := &k.Kids[j]
				for _, c := range attrChecks {
					if v.Name == c.field {
						m.attrValues = append(m.attrValues, attr{index: attrIndex, typ: typ, plen: plen, field: v.Name, show: v.Show})
					}
				}
			}
			attrIndex++
		default:
			for _, hc := range headerChecks {
				if k.Name == hc.field {
					m.header[hc.field] = k.Show
				}
			}
		}
	}
	return m
}

// readHeader reads an nlmsghdr item: length, type (whatever field sits at
// offset 4: netlink.hdr_type, netlink-route.nltype, genl.family_id...),
// flags, seq and pid.
func readHeader(h *pdmlNode, m *message, families map[uint64]string) {
	hp := h.pos()
	num := func(k *pdmlNode) *uint64 {
		v, err := strconv.ParseUint(k.Show, 0, 64)
		if err != nil {
			return nil
		}
		return &v
	}
	for i := range h.Kids {
		k := &h.Kids[i]
		switch {
		case k.Name == "netlink.hdr_len":
			m.length = num(k)
		case k.Name == "netlink.hdr_flags":
			m.flags = num(k)
		case k.Name == "netlink.hdr_seq":
			m.seq = num(k)
		case k.Name == "netlink.hdr_pid":
			m.pid = num(k)
		case k.pos() == hp+4 && k.size() == 2:
			m.typ = num(k)
			if k.Name == "genl.family_id" && m.typ != nil {
				if l := familyLabel.FindStringSubmatch(k.ShowName); l != nil {
					m.typName = l[1]
					families[*m.typ] = l[1]
				}
			}
		}
	}
}
