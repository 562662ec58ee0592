package batch_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func vethRequest(name, peer string) *codec.Request {
	return &codec.Request{
		Type:  "RTM_NEWLINK",
		Flags: codec.FlagAck | codec.FlagCreate | codec.FlagExcl,
		Attrs: []codec.AttrValue{
			{Name: "IFLA_IFNAME", Value: name},
			{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{
				{Name: "IFLA_INFO_KIND", Value: "veth"},
				{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{
					{Name: "VETH_INFO_PEER", Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: peer}}},
				}},
			}},
		},
	}
}

func routeVia(dev string) *codec.Request {
	return &codec.Request{
		Type:   "RTM_NEWROUTE",
		Flags:  codec.FlagAck | codec.FlagCreate | codec.FlagExcl,
		Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET"}, {Name: "rtm_dst_len", Value: "24"}, {Name: "rtm_table", Value: "main"}, {Name: "rtm_protocol", Value: "boot"}, {Name: "rtm_type", Value: "unicast"}},
		Attrs:  []codec.AttrValue{{Name: "RTA_DST", Value: "198.51.100.0"}, {Name: "RTA_OIF", Value: dev}},
	}
}

// TestCompileRelocations compiles a veth pair and a route through one
// end, and checks every relocation against the offsets the decoder finds
// in the compiled messages.
func TestCompileRelocations(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	if err := c.Add(vethRequest("v0", "v1"), nlb.Source{File: "t.json", Line: 1, Col: 1}); err != nil {
		t.Fatal(err)
	}
	if err := c.Add(routeVia("v0"), nlb.Source{File: "t.json", Line: 2, Col: 1}); err != nil {
		t.Fatal(err)
	}
	b := c.Batch()
	if err := b.Verify(); err != nil {
		t.Fatal(err)
	}
	link, err := codec.Decode(codec.ProtoRoute, nil, b.MessageAt(0))
	if err != nil {
		t.Fatal(err)
	}
	route, err := codec.Decode(codec.ProtoRoute, nil, b.MessageAt(1))
	if err != nil {
		t.Fatal(err)
	}
	peer := link.Find("VETH_INFO_PEER")
	want := []nlb.Reloc{
		{Message: 0, Offset: uint32(link.Nodes[1].Find("ifi_index").Offset), Width: 4, Kind: nlb.RelocNewIfindex, Symbol: "v0"},
		{Message: 0, Offset: uint32(peer.Children[0].Find("ifi_index").Offset), Width: 4, Kind: nlb.RelocNewIfindex, Symbol: "v1"},
		{Message: 1, Offset: uint32(route.Find("RTA_OIF").Offset + codec.AttrHeaderLen), Width: 4, Kind: nlb.RelocIfindex, Symbol: "v0"},
	}
	if diff := cmp.Diff(want, b.Relocs); diff != "" {
		t.Fatalf("relocations (-want +got):\n%s", diff)
	}
	for i, m := range []*codec.Msg{link, route} {
		if m.Header.Seq != uint32(i+1) || m.Header.Flags&codec.FlagRequest == 0 {
			t.Errorf("message %d: seq %d flags %#x", i, m.Header.Seq, m.Header.Flags)
		}
	}
}

func TestCompileErrorLeavesBatchUntouched(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	if err := c.Add(routeVia("eth0"), nlb.Source{File: "a.json", Line: 1, Col: 1}); err != nil {
		t.Fatal(err)
	}
	bad := routeVia("eth0")
	bad.Attrs = append(bad.Attrs, codec.AttrValue{Name: "RTA_GATEWAY", Value: "not-an-address"})
	err := c.Add(bad, nlb.Source{File: "a.json", Line: 7, Col: 3})
	var ce *batch.Error
	if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "a.json:7:3: RTM_NEWROUTE/RTA_GATEWAY") {
		t.Fatalf("error %v", err)
	}
	if c.Len() != 1 || len(c.Batch().Relocs) != 1 {
		t.Fatalf("%d messages, %d relocations after a failed request; want 1 and 1", c.Len(), len(c.Batch().Relocs))
	}
	if err := c.Add(routeVia("eth1"), nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	if got := c.Batch().Relocs[1].Message; got != 1 {
		t.Fatalf("relocation after the failure points at message %d, want 1", got)
	}
}

func TestCompileRefusesAnInterfaceCreatedTwice(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	if err := c.Add(vethRequest("v0", "v0"), nlb.Source{File: "a.json", Line: 1, Col: 1}); err == nil || !strings.Contains(err.Error(), `interface "v0" is created twice by this request`) {
		t.Fatalf("error %v", err)
	}
	if err := c.Add(vethRequest("v0", "v1"), nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	err := c.Add(vethRequest("v2", "v1"), nlb.Source{File: "a.json", Line: 3, Col: 1})
	if err == nil || !strings.HasPrefix(err.Error(), `a.json:3:1: interface "v1" is created twice in one batch (also by message 1)`) {
		t.Fatalf("error %v", err)
	}
	if c.Len() != 1 {
		t.Fatalf("%d messages, want 1", c.Len())
	}
	if err := c.Batch().Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestCallIsAllOrNothing compiles a pyroute2 call that makes several
// messages, the last of which fails: none of them may stay.
func TestCallIsAllOrNothing(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	if err := c.Add(routeVia("eth0"), nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	// The compiler's relocations and sources before the failed call.
	before := c.Batch()
	err := c.Call("tc", "del", map[string]any{"index": []any{"eth1", "eth2", "a/b"}, "handle": "1:"}, nlb.Source{File: "x.json", Line: 2, Col: 1})
	if err == nil {
		t.Skip("tc del with a list of indexes compiled without error; nothing to undo")
	}
	after := c.Batch()
	if c.Len() != 1 || !bytes.Equal(before.Messages, after.Messages) || len(after.Relocs) != len(before.Relocs) {
		t.Fatalf("after a failed call: %d messages, %d relocations; want 1 and %d", c.Len(), len(after.Relocs), len(before.Relocs))
	}
	if err := c.Add(routeVia("eth3"), nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Batch().Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestBigEndianRefusesLittleEndianPayloads: pyroute2 calls whose
// payloads the front end builds as little-endian bytes are refused for
// big-endian targets, rather than compiled wrong.
func TestBigEndianRefusesLittleEndianPayloads(t *testing.T) {
	be := batch.NewCompiler(batch.Options{BigEndian: true})
	err := be.Call("tc", "add-filter", map[string]any{"kind": "u32", "index": 2, "parent": "1:", "protocol": 0x0800, "prio": 1, "target": "1:10", "keys": []any{"0x0/0x0+0"}}, nlb.Source{})
	if err == nil || !strings.Contains(err.Error(), "little-endian targets only") {
		t.Fatalf("error %v", err)
	}
	// A call without such payloads compiles.
	if err := be.Call("route", "add", map[string]any{"dst": "198.51.100.0/24", "gateway": "192.0.2.1"}, nlb.Source{}); err != nil {
		t.Fatal(err)
	}
}
