package codec_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"golang.org/x/sys/unix"
)

// setupLab fills a fresh namespace with one object of most kinds this
// kernel supports, so that dumps carry real attributes of every table.
func setupLab(t *testing.T) *nltest.Namespace {
	ns := nltest.NewNamespace(t)
	for _, cmd := range []string{
		"ip link set lo up",
		"ip link add v0 type veth peer name v1",
		"ip link add br0 type bridge stp_state 0",
		"ip link set v1 master br0",
		"ip link add vx0 type vxlan id 42 dstport 4789 local 10.9.0.1 dev v0",
		"ip link add mv0 link v0 type macvlan mode bridge",
		"ip tuntap add tap0 mode tap",
		"ip link set v0 up",
		"ip link set v1 up",
		"ip link set br0 up",
		"ip addr add 10.9.0.1/24 brd + dev v0 label v0:a",
		"ip addr add 2001:db8::1/64 dev v0 nodad",
		"ip route add 10.20.0.0/16 via 10.9.0.2 metric 10 mtu 1400",
		"ip route add 10.21.0.0/16 table 1000 nexthop via 10.9.0.2 weight 1 nexthop via 10.9.0.3 weight 2",
		"ip route add 2001:db8:1::/48 via 2001:db8::2",
		"ip route add blackhole 10.30.0.0/16",
		"ip route add 10.31.0.0/16 via inet6 fe80::1 dev v0",
		"ip rule add from 10.9.0.0/24 table 1000 pref 100",
		"ip rule add fwmark 0x10/0xff lookup 1000 pref 101",
		"ip -6 rule add to 2001:db8:1::/48 table 1000 pref 102",
		"ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent",
		"ip nexthop add id 1 via 10.9.0.2 dev v0",
		"ip nexthop add id 2 via 10.9.0.3 dev v0",
		"ip nexthop add id 10 group 1/2,3",
		"ip route add 10.40.0.0/16 nhid 10",
		"tc qdisc add dev v0 root handle 1: htb default 10",
		"tc class add dev v0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit",
		"tc filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 10.20.0.0/16 flowid 1:10",
		"tc qdisc add dev mv0 root tbf rate 1mbit burst 32kbit latency 400ms",
		"tc qdisc add dev v0 ingress",
	} {
		ns.Run(strings.Fields(cmd)...)
	}
	return ns
}

// dumps are the requests whose replies the test decodes.
var dumps = []struct {
	name string
	typ  uint16
	body []byte
}{
	{"links", unix.RTM_GETLINK, make([]byte, 16)},
	{"addresses", unix.RTM_GETADDR, make([]byte, 8)},
	{"routes", unix.RTM_GETROUTE, make([]byte, 12)},
	{"rules", unix.RTM_GETRULE, make([]byte, 12)},
	{"neighbours", unix.RTM_GETNEIGH, make([]byte, 12)},
	{"nexthops", unix.RTM_GETNEXTHOP, make([]byte, 8)},
	{"qdiscs", unix.RTM_GETQDISC, make([]byte, 20)},
	{"classes", unix.RTM_GETTCLASS, make([]byte, 20)},
	{"netconf", unix.RTM_GETNETCONF, make([]byte, 4)},
}

func TestKernelDumpsDecodeCompletely(t *testing.T) {
	ns := setupLab(t)
	c, err := ns.Dial(unix.NETLINK_ROUTE)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, d := range dumps {
		t.Run(d.name, func(t *testing.T) {
			sent, replies, err := c.Request(d.typ, unix.NLM_F_DUMP, d.body)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, buf := range append([][]byte{sent}, replies...) {
				msgs, err := codec.DecodeAll(codec.ProtoRoute, binary.NativeEndian, buf)
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				for _, m := range msgs {
					n++
					checkMsg(t, m)
				}
			}
			if n < 2 {
				t.Fatalf("only %d messages", n)
			}
		})
	}
}

// checkMsg asserts what every real kernel message must satisfy: exact
// re-encoding, full byte coverage, and no part the schema cannot name.
func checkMsg(t *testing.T, m *codec.Msg) { checkMsgOpt(t, m, true) }

