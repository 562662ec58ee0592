package dump

import (
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/internal/testcaps"
)

// runDump runs nldump in process.
func runDump(t *testing.T, stdin io.Reader, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	status = Main(args, stdin, &out, &errb)
	return out.String(), errb.String(), status
}

func captures(t *testing.T) []string {
	t.Helper()
	// Captures made elsewhere (the kernel lab) go in subdirectories.
	var files []string
	for _, pattern := range []string{"*.pcap*", "*/*.pcap*"} {
		m, err := filepath.Glob(filepath.Join("../../testdata/pcaps", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no captures in testdata/pcaps")
	}
	return files
}

// jsonLines parses nldump's JSON output.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		objs = append(objs, o)
	}
	return objs
}

// statsCount reads the message count from --stats output.
func statsCount(t *testing.T, out string) int {
	t.Helper()
	first := strings.SplitN(out, "\n", 2)[0]
	f := strings.Fields(strings.ReplaceAll(first, ",", ""))
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "messages" {
			n, err := strconv.Atoi(f[i+1])
			if err == nil {
				return n
			}
		}
	}
	t.Fatalf("no message count in %q", first)
	return 0
}

func TestEveryCaptureEveryFormat(t *testing.T) {
	for _, file := range captures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			stats, errs, status := runDump(t, nil, "--stats", file)
			if status != 0 {
				t.Fatalf("--stats exit %d: %s", status, errs)
			}
			want := statsCount(t, stats)
			if want == 0 {
				t.Fatal("no messages")
			}
			for _, args := range [][]string{{"--format", "text"}, {"-v"}, {"--format", "hex"}, {"--format", "json"}} {
				out, errs, status := runDump(t, nil, append(args, file)...)
				if status != 0 || errs != "" {
					t.Fatalf("%v: exit %d, stderr %q", args, status, errs)
				}
				if args[len(args)-1] == "json" {
					if got := len(jsonLines(t, out)); got != want {
						t.Errorf("json: %d objects, --stats counts %d messages", got, want)
					}
				}
				if args[0] == "--format" && args[1] == "text" {
					if got := strings.Count(out, "\n"); got != want {
						t.Errorf("text: %d lines, --stats counts %d messages", got, want)
					}
				}
			}
		})
	}
}

func TestFilters(t *testing.T) {
	file := "../../testdata/pcaps/errors.pcap"
	tests := []struct {
		name  string
		args  []string
		check func(o map[string]any) bool
	}{
		{"errors only", []string{"--errors"}, func(o map[string]any) bool {
			e, ok := o["error"].(float64)
			return ok && e != 0
		}},
		{"one type", []string{"--type", "RTM_NEWROUTE"}, func(o map[string]any) bool { return o["type"] == "RTM_NEWROUTE" }},
		{"type by number, lower case name", []string{"--type", "24", "--type", "rtm_delroute"}, func(o map[string]any) bool {
			return o["type"] == "RTM_NEWROUTE" || o["type"] == "RTM_DELROUTE"
		}},
		{"family", []string{"--family", "route"}, func(o map[string]any) bool { return o["family"] == "route" }},
		{"pid", []string{"--pid", "0"}, func(o map[string]any) bool { return o["pid"] == float64(0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, status := runDump(t, nil, append(append([]string{"--format", "json"}, tt.args...), file)...)
			if status != 0 {
				t.Fatalf("exit %d: %s", status, errs)
			}
			objs := jsonLines(t, out)
			if len(objs) == 0 {
				t.Fatal("filter matched nothing")
			}
			for _, o := range objs {
				if !tt.check(o) {
					t.Fatalf("filter let through %v", o)
				}
			}
		})
	}
}

func TestErrorAckCarriesExtAckAndRequest(t *testing.T) {
	out, _, status := runDump(t, nil, "--format", "json", "--errors", "../../testdata/pcaps/errors.pcap")
	if status != 0 {
		t.Fatalf("exit %d", status)
	}
	var withMsg, withRequest int
	for _, o := range jsonLines(t, out) {
		if ea, ok := o["ext_ack"].(map[string]any); ok && ea["msg"] != "" {
			withMsg++
		}
		if r, ok := o["request"].(map[string]any); ok && r["type"] != nil {
			withRequest++
		}
		if o["errno"] == nil {
			t.Errorf("error without errno name: %v", o)
		}
	}
	if withMsg == 0 || withRequest == 0 {
		t.Fatalf("%d errors with ext-ack text, %d with a decoded request; want some of each", withMsg, withRequest)
	}
}

func TestUsageAndUnreadableInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"missing file", []string{"does-not-exist.pcap"}, 2, "does-not-exist.pcap"},
		{"bad format", []string{"--format", "yaml"}, 2, "unknown --format"},
		{"bad flag", []string{"--frobnicate"}, 2, "frobnicate"},
		{"bad protocol", []string{"--family", "nosuch"}, 2, "unknown netlink protocol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, status := runDump(t, nil, tt.args...)
			if status != tt.status || !strings.Contains(errs, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", status, errs, tt.status, tt.stderr)
			}
		})
	}
}

// framesOf reads every frame of a capture.
func framesOf(t *testing.T, file string) []capture.Frame { return testcaps.Frames(t, file) }

