package fuzz

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

var placeRE = regexp.MustCompile(`^input\.json:\d+:\d+: `)

// FuzzCompileJSON feeds arbitrary text to the JSON front end. Invariants:
// it never panics; a refused input is an error naming input.json:line:col
// and leaves no message behind it; an accepted input gives a batch that
// verifies, writes and reads back, and whose every message decodes with
// every byte accounted for.
func FuzzCompileJSON(f *testing.F) {
	for _, name := range []string{"../examples/lab.json", "../examples/pyroute2.json"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"route":"add","dst":"198.51.100.0/24","gateway":"192.0.2.1","oif":"eth0","metrics":{"mtu":1400},"multipath":[{"gateway":"192.0.2.2"},{"gateway":"192.0.2.3","hops":2}]}`))
	f.Add([]byte(`[{"tc":"add","kind":"htb","index":"eth0","handle":"1:","default":16},{"tc":"add-class","kind":"htb","index":"eth0","handle":"1:10","parent":"1:","rate":"10mbit","burst":10240}]`))
	f.Add([]byte(`{"type":"RTM_NEWROUTE","header":{"rtm_family":"AF_INET","rtm_dst_len":24},"attrs":[{"name":"RTA_DST","value":"192.0.2.0"},{"name":"RTA_OIF","value":"eth0"}]}`))
	f.Add([]byte(`[{"type":"RTM_NEWLINK","attrs":[{"name":"IFLA_IFNAME","value":"v0"},{"name":"IFLA_LINKINFO","attrs":[{"name":"IFLA_INFO_KIND","value":"veth"}]}]}]`))
	f.Add([]byte(`{"type":"RTM_NEWNEXTHOP","attrs":[{"name":"NHA_ID","value":1},{"name":"NHA_GROUP","value":[{"id":2},{"id":3,"weight":1}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := batch.NewCompiler(batch.Options{})
		err := batch.CompileJSON(c, "input.json", bytes.NewReader(data))
		if err != nil {
			var be *batch.Error
			if !errors.As(err, &be) || !placeRE.MatchString(err.Error()) {
				t.Fatalf("error without a place: %v", err)
			}
		}
		b := c.Batch()
		if verr := b.Verify(); verr != nil {
			t.Fatalf("compiled batch does not verify: %v", verr)
		}
		var buf bytes.Buffer
		if werr := nlb.Write(&buf, b); werr != nil {
			t.Fatalf("writing: %v", werr)
		}
		if _, rerr := nlb.Read(&buf); rerr != nil {
			t.Fatalf("reading back: %v", rerr)
		}
		_ = b.Each(func(i int, msg []byte) error {
			m, derr := codec.Decode(codec.ProtoRoute, nil, msg)
			if derr != nil {
				t.Fatalf("message %d does not decode: %v", i, derr)
			}
			if cerr := codec.CheckCoverage(m); cerr != nil {
				t.Fatalf("message %d: %v", i, cerr)
			}
			return nil
		})
	})
}

var yamlPlaceRE = regexp.MustCompile(`^input\.yaml:\d+:\d+: `)

// FuzzCompileYAML is FuzzCompileJSON for the YAML front end.
func FuzzCompileYAML(f *testing.F) {
	for _, name := range []string{"../examples/lab.yaml", "../examples/pyroute2.yaml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("- type: RTM_NEWROUTE\n  header: {rtm_family: AF_INET, rtm_dst_len: 24}\n  attrs: [{name: RTA_DST, value: 192.0.2.0}, {name: RTA_OIF, value: eth0}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := batch.NewCompiler(batch.Options{})
		if err := batch.CompileYAML(c, "input.yaml", bytes.NewReader(data)); err != nil {
			var be *batch.Error
			if !errors.As(err, &be) || !yamlPlaceRE.MatchString(err.Error()) {
				t.Fatalf("error without a place: %v", err)
			}
		}
		b := c.Batch()
		if err := b.Verify(); err != nil {
			t.Fatalf("compiled batch does not verify: %v", err)
		}
		_ = b.Each(func(i int, msg []byte) error {
			m, err := codec.Decode(codec.ProtoRoute, nil, msg)
			if err != nil {
				t.Fatalf("message %d does not decode: %v", i, err)
			}
			if err := codec.CheckCoverage(m); err != nil {
				t.Fatalf("message %d: %v", i, err)
			}
			return nil
		})
	})
}

var iproute2PlaceRE = regexp.MustCompile(`^input\.batch:(\d+):(\d+): `)

// FuzzCompileIPRoute2 feeds arbitrary text to the iproute2 front end.
// Invariants: it never panics; a refused input is an error naming
// input.batch:line:col within the input; an accepted input gives a batch
// that verifies, writes and reads back, whose every message decodes with
// every byte accounted for, and compiling it again gives the same bytes.
func FuzzCompileIPRoute2(f *testing.F) {
	corpora, _ := filepath.Glob("../testdata/iproute2/*.txt")
	for _, name := range corpora {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "@") && !strings.HasPrefix(line, "#") {
				f.Add([]byte(line + "\n"))
			}
		}
	}
	f.Add([]byte("ip route add 10.0.0.0/8 via 192.0.2.1 dev eth0 # comment\nip -6 addr add 2001:db8::1/64 dev eth0 \\\n  nodad\n"))
	f.Add([]byte("tc qdisc add dev eth0 root handle 1: htb default 10\ntc class add dev eth0 parent 1: classid 1:10 htb rate 10mbit\n"))
	f.Add([]byte("bridge fdb add 02:00:00:00:00:01 dev eth0 master vlan 10\nip link add v0 type veth peer name v1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		compile := func() (*nlb.Batch, error) {
			c := batch.NewCompiler(batch.Options{})
			err := batch.CompileIPRoute2(c, "input.batch", bytes.NewReader(data), batch.IPRoute2Options{})
			return c.Batch(), err
		}
		b, err := compile()
		if err != nil {
			var be *batch.Error
			m := iproute2PlaceRE.FindStringSubmatch(err.Error())
			if !errors.As(err, &be) || m == nil {
				t.Fatalf("error without a place: %v", err)
			}
			if line, _ := strconv.Atoi(m[1]); line < 1 || line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("error names line %d of a %d-line input: %v", line, bytes.Count(data, []byte("\n"))+1, err)
			}
			if col, _ := strconv.Atoi(m[2]); col < 1 {
				t.Fatalf("error names column %d: %v", col, err)
			}
		}
		if verr := b.Verify(); verr != nil {
			t.Fatalf("compiled batch does not verify: %v", verr)
		}
		var buf bytes.Buffer
		if werr := nlb.Write(&buf, b); werr != nil {
			t.Fatalf("writing: %v", werr)
		}
		if _, rerr := nlb.Read(&buf); rerr != nil {
			t.Fatalf("reading back: %v", rerr)
		}
		dec := codec.NewDecoder()
		dec.Order = binary.LittleEndian
		_ = b.Each(func(i int, msg []byte) error {
			derr := dec.DecodeFrame(codec.ProtoRoute, msg, func(m *codec.Msg) error { return codec.CheckCoverage(m) })
			if derr != nil {
				t.Fatalf("message %d: %v", i, derr)
			}
			return nil
		})
		again, _ := compile()
		if !bytes.Equal(again.Messages, b.Messages) {
			t.Fatal("compiling the same input twice gave different messages")
		}
	})
}
