package batch_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/replay"
)

// iproute2Record is one command of a recorded corpus
// (testdata/iproute2/record.sh).
type iproute2Record struct {
	File   string            `json:"file"`
	Line   int               `json:"line"`
	Cmd    string            `json:"cmd"`
	Links  map[string]uint32 `json:"links"`
	Sent   []string          `json:"sent"`
	Exit   int               `json:"exit"`
	Stderr string            `json:"stderr"`
}

// iproute2Divergences are the recorded commands whose bytes nlbatch
// deliberately does not reproduce, by "file:line", with the reason;
// docs/iproute2.md lists the same. Each family's test file adds its own
// with addDivergences.
var iproute2Divergences = map[string]string{}

// addDivergences adds to iproute2Divergences (from init functions).
func addDivergences(m map[string]string) {
	for k, v := range m {
		iproute2Divergences[k] = v
	}
}

// stateFailures are iproute2's messages for commands it could not send
// because of the recording namespace's state (a name it looked up
// locally and did not find): nlbatch compiles those offline, and the
// replayer resolves the names on the target.
var stateFailures = []string{"Cannot find device", "does not exist", "Device does not exist"}

// TestIPRoute2Conformance compiles every command of every recorded corpus
// on its own, resolves its interface names with the link table recorded
// before iproute2 ran it (replay.Resolve, as the replayer's dry run
// does), and compares the messages with those iproute2 sent, byte for
// byte, nlmsg_seq and nlmsg_pid aside.
func TestIPRoute2Conformance(t *testing.T) {
	files, _ := filepath.Glob("../testdata/iproute2/*.jsonl")
	if len(files) == 0 {
		t.Skip("no recorded corpus in testdata/iproute2 (testdata/iproute2/record.sh records them)")
	}
	seen := map[string]bool{}
	type tally struct{ same, diverge, refusedBoth, stateOnly int }
	tallies := map[string]*tally{}
	for _, f := range files {
		for _, rec := range readRecords(t, f) {
			key := fmt.Sprintf("%s:%d", rec.File, rec.Line)
			tl := tallies[rec.File]
			if tl == nil {
				tl = &tally{}
				tallies[rec.File] = tl
			}
			seen[key] = true
			t.Run(key, func(t *testing.T) {
				why, divergent := iproute2Divergences[key]
				got, err := compileIPRoute2Cmd(rec)
				switch {
				case err != nil && len(rec.Sent) == 0:
					tl.refusedBoth++
					return
				case err != nil:
					if divergent {
						tl.diverge++
						return
					}
					t.Fatalf("%s\niproute2 sent %d message(s); nlbatch refused: %v", rec.Cmd, len(rec.Sent), err)
				case len(rec.Sent) == 0 && stateFailure(rec.Stderr):
					tl.stateOnly++
					return
				case len(rec.Sent) == 0:
					if divergent {
						tl.diverge++
						return
					}
					t.Fatalf("%s\niproute2 refused it (exit %d: %s); nlbatch compiled %d message(s)", rec.Cmd, rec.Exit, rec.Stderr, len(got))
				}
				want := rec.Sent
				mismatch := len(got) != len(want)
				var report strings.Builder
				for i := range min(len(got), len(want)) {
					w, _ := hex.DecodeString(want[i])
					if d := messageDiff(w, got[i]); d != "" {
						mismatch = true
						fmt.Fprintf(&report, "message %d:\n%s", i, d)
					}
				}
				if !mismatch {
					tl.same++
					if divergent {
						t.Errorf("%s is listed as a divergence (%s) but matches iproute2", key, why)
					}
					return
				}
				if divergent {
					tl.diverge++
					return
				}
				t.Errorf("%s\nnlbatch compiled %d message(s), iproute2 sent %d:\n%s", rec.Cmd, len(got), len(want), report.String())
			})
		}
	}
	for key := range iproute2Divergences {
		if !seen[key] {
			t.Errorf("divergence %s is listed but not in any recorded corpus", key)
		}
	}
	names := make([]string, 0, len(tallies))
	for n := range tallies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		tl := tallies[n]
		t.Logf("%-16s %4d same, %3d divergent, %3d refused by both, %3d not sent by iproute2 (state)", n, tl.same, tl.diverge, tl.refusedBoth, tl.stateOnly)
	}
}

func stateFailure(stderr string) bool {
	for _, s := range stateFailures {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

func readRecords(t *testing.T, path string) []iproute2Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []iproute2Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r iproute2Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		// `ip link` asks the kernel whether it has rtnetlink links
		// before it reads its command (iproute2's iplink_have_newlink):
		// an empty RTM_NEWLINK with sequence number 0. It belongs to no
		// command.
		sent := r.Sent[:0]
		for _, m := range r.Sent {
			if m != iplinkProbe {
				sent = append(sent, m)
			}
		}
		r.Sent = sent
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// iplinkProbe is the probe `ip link` sends first: 32 bytes,
// RTM_NEWLINK, NLM_F_REQUEST|NLM_F_ACK, sequence 0, an empty ifinfomsg.
const iplinkProbe = "2000000010000500000000000000000000000000000000000000000000000000"

// compileIPRoute2Cmd compiles one command and resolves it against the
// recorded link table; it returns each message's bytes.
func compileIPRoute2Cmd(rec iproute2Record) ([][]byte, error) {
	c := batch.NewCompiler(batch.Options{})
	if err := batch.CompileIPRoute2(c, rec.File, strings.NewReader(rec.Cmd+"\n"), batch.IPRoute2Options{}); err != nil {
		return nil, err
	}
	b := c.Batch()
	msgs, _, err := replay.Resolve(b, rec.Links, replay.Options{AllowDumps: true})
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for off := 0; off+16 <= len(msgs); {
		n := int(binary.NativeEndian.Uint32(msgs[off:]))
		out = append(out, msgs[off:off+n])
		off += (n + 3) &^ 3
	}
	return out, nil
}

// messageDiff compares two messages with nlmsg_seq and nlmsg_pid
// cleared; on a difference it shows both decoded, and their bytes.
func messageDiff(want, got []byte) string {
	norm := func(b []byte) []byte {
		b = bytes.Clone(b)
		if len(b) >= 16 {
			clear(b[8:16])
		}
		return b
	}
	w, g := norm(want), norm(got)
	if bytes.Equal(w, g) {
		return ""
	}
	tree := func(b []byte) string {
		m, err := codec.Decode(codec.ProtoRoute, binary.LittleEndian, b)
		if err != nil {
			return err.Error()
		}
		return string(codec.AppendTree(nil, m, "  "))
	}
	return fmt.Sprintf("decoded (-iproute2 +nlbatch):\n%s\nbytes:\n  iproute2 %x\n  nlbatch  %x\n", cmp.Diff(tree(w), tree(g)), w, g)
}

// TestIPRoute2Divergences checks that docs/iproute2.md lists exactly the
// divergences the conformance test allows.
func TestIPRoute2Divergences(t *testing.T) {
	doc, err := os.ReadFile("../docs/iproute2.md")
	if err != nil {
		t.Fatal(err)
	}
	inDoc := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if f := strings.Split(line, "|"); len(f) > 2 && strings.Contains(f[1], ".txt:") {
			inDoc[strings.TrimSpace(f[1])] = true
		}
	}
	for key := range iproute2Divergences {
		if !inDoc[key] {
			t.Errorf("divergence %s is not in docs/iproute2.md", key)
		}
	}
	for key := range inDoc {
		if _, ok := iproute2Divergences[key]; !ok {
			t.Errorf("docs/iproute2.md lists %s, which the conformance test does not allow", key)
		}
	}
}
