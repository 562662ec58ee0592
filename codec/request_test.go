package codec_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/testcaps"
)

// TestRequestRoundTripOnCaptures writes every real message of the bundled
// captures as a by-name Request and encodes it again: the bytes must be
// the kernel's and iproute2's own. This proves the encoder, the text
// forms and the schema's selectors against real traffic in both
// directions.
func TestRequestRoundTripOnCaptures(t *testing.T) {
	files := testcaps.Files(t, "../testdata/pcaps")
	total, raw := 0, 0
	for _, file := range files {
		testcaps.EachMessage(t, file, func(fr *capture.Frame, m *codec.Msg) {
			if m.Def == nil || m.Protocol != codec.ProtoRoute {
				return
			}
			req, err := codec.RequestOf(m)
			if err != nil {
				return // malformed on the wire: nothing to rebuild
			}
			total++
			raw += countRaw(req.Attrs)
			bld := codec.NewBuilder(m.Big)
			if err := bld.Request(req); err != nil {
				t.Errorf("%s frame %d: %s: %v", filepath.Base(file), fr.Num, m.Name, err)
				return
			}
			want := append(bytes.Clone(m.Raw), make([]byte, codec.Align(len(m.Raw))-len(m.Raw))...)
			// iproute2 sends stack contents in the padding after some
			// short attributes; a request by names pads with zeros.
			zeroPads(want, m.Nodes)
			if got := bld.Bytes(); !bytes.Equal(got, want) {
				t.Errorf("%s frame %d: %s: rebuilt bytes differ\n got %x\nwant %x", filepath.Base(file), fr.Num, m.Name, got, want)
			}
		})
	}
	if total < 1000 {
		t.Fatalf("only %d messages rebuilt", total)
	}
	t.Logf("%d messages rebuilt, %d attributes kept as raw bytes", total, raw)
}

// zeroPads clears the alignment padding of every attribute in msg.
func zeroPads(msg []byte, nodes []codec.Node) {
	for i := range nodes {
		n := &nodes[i]
		if n.Kind == codec.NodeAttr {
			end := n.Offset + codec.AttrHeaderLen + len(n.Data)
			for j := end; j < end+len(n.Pad()) && j < len(msg); j++ {
				msg[j] = 0
			}
		}
		zeroPads(msg, n.Children)
	}
}

func countRaw(attrs []codec.AttrValue) int {
	n := 0
	for _, a := range attrs {
		if a.Raw != nil {
			n++
		}
		n += countRaw(a.Attrs)
		for _, r := range a.Records {
			n += countRaw(r.Attrs)
		}
	}
	return n
}