func TestMalformedFrameIsReportedAndDecodingGoesOn(t *testing.T) {
	frames := framesOf(t, "../../testdata/pcaps/route.pcap")
	var buf bytes.Buffer
	w, err := capture.NewPcapWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, fr := range frames[:10] {
		data := fr.Data
		if i == 4 {
			data = data[:len(data)-3] // cut the last message short
		}
		if err := w.WriteFrame(fr.Time, fr.Protocol, data); err != nil {
			t.Fatal(err)
		}
	}
	out, errs, status := runDump(t, &buf, "-")
	if status != 1 {
		t.Fatalf("exit %d, want 1", status)
	}
	if !strings.Contains(errs, "frame 5 at byte") {
		t.Errorf("stderr %q does not name frame 5 and its byte offset", errs)
	}
	if !strings.Contains(out, "\n10.1 ") {
		t.Errorf("decoding stopped at the malformed frame:\n%s", out)
	}
}

// TestOtherInputFormats feeds the same real frames as raw bytes, gzip'd
// pcap and hex text: each must decode to the same messages as the pcap.
func TestOtherInputFormats(t *testing.T) {
	file := "../../testdata/pcaps/route.pcap"
	want, _, status := runDump(t, nil, "--format", "json", file)
	if status != 0 {
		t.Fatal("reference decode failed")
	}
	wantMsgs := stripFrames(t, want)
	frames := framesOf(t, file)

	var raw, hexText bytes.Buffer
	for _, fr := range frames {
		// A raw buffer holds whole messages only: leave out the zero
		// bytes iproute2 sends after some requests.
		msgs, err := codec.DecodeAll(fr.Protocol, nil, fr.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			raw.Write(m.Raw)
			raw.Write(make([]byte, codec.Align(len(m.Raw))-len(m.Raw)))
		}
		hexText.WriteString(hex.Dump(fr.Data))
		hexText.WriteString("\n")
	}
	pcapData, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(pcapData)
	zw.Close()

	for _, tt := range []struct {
		name string
		in   []byte
	}{
		{"raw", raw.Bytes()},
		{"hexdump -C style text", hexText.Bytes()},
		{"gzip pcap", gz.Bytes()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, status := runDump(t, bytes.NewReader(tt.in), "--format", "json")
			if status != 0 {
				t.Fatalf("exit %d: %s", status, errs)
			}
			if diff := cmp.Diff(wantMsgs, stripFrames(t, out)); diff != "" {
				t.Errorf("messages differ from the pcap's (-want +got):\n%s", diff)
			}
		})
	}
}

// stripFrames keeps what identifies each message, dropping framing keys
// (frame, msg, offset, time) that differ between input formats.
func stripFrames(t *testing.T, out string) []string {
	t.Helper()
	var msgs []string
	for _, o := range jsonLines(t, out) {
		for _, k := range []string{"frame", "msg", "offset", "time"} {
			delete(o, k)
		}
		b, _ := json.Marshal(o)
		msgs = append(msgs, string(b))
	}
	return msgs
}

// TestRtmonFile records real kernel notifications with iproute2's rtmon
// in a throw-away namespace and decodes its file.
func TestRtmonFile(t *testing.T) {
	if _, err := exec.LookPath("rtmon"); err != nil {
		t.Skip("rtmon (iproute2) not installed")
	}
	ns := nltest.NewNamespace(t)
	file := filepath.Join(t.TempDir(), "rtmon.log")
	cmd := exec.Command("ip", "netns", "exec", ns.Name, "rtmon", "file", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	ns.Run("ip", "link", "add", "rt0", "type", "veth", "peer", "name", "rt1")
	ns.Run("ip", "link", "set", "rt0", "up")
	ns.Run("ip", "addr", "add", "10.77.0.1/24", "dev", "rt0")
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, errs, status := runDump(t, bytes.NewReader(data), "--format", "json")
	if status != 0 {
		t.Fatalf("exit %d: %s", status, errs)
	}
	var sawLink, sawAddr, timed bool
	for _, o := range jsonLines(t, out) {
		switch o["type"] {
		case "RTM_NEWLINK":
			sawLink = true
		case "RTM_NEWADDR":
			sawAddr = true
		}
		if _, ok := o["time"]; ok {
			timed = true
		}
	}
	if !sawLink || !sawAddr || !timed {
		t.Fatalf("link %v, addr %v, timestamps %v in rtmon decode:\n%s", sawLink, sawAddr, timed, out)
	}
}

// TestByteOrder decodes the big-endian captures with detection and with
// the order forced, and checks that forcing the wrong order is noticed:
// be-basic.pcap (qemu-user) and the kernel lab's lab-be-*.pcap (a real
// s390x kernel, whose dumps and notifications are big-endian throughout).
func TestByteOrder(t *testing.T) {
	files, err := filepath.Glob("../../testdata/pcaps/lab-be-*.pcap")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{"../../testdata/pcaps/be-basic.pcap"}, files...)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			auto, _, status := runDump(t, nil, "--format", "json", file)
			if status != 0 {
				t.Fatalf("auto: exit %d", status)
			}
			forced, _, status := runDump(t, nil, "--format", "json", "--order", "big", file)
			if status != 0 {
				t.Fatalf("--order big: exit %d", status)
			}
			if diff := cmp.Diff(auto, forced); diff != "" {
				t.Errorf("detected and forced big-endian decodes differ (-auto +forced):\n%.2000s", diff)
			}
			for _, o := range jsonLines(t, auto) {
				if o["byte_order"] != "big" {
					t.Fatalf("message not marked big-endian: %v", o)
				}
			}
			if _, errs, status := runDump(t, nil, "--order", "little", file); status != 1 || !strings.Contains(errs, "frame 1 at byte") {
				t.Errorf("wrong forced order: exit %d, stderr %.200q; want 1 and frame errors", status, errs)
			}
		})
	}
}
