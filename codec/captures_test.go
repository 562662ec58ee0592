package codec_test

import (
	"bytes"
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/testcaps"
)

// knownGaps lists what the bundled captures legitimately hold that the
// schema cannot decode cleanly, each with the reason. Anything else
// unknown, malformed or left over in a route-protocol message fails.
var knownGaps = []struct {
	file, contains, why string
}{
	// qemu-user's netlink translation swaps the headers of attributes it
	// does not know but leaves their payloads, and the attributes nested
	// in them, in host order: that capture's later IFLA_* attributes are
	// mixed-order by construction (see its MANIFEST note).
	{"be-basic.pcap", "RTM_NEWLINK/", "qemu-user leaves unknown attribute payloads in host order"},
	// iproute2 sends an empty FRA_SRC/FRA_DST for "from all"/"to all".
	{"", "/FRA_SRC: address needs 4 or 16 bytes, payload has 0", "iproute2 sends empty addresses for 'all'"},
	{"", "/FRA_DST: address needs 4 or 16 bytes, payload has 0", "iproute2 sends empty addresses for 'all'"},
}

// TestCapturesDecodeCompletely decodes every message of every bundled
// capture (and the kernel lab's, when present) and requires: exact
// re-encoding, full byte coverage, and, for rtnetlink, no unknown
// attribute, no malformed payload and no leftover bytes.
func TestCapturesDecodeCompletely(t *testing.T) {
	for _, file := range testcaps.Files(t, "../testdata/pcaps") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			msgs := 0
			testcaps.EachMessage(t, file, func(fr *capture.Frame, m *codec.Msg) {
				msgs++
				if err := codec.CheckCoverage(m); err != nil {
					t.Errorf("frame %d: %s: %v", fr.Num, m.Name, err)
				}
				want := append(bytes.Clone(m.Raw), m.Pad...)
				if got := codec.AppendMsg(nil, m); !bytes.Equal(got, want) {
					t.Errorf("frame %d: %s: re-encoding differs", fr.Num, m.Name)
				}
				if m.Protocol != codec.ProtoRoute {
					return
				}
				if m.Name == "" {
					t.Errorf("frame %d: unknown message type %d", fr.Num, m.Header.Type)
				}
				walk(m.Nodes, true, func(path string, n *codec.Node) {
					var problem string
					path = m.Name + path
					switch {
					case n.Kind == codec.NodeTail:
						problem = path + ": leftover bytes: " + n.Err
					case n.Err != "":
						problem = path + ": " + n.Err
					case n.Kind == codec.NodeAttr && n.Def == nil:
						problem = path + ": unknown attribute"
					default:
						return
					}
					for _, g := range knownGaps {
						if (g.file == "" || g.file == filepath.Base(file)) && strings.Contains(problem, g.contains) {
							return
						}
					}
					t.Errorf("frame %d: %s (num %d)", fr.Num, problem, n.Num)
				})
			})
			if msgs == 0 {
				t.Fatal("no messages")
			}
		})
	}
}

// TestGenericFamiliesLearnedFromNlctrl checks that generic netlink
// messages are named by the family ids that nlctrl replies announced
// earlier in the same capture, and stay anonymous before that.
func TestGenericFamiliesLearnedFromNlctrl(t *testing.T) {
	announced := map[string]bool{}
	seen := map[string]int{}
	testcaps.EachMessage(t, "../testdata/pcaps/genl.pcap", func(fr *capture.Frame, m *codec.Msg) {
		if m.Protocol != codec.ProtoGeneric || m.Header.Type < codec.MinType {
			return
		}
		seen[m.Name]++
		if m.Name == "nlctrl" {
			if n := m.Find("CTRL_ATTR_FAMILY_NAME"); n != nil && m.Find("CTRL_ATTR_FAMILY_ID") != nil {
				announced[n.Text()] = true
			}
			return
		}
		if !announced[m.Name] {
			t.Errorf("frame %d: message named %q before any nlctrl reply announced it", fr.Num, m.Name)
		}
	})
	if seen["nlctrl"] == 0 || seen["ethtool"] == 0 {
		t.Fatalf("families seen %v; want nlctrl and ethtool", seen)
	}
}

// anyBigEndian is a big-endian binary.ByteOrder that is not
// binary.BigEndian itself, as binary.NativeEndian is on a big-endian
// host.
type anyBigEndian struct{ binary.ByteOrder }

// TestDecodeOrderByBehaviour decodes the big-endian kernel's capture
// with an order that is big-endian without being binary.BigEndian: the
// trees must be those binary.BigEndian gives.
func TestDecodeOrderByBehaviour(t *testing.T) {
	order := anyBigEndian{binary.BigEndian}
	n := 0
	testcaps.EachMessage(t, "../testdata/pcaps/lab-be-links.pcap", func(fr *capture.Frame, m *codec.Msg) {
		if m.Protocol != codec.ProtoRoute || n >= 200 {
			return
		}
		n++
		got, err := codec.Decode(m.Protocol, order, m.Raw)
		if err != nil {
			t.Fatalf("frame %d: %v", fr.Num, err)
		}
		want, err := codec.Decode(m.Protocol, binary.BigEndian, m.Raw)
		if err != nil {
			t.Fatalf("frame %d: %v", fr.Num, err)
		}
		if g, w := codec.AppendTree(nil, got, ""), codec.AppendTree(nil, want, ""); !bytes.Equal(g, w) {
			t.Fatalf("frame %d: %s decodes differently:\n%s\nwant:\n%s", fr.Num, m.Name, g, w)
		}
	})
	if n == 0 {
		t.Fatal("no rtnetlink messages in lab-be-links.pcap")
	}
}