func TestRequestErrorsNameThePlace(t *testing.T) {
	tests := []struct {
		name string
		req  codec.Request
		want string
	}{
		{"unknown type", codec.Request{Type: "RTM_NEWROUTES"}, `RTM_NEWROUTES: unknown message type (did you mean "RTM_NEWROUTE"?)`},
		{"unknown attribute", codec.Request{Type: "RTM_NEWROUTE", Attrs: []codec.AttrValue{{Name: "RTA_GATWAY", Value: "10.0.0.1"}}},
			`RTM_NEWROUTE/RTA_GATWAY: unknown attribute (did you mean "RTA_GATEWAY"?)`},
		{"bad address", codec.Request{Type: "RTM_NEWROUTE", Attrs: []codec.AttrValue{{Name: "RTA_GATEWAY", Value: "10.0.0.300"}}},
			`RTM_NEWROUTE/RTA_GATEWAY: not an IP address: "10.0.0.300"`},
		{"nested unknown", codec.Request{Type: "RTM_NEWROUTE", Attrs: []codec.AttrValue{{Name: "RTA_METRICS", Attrs: []codec.AttrValue{{Name: "RTAX_MTUU", Value: "1400"}}}}},
			`RTM_NEWROUTE/RTA_METRICS/RTAX_MTUU: unknown attribute (did you mean "RTAX_MTU"?)`},
		{"header enum", codec.Request{Type: "RTM_NEWROUTE", Header: []codec.FieldValue{{Name: "rtm_type", Value: "unicats"}}},
			`RTM_NEWROUTE/rtmsg.rtm_type: unknown value "unicats" (did you mean "RTN_UNICAST"?)`},
		{"out of range", codec.Request{Type: "RTM_NEWROUTE", Header: []codec.FieldValue{{Name: "rtm_dst_len", Value: "256"}}},
			`RTM_NEWROUTE/rtmsg.rtm_dst_len: 256 does not fit u8`},
		{"unknown field", codec.Request{Type: "RTM_NEWROUTE", Header: []codec.FieldValue{{Name: "rtm_dstlen", Value: "24"}}},
			`RTM_NEWROUTE/rtmsg.rtm_dstlen: unknown field of rtmsg (did you mean "rtm_dst_len"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := codec.NewBuilder(false)
			err := b.Request(&tt.req)
			var ee *codec.EncodeError
			if !errors.As(err, &ee) || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			if len(b.Bytes()) != 0 {
				t.Fatalf("%d bytes written despite the error", len(b.Bytes()))
			}
		})
	}
}

// TestRequestSelectsKindData builds a veth with its peer by names and
// checks that the decoder reads back the peer's name through the same
// selectors.
func TestRequestSelectsKindData(t *testing.T) {
	req := &codec.Request{
		Type:  "RTM_NEWLINK",
		Flags: codec.FlagRequest | codec.FlagAck | codec.FlagCreate | codec.FlagExcl,
		Seq:   1,
		Attrs: []codec.AttrValue{
			{Name: "IFLA_IFNAME", Value: "v0"},
			{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{
				{Name: "IFLA_INFO_KIND", Value: "veth"},
				{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{
					{Name: "VETH_INFO_PEER", Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "v1"}}},
				}},
			}},
		},
	}
	b := codec.NewBuilder(false)
	if err := b.Request(req); err != nil {
		t.Fatal(err)
	}
	m, err := codec.Decode(codec.ProtoRoute, nil, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	peer := m.Find("VETH_INFO_PEER")
	if peer == nil {
		t.Fatalf("no peer in %s", codec.AppendTree(nil, m, ""))
	}
	if n := peer.Find("IFLA_IFNAME"); n == nil || n.Text() != "v1" {
		t.Fatalf("peer name %v", n)
	}
	if s := string(codec.AppendSummary(nil, m)); !strings.Contains(s, "v0") || !strings.Contains(s, "kind veth") {
		t.Fatalf("summary %q", s)
	}
}

// TestRequestInterfaceNames checks that names given where the schema
// expects interface indexes become placeholders reported with their
// offsets, at every depth (header field, attribute, multipath hop).
func TestRequestInterfaceNames(t *testing.T) {
	type sym struct {
		off, width int
		name       string
	}
	var got []sym
	b := codec.NewBuilder(false)
	b.Symbol = func(off, width int, name string) { got = append(got, sym{off, width, name}) }
	req := &codec.Request{
		Type:   "RTM_NEWROUTE",
		Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET"}, {Name: "rtm_dst_len", Value: "24"}},
		Attrs: []codec.AttrValue{
			{Name: "RTA_DST", Value: "198.51.100.0"},
			{Name: "RTA_OIF", Value: "eth0"},
			{Name: "RTA_MULTIPATH", Records: []codec.AttrValue{
				{Fields: []codec.FieldValue{{Name: "rtnh_ifindex", Value: "eth1"}}, Attrs: []codec.AttrValue{{Name: "RTA_GATEWAY", Value: "192.0.2.1"}}},
			}},
		},
	}
	if err := b.Request(req); err != nil {
		t.Fatal(err)
	}
	// Offsets come from the decoder, not from arithmetic here.
	m, err := codec.Decode(codec.ProtoRoute, nil, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	oif := m.Find("RTA_OIF")
	hop := m.Find("rtnh_ifindex")
	if oif == nil || hop == nil {
		t.Fatalf("decoded %s", codec.AppendTree(nil, m, ""))
	}
	want := []sym{{oif.Offset + codec.AttrHeaderLen, 4, "eth0"}, {hop.Offset, 4, "eth1"}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(sym{})); diff != "" {
		t.Fatalf("symbols (-want +got):\n%s", diff)
	}
	for _, n := range []*codec.Node{oif, hop} {
		if v, _ := n.Uint(); v != 0 {
			t.Errorf("%s placeholder is %d, want 0", n.Name, v)
		}
	}

	// Without a Symbol hook a name is an error naming the place.
	plain := codec.NewBuilder(false)
	err = plain.Request(&codec.Request{Type: "RTM_NEWROUTE", Attrs: []codec.AttrValue{{Name: "RTA_OIF", Value: "eth0"}}})
	if err == nil || !strings.Contains(err.Error(), "RTM_NEWROUTE/RTA_OIF") {
		t.Fatalf("error %v", err)
	}
	// Invalid interface names are refused.
	err = b.Request(&codec.Request{Type: "RTM_NEWROUTE", Attrs: []codec.AttrValue{{Name: "RTA_OIF", Value: "a/b"}}})
	if err == nil || !strings.Contains(err.Error(), "not a valid interface name") {
		t.Fatalf("error %v", err)
	}
}