// checkMsgOpt is checkMsg; with strictRequest false the echoed request of
// an error ack may hold malformed parts (tests send those on purpose).
func checkMsgOpt(t *testing.T, m *codec.Msg, strictRequest bool) {
	t.Helper()
	if err := codec.CheckCoverage(m); err != nil {
		t.Errorf("%s: %v", m.Name, err)
	}
	raw := append(append([]byte(nil), m.Raw...), m.Pad...)
	if got := codec.AppendMsg(nil, m); !bytes.Equal(got, raw) {
		t.Errorf("%s: re-encoding differs\n got %x\nwant %x", m.Name, got, raw)
	}
	if m.Name == "" {
		t.Errorf("message type %d has no name", m.Header.Type)
	}
	walk(m.Nodes, strictRequest, func(path string, n *codec.Node) {
		switch {
		case n.Kind == codec.NodeTail:
			t.Errorf("%s: %s: trailing bytes %x: %s", m.Name, path, n.Data, n.Err)
		case n.Err != "":
			t.Errorf("%s: %s: %s", m.Name, path, n.Err)
		case n.Kind == codec.NodeAttr && n.Name == "":
			t.Errorf("%s: %s: unknown attribute %d (%d bytes)", m.Name, path, n.Num, len(n.Data))
		}
	})
}

func walk(nodes []codec.Node, intoRequests bool, fn func(path string, n *codec.Node)) {
	var rec func(prefix string, nodes []codec.Node)
	rec = func(prefix string, nodes []codec.Node) {
		for i := range nodes {
			n := &nodes[i]
			p := prefix + "/" + n.Name
			fn(p, n)
			if n.Kind != codec.NodeMessage || intoRequests {
				rec(p, n.Children)
			}
		}
	}
	rec("", nodes)
}

func TestKernelErrorAcks(t *testing.T) {
	ns := setupLab(t)
	c, err := ns.Dial(unix.NETLINK_ROUTE)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rtmsg := []byte{unix.AF_INET, 24, 0, 0, unix.RT_TABLE_MAIN, unix.RTPROT_BOOT, unix.RT_SCOPE_UNIVERSE, unix.RTN_UNICAST, 0, 0, 0, 0}
	dst := []byte{8, 0, unix.RTA_DST, 0, 10, 50, 0, 0}
	tests := []struct {
		name  string
		attrs []byte
		errno unix.Errno
		attr  string // attribute the kernel's offset must resolve to, "" for none
	}{
		// A gateway on no link: ENETUNREACH with a message, no offset.
		{"gateway off-link", []byte{8, 0, unix.RTA_GATEWAY, 0, 192, 0, 2, 1}, unix.ENETUNREACH, ""},
		// RTA_OIF with a 2-byte payload fails policy validation; the
		// offset points at the attribute.
		{"short oif", []byte{6, 0, unix.RTA_OIF, 0, 1, 0, 0, 0}, unix.ERANGE, "RTA_OIF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := append(append(append([]byte(nil), rtmsg...), dst...), tt.attrs...)
			_, replies, err := c.Request(unix.RTM_NEWROUTE, unix.NLM_F_CREATE|unix.NLM_F_EXCL, body)
			if err != nil {
				t.Fatal(err)
			}
			m, err := codec.Decode(codec.ProtoRoute, nil, replies[len(replies)-1])
			if err != nil {
				t.Fatal(err)
			}
			checkMsgOpt(t, m, false)
			if code, _ := m.Error(); code != -int32(tt.errno) {
				t.Fatalf("error %d, want -%d", code, tt.errno)
			}
			e, ok := m.ExtAck()
			if !ok || e.Msg == "" {
				t.Fatalf("ext ack %+v, want a message", e)
			}
			if e.Attr != tt.attr {
				t.Errorf("offending attribute %q, want %q", e.Attr, tt.attr)
			}
			line := string(codec.AppendSummary(nil, m))
			for _, want := range []string{unix.ErrnoName(tt.errno), e.Msg, tt.attr, "RTM_NEWROUTE"} {
				if !strings.Contains(line, want) {
					t.Errorf("summary %q lacks %q", line, want)
				}
			}
		})
	}
}
