package capture

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// editcap converts a PcapWriter file to pcapng and to nanosecond pcap:
// the same frames come back from each.
func TestEditcap(t *testing.T) {
	editcap, err := exec.LookPath("editcap")
	if err != nil {
		t.Skip("editcap not installed")
	}
	ss := samples()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcap")
	if err := os.WriteFile(in, writeWithPcapWriter(t, ss), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		editcapFormat string
		want          Format
	}{{"pcapng", FormatPcapng}, {"nsecpcap", FormatPcap}, {"pcap", FormatPcap}} {
		t.Run(tc.editcapFormat, func(t *testing.T) {
			out := filepath.Join(dir, tc.editcapFormat)
			if b, err := exec.Command(editcap, "-F", tc.editcapFormat, in, out).CombinedOutput(); err != nil {
				t.Fatalf("editcap: %v\n%s", err, b)
			}
			file, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got, r := readAll(t, file, Options{})
			if r == nil || r.Format() != tc.want {
				t.Fatalf("format: %+v", got)
			}
			if diff := cmp.Diff(result{Frames: wantFrames(t, file, ss, time.Microsecond)}, got, timeZero); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// tshark reads a PcapWriter file as netlink: frame by frame, the
// protocol and message headers it sees are what was written.
func TestTsharkReadsPcapWriter(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed")
	}
	ss := samples()
	file := filepath.Join(t.TempDir(), "w.pcap")
	if err := os.WriteFile(file, writeWithPcapWriter(t, ss), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tshark, "-r", file, "-T", "fields", "-E", "separator=;",
		"-e", "frame.number", "-e", "netlink.hatype", "-e", "netlink.family", "-e", "netlink.hdr_len").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var want []string
	for i, s := range ss {
		var lens []string
		for b := s.data; len(b) >= 16; {
			n := binary.LittleEndian.Uint32(b)
			lens = append(lens, strconv.Itoa(int(n)))
			b = b[n:]
		}
		want = append(want, fmt.Sprintf("%d;824;0x%04x;%s", i+1, s.proto, strings.Join(lens, ",")))
	}
	got := strings.Fields(string(out))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tshark fields (-want +got):\n%s", diff)
	}
}

// The bundled nlmon capture of the project's test lab: the record and
// message counts its manifest lists.
func TestRealCapture(t *testing.T) {
	file, err := os.ReadFile("../testdata/pcaps/link.pcap")
	if err != nil {
		t.Skip("no bundled capture")
	}
	manifest, err := os.ReadFile("../testdata/pcaps/MANIFEST")
	if err != nil {
		t.Skip("no manifest")
	}
	var records, messages int
	sc := bufio.NewScanner(bytes.NewReader(manifest))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] != "link.pcap" {
			continue
		}
		for _, kv := range f[1:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "records":
				records, _ = strconv.Atoi(v)
			case "messages":
				messages, _ = strconv.Atoi(v)
			}
		}
	}
	if records == 0 {
		t.Skip("link.pcap not in the manifest")
	}
	for _, gz := range []bool{false, true} {
		in := file
		if gz {
			in = gzipped(file)
		}
		got, r := readAll(t, in, Options{})
		if r == nil || r.Format() != FormatPcap || got.Errs != nil || got.Final != "" {
			t.Fatalf("gzip %v: %+v", gz, got.Final)
		}
		n := 0
		for _, f := range got.Frames {
			for b := f.Data; len(b) >= 16; { // little-endian, per the manifest
				l := int(binary.LittleEndian.Uint32(b))
				if l < 16 || l > len(b) {
					t.Fatalf("frame %d: bad nlmsg_len %d", f.Num, l)
				}
				n++
				b = b[min(len(b), (l+3)&^3):]
			}
		}
		if len(got.Frames) != records || n != messages {
			t.Errorf("gzip %v: %d frames, %d messages; manifest says %d, %d", gz, len(got.Frames), n, records, messages)
		}
	}
}
