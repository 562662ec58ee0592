package nlbatchcmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/internal/nltest"
)

// compileFile writes JSON requests to a file and compiles it to an .nlb.
func compileFile(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := strings.TrimSuffix(in, filepath.Ext(in)) + ".nlb"
	if _, errs, status := run(t, "", "compile", "-o", out, in); status != 0 {
		t.Fatalf("compile: exit %d: %s", status, errs)
	}
	return out
}

func TestReplayCommand(t *testing.T) {
	ns := nltest.NewNamespace(t)
	example, err := os.ReadFile("../../examples/pyroute2.json")
	if err != nil {
		t.Fatal(err)
	}
	b := compileFile(t, "lab.json", string(example))

	// A dry run sends nothing and writes the bytes it would send.
	dry := filepath.Join(t.TempDir(), "dry.raw")
	out, errs, status := run(t, "", "replay", "--netns", ns.Name, "--dry-run", "--emit-raw", dry, b)
	if status != 0 || !strings.Contains(out, "dry run: 5 messages") {
		t.Fatalf("dry run: exit %d: %s%s", status, out, errs)
	}
	if links := ns.Run("ip", "-o", "link", "show"); strings.Contains(links, "v0") {
		t.Fatalf("the dry run created v0: %s", links)
	}

	sent := filepath.Join(t.TempDir(), "sent.raw")
	out, errs, status = run(t, "", "replay", "--netns", ns.Name, "--emit-raw", sent, b)
	if status != 0 || !strings.Contains(out, "replayed 5 messages in 1 sendmsg") || !strings.Contains(out, "5 applied") {
		t.Fatalf("replay: exit %d: %s%s", status, out, errs)
	}
	dryBytes, _ := os.ReadFile(dry)
	sentBytes, _ := os.ReadFile(sent)
	if len(sentBytes) == 0 || !bytes.Equal(dryBytes, sentBytes) {
		t.Errorf("the dry run's bytes (%d) differ from those sent (%d)", len(dryBytes), len(sentBytes))
	}
	if route := ns.Run("ip", "route", "show", "198.51.100.0/24"); !strings.Contains(route, "via 192.0.2.254 dev v0 proto static linkdown mtu 1400") {
		t.Errorf("route after replay: %q", route)
	}

	// A progress bar only when asked (stderr is no terminal here).
	ns2 := nltest.NewNamespace(t)
	_, errs, status = run(t, "", "replay", "--netns", ns2.Name, "--progress", "always", b)
	if status != 0 || !strings.Contains(errs, "\rreplay [##############################] 100% 5/5 msgs") {
		t.Errorf("--progress always: exit %d, stderr %q", status, errs)
	}
	_, errs, _ = run(t, "", "replay", "--netns", ns2.Name, "--dry-run", b)
	if strings.Contains(errs, "\rreplay [") {
		t.Errorf("a progress bar on a stderr that is no terminal: %q", errs)
	}

	// Again: everything exists now. Exit 1, a line per failure on
	// stderr, and the JSON report accounts for every message.
	out, errs, status = run(t, "", "replay", "--netns", ns.Name, b)
	if status != 1 || !strings.Contains(errs, "lab.json:2:3: ") || !strings.Contains(errs, "EEXIST") || !strings.Contains(errs, "1 applied, 4 failed") {
		t.Errorf("second replay: exit %d: %s%s", status, out, errs)
	}
	out, _, status = run(t, "", "replay", "--netns", ns.Name, "--report", "json", b)
	var rep struct {
		Messages, Applied, Failed int
		Results                   []struct {
			Index  int
			Errno  string
			Source struct {
				File string
				Line int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--report json: %v: %s", err, out)
	}
	if status != 1 || rep.Messages != 5 || rep.Failed != 4 || len(rep.Results) != 4 || rep.Results[0].Errno != "EEXIST" || rep.Results[3].Source.Line != 6 {
		t.Errorf("--report json: exit %d: %+v", status, rep)
	}
}

func TestReplayCommandUsage(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "bad.nlb")
	os.WriteFile(corrupt, []byte("\x89NLBATCH\x01\x00"), 0o644)
	b := compileFile(t, "lab.json", requests)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"replay"}, "give one batch file"},
		{[]string{"replay", "--report", "xml", b}, `unknown --report "xml"`},
		{[]string{"replay", corrupt}, "bad.nlb: nlb:"},
		{[]string{"replay", "--netns", "nlbt-nonexistent", b}, "ip netns list"},
		{[]string{"replay", "--allow", "route", "--netns", "nlbt-nonexistent", b}, "RTM_NEWLINK is not among the allowed message types"},
	}
	for _, tt := range tests {
		_, errs, status := run(t, "", tt.args...)
		if status != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, want 2 and %q in: %s", tt.args, status, tt.want, errs)
		}
	}
}
