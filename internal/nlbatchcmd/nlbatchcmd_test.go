package nlbatchcmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	status := Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

const requests = `[
  {"type": "RTM_NEWLINK", "flags": ["NLM_F_ACK", "NLM_F_CREATE", "NLM_F_EXCL"],
   "attrs": [{"name": "IFLA_IFNAME", "value": "v0"},
             {"name": "IFLA_LINKINFO", "attrs": [
                {"name": "IFLA_INFO_KIND", "value": "veth"},
                {"name": "IFLA_INFO_DATA", "attrs": [{"name": "VETH_INFO_PEER", "attrs": [{"name": "IFLA_IFNAME", "value": "v1"}]}]}]}]},
  {"type": "RTM_NEWADDR", "flags": ["NLM_F_ACK", "NLM_F_CREATE", "NLM_F_EXCL"],
   "header": {"ifa_family": "AF_INET", "ifa_prefixlen": 24, "ifa_index": "v0"},
   "attrs": [{"name": "IFA_LOCAL", "value": "192.0.2.1"}, {"name": "IFA_ADDRESS", "value": "192.0.2.1"}]},
  {"type": "RTM_NEWROUTE", "flags": ["NLM_F_ACK", "NLM_F_CREATE", "NLM_F_EXCL"],
   "header": {"rtm_family": "AF_INET", "rtm_dst_len": 24, "rtm_table": "main", "rtm_protocol": "static", "rtm_type": "unicast"},
   "attrs": [{"name": "RTA_DST", "value": "198.51.100.0"}, {"name": "RTA_GATEWAY", "value": "192.0.2.254"}, {"name": "RTA_OIF", "value": "v0"}]}
]
`

func TestCompileShowExportVerify(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "lab.json")
	if err := os.WriteFile(in, []byte(requests), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, status := run(t, "", "compile", in)
	out := filepath.Join(dir, "lab.nlb")
	if status != 0 || !strings.Contains(errs, "3 messages, 4 relocations") {
		t.Fatalf("compile: exit %d: %s", status, errs)
	}
	shown, errs, status := run(t, "", "show", out)
	if status != 0 {
		t.Fatalf("show: exit %d: %s", status, errs)
	}
	for _, want := range []string{
		"lab.json:2:3 RTM_NEWLINK", "new-ifindex", `"v1"`,
		"lab.json:7:3 RTM_NEWADDR", "lab.json:10:3 RTM_NEWROUTE", "198.51.100.0/24 via 192.0.2.254",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("show output lacks %q:\n%s", want, shown)
		}
	}
	if v, _, status := run(t, "", "verify", out); status != 0 || !strings.Contains(v, "ok: 3 messages, 4 relocations") {
		t.Fatalf("verify: exit %d: %s", status, v)
	}

	// raw export and import give the same messages back.
	raw := filepath.Join(dir, "lab.raw")
	if _, errs, status := run(t, "", "export", "--to", "raw", "-o", raw, out); status != 0 {
		t.Fatalf("export: %s", errs)
	}
	again := filepath.Join(dir, "again.nlb")
	if _, errs, status := run(t, "", "compile", "-o", again, raw); status != 0 {
		t.Fatalf("compile raw: %s", errs)
	}
	a, _ := os.ReadFile(raw)
	raw2 := filepath.Join(dir, "again.raw")
	if _, errs, status := run(t, "", "export", "--to", "raw", "-o", raw2, again); status != 0 {
		t.Fatalf("export again: %s", errs)
	}
	b, _ := os.ReadFile(raw2)
	if !bytes.Equal(a, b) {
		t.Fatal("raw export -> compile --from raw -> export differs")
	}
}

func TestCompileErrorsNamePlaceAndWriteNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.json")
	bad := strings.Replace(requests, `"RTA_GATEWAY"`, `"RTA_GATWAY"`, 1)
	if err := os.WriteFile(in, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, status := run(t, "", "compile", in)
	if status != 1 || !strings.Contains(errs, "bad.json:10:3: RTM_NEWROUTE/RTA_GATWAY: unknown attribute (did you mean \"RTA_GATEWAY\"?)") {
		t.Fatalf("exit %d: %s", status, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.nlb")); !os.IsNotExist(err) {
		t.Fatalf("an output file was written despite the error: %v", err)
	}
	// Broken JSON names line and column.
	if err := os.WriteFile(in, []byte("[\n  {\"type\": \"RTM_NEWROUTE\",,}\n]"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, status := run(t, "", "compile", in); status != 1 || !strings.Contains(errs, "bad.json:2:") {
		t.Fatalf("exit %d: %s", status, errs)
	}
}

func TestVerifyRefusesCorruptFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "lab.json")
	os.WriteFile(in, []byte(requests), 0o644)
	if _, errs, status := run(t, "", "compile", in); status != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "lab.nlb"))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"bit flip", func() []byte { d := bytes.Clone(data); d[len(d)/2] ^= 0x10; return d }()},
		{"truncated", data[:len(data)-9]},
		{"empty", nil},
	} {
		p := filepath.Join(dir, c.name+".nlb")
		os.WriteFile(p, c.data, 0o644)
		if _, errs, status := run(t, "", "verify", p); status != 2 || errs == "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and an error", c.name, status, errs)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"compil"}, {"show"}, {"export", "--to", "xml", "-o", "x", "y"}} {
		if _, errs, status := run(t, "", args...); status != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, status, errs)
		}
	}
}

// TestYAMLMatchesJSON compiles the bundled example in both forms: the
// messages and relocations must be the same, and YAML errors name the
// line and column.
func TestYAMLMatchesJSON(t *testing.T) {
	sameMessages(t, "../../examples/pyroute2.json", "../../examples/pyroute2.yaml")
	dir := t.TempDir()
	j, y := filepath.Join(dir, "j.nlb"), filepath.Join(dir, "y.nlb")
	if _, errs, status := run(t, "", "compile", "-o", j, "../../examples/lab.json"); status != 0 {
		t.Fatal(errs)
	}
	if _, errs, status := run(t, "", "compile", "-o", y, "../../examples/lab.yaml"); status != 0 {
		t.Fatal(errs)
	}
	for _, f := range []string{j, y} {
		raw := f + ".raw"
		if _, errs, status := run(t, "", "export", "--to", "raw", "-o", raw, f); status != 0 {
			t.Fatal(errs)
		}
	}
	a, _ := os.ReadFile(j + ".raw")
	b, _ := os.ReadFile(y + ".raw")
	if !bytes.Equal(a, b) {
		t.Fatal("JSON and YAML forms compile to different messages")
	}
	sj, _, _ := run(t, "", "show", j)
	sy, _, _ := run(t, "", "show", y)
	if strings.Count(sj, "relocation") != 4 || strings.Count(sy, "relocation") != 4 {
		t.Fatalf("relocations differ:\n%s\n%s", sj, sy)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- type: RTM_NEWROUTE\n  attrs:\n    - {name: RTA_GATEWAY, value: 10.0.0.300}\n"), 0o644)
	if _, errs, status := run(t, "", "compile", bad); status != 1 || !strings.Contains(errs, "bad.yaml:1:3: RTM_NEWROUTE/RTA_GATEWAY: not an IP address") {
		t.Fatalf("exit %d: %s", status, errs)
	}
}

// TestExamplesCompile keeps the README's examples working.
func TestExamplesCompile(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*")
	if len(files) < 3 {
		t.Fatalf("examples: %v", files)
	}
	for _, in := range files {
		out := filepath.Join(t.TempDir(), filepath.Base(in)+".nlb")
		if _, errs, status := run(t, "", "compile", "-o", out, in); status != 0 {
			t.Errorf("%s: exit %d: %s", in, status, errs)
			continue
		}
		if v, errs, status := run(t, "", "verify", out); status != 0 {
			t.Errorf("%s: verify: %s %s", in, v, errs)
		}
	}
}

// sameMessages compiles two inputs and requires the same messages.
func sameMessages(t *testing.T, a, b string) {
	t.Helper()
	dir := t.TempDir()
	var raws [2][]byte
	for i, in := range []string{a, b} {
		out := filepath.Join(dir, fmt.Sprint(i)+".nlb")
		if _, errs, status := run(t, "", "compile", "-o", out, in); status != 0 {
			t.Fatalf("%s: %s", in, errs)
		}
		if _, errs, status := run(t, "", "export", "--to", "raw", "-o", out+".raw", out); status != 0 {
			t.Fatal(errs)
		}
		raws[i], _ = os.ReadFile(out + ".raw")
	}
	if len(raws[0]) == 0 || !bytes.Equal(raws[0], raws[1]) {
		t.Fatalf("%s and %s compile to different messages", a, b)
	}
}
