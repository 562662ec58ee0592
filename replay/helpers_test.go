package replay

import (
	"context"
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/nlb"
)

// compile compiles requests in the JSON forms batch.CompileJSON reads
// (nldump's, or pyroute2's), one per line of text; the source map names
// "test.json" and the line.
func compile(t testing.TB, text string) *nlb.Batch {
	t.Helper()
	c := batch.NewCompiler(batch.Options{})
	if err := batch.CompileJSON(c, "test.json", strings.NewReader(text)); err != nil {
		t.Fatalf("compiling: %v", err)
	}
	return c.Batch()
}

// lines joins JSON requests into the one-per-line form.
func lines(reqs ...string) string { return strings.Join(reqs, "\n") + "\n" }

// replayIn replays b into the namespace and fails the test on an error
// of Replay itself.
func replayIn(t testing.TB, ns *nltest.Namespace, b *nlb.Batch, opts Options) *Report {
	t.Helper()
	opts.NetNS = ns.Name
	rep, err := Replay(context.Background(), b, opts)
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	return rep
}

// ipJSON runs "ip -j ARGS" in the namespace and decodes the output.
func ipJSON(t testing.TB, ns *nltest.Namespace, tool string, args ...string) []map[string]any {
	t.Helper()
	out := ns.Run(append([]string{tool, "-j"}, args...)...)
	var v []map[string]any
	if strings.TrimSpace(out) == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%s -j %v: %v: %s", tool, args, err, out)
	}
	return v
}

// needTool skips the test when a command is missing.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("needs %s", name)
	}
}

// failures lists a report's failed results as "index: ERRNO: text (ATTR)".
func failures(rep *Report) []string {
	var out []string
	for _, r := range rep.Results {
		if r.Outcome == Failed {
			out = append(out, r.Summary())
		}
	}
	return out
}

func sortStrings(s []string) { sort.Strings(s) }
