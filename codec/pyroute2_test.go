package codec_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
)

// pyroute2Gaps are the golden cases whose bytes do not decode cleanly,
// each for a reason outside the codec.
var pyroute2Gaps = map[string]string{
	"link/add/sit-proto-flags":   "pyroute2 writes IFLA_IPTUN_FLAGS as u32; the kernel reads u16 for ipip/sit",
	"link/add/ipip-flags":        "pyroute2 writes IFLA_IPTUN_FLAGS as u32; the kernel reads u16 for ipip/sit",
	"link/add/geneve-csum-label": "pyroute2 writes IFLA_GENEVE_DF as u16; the kernel reads u8",
}

// TestPyroute2CorpusDecodes decodes every message pyroute2 0.7.2 made
// for the golden corpus: all of it must decode with no unknown attribute,
// malformed payload or leftover bytes, but for the listed pyroute2 bugs
// and pyroute2's private "tuntap" link kind (not a kernel kind).
func TestPyroute2CorpusDecodes(t *testing.T) {
	data, err := os.ReadFile("../testdata/pyroute2/cases.json")
	if err != nil {
		t.Skip("no pyroute2 corpus")
	}
	var corpus struct {
		Cases []struct {
			Name string `json:"name"`
			Hex  string `json:"hex"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range corpus.Cases {
		if c.Hex == "" {
			continue
		}
		raw, err := hex.DecodeString(c.Hex)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		msgs, err := codec.DecodeAll(codec.ProtoRoute, nil, raw)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		n++
		var problems []string
		for _, m := range msgs {
			walk(m.Nodes, true, func(path string, nd *codec.Node) {
				switch {
				case nd.Kind == codec.NodeTail:
					problems = append(problems, path+": leftover bytes")
				case nd.Err != "":
					problems = append(problems, path+": "+nd.Err)
				case nd.Kind == codec.NodeAttr && nd.Def == nil:
					problems = append(problems, path+": unknown attribute")
				case nd.Name == "IFLA_INFO_DATA" && nd.Type == codec.Binary && len(nd.Data) > 0 && !strings.Contains(c.Name, "tuntap"):
					problems = append(problems, path+": kind data left opaque")
				}
			})
		}
		_, known := pyroute2Gaps[c.Name]
		switch {
		case len(problems) > 0 && !known:
			t.Errorf("%s: %s", c.Name, strings.Join(problems, "; "))
		case len(problems) == 0 && known:
			t.Errorf("%s: listed as a pyroute2 bug but decodes cleanly: drop it from the list", c.Name)
		}
	}
	if n < 700 {
		t.Fatalf("only %d cases decoded", n)
	}
}
