// Package lab_test runs the kernel lab's conformance matrix (lab/run.sh
// with lab/scenarios/matrix.sh) under qemu and checks every kind: nlbatch
// compiles what iproute2 applies, replays it, the kernel then holds the
// same as after iproute2, and every captured message decodes completely.
package lab_test

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

// goapiDiffers are the matrix's kinds whose Go form (lab/goapi) cannot
// say all that the iproute2 line says, with what stays different.
var goapiDiffers = map[string]string{
	"action/police": "pyroute2's police has no linklayer keyword: the rate's linklayer stays unspec where tc writes ethernet",
}

// atomicGaps are the matrix's kinds an atomic rollback cannot put back
// as they were, with why (the rollback's report says so too).
var atomicGaps = map[string]string{
	"qdisc/red":   "the kernel does not dump red's idle-damping table (TCA_RED_STAB), which a request must carry",
	"qdisc/choke": "the kernel does not dump choke's idle-damping table (TCA_CHOKE_STAB), which a request must carry",
}

// knownGaps are the matrix's kinds nlbatch does not compile yet, with why.
var knownGaps = map[string]string{}

func TestMatrix(t *testing.T) {
	if _, err := exec.LookPath("qemu-system-x86_64"); err != nil {
		t.Skip("the kernel lab needs qemu-system-x86_64 (Debian: qemu-system-x86; .ci/run installs it)")
	}
	if k, _ := filepath.Glob("/boot/vmlinuz-*-amd64"); len(k) == 0 {
		t.Skip("the kernel lab needs Debian's linux-image-amd64 in /boot (.ci/run installs it)")
	}
	if os.Getenv("NLBATCH_LAB") == "off" {
		t.Skip("NLBATCH_LAB=off")
	}
	out := t.TempDir()
	cmd := exec.Command("./matrix.sh", "-o", out)
	cmd.Env = append(os.Environ(), "LAB_TIMEOUT=600")
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lab/matrix.sh: %v\n%s", err, log)
	}
	f, err := os.Open(filepath.Join(out, "matrix.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 6 || col[0] == "category" {
			continue
		}
		rows++
		kind, iproute2, compile, replay, same := col[1], col[2], col[3], col[4], col[5]
		if why, gap := knownGaps[kind]; gap {
			if compile == "ok" {
				t.Errorf("%s compiles now: drop it from knownGaps (%s)", kind, why)
			}
			continue
		}
		switch {
		case iproute2 != "ok":
			t.Errorf("%s %s: iproute2 failed in the lab: %s", col[0], kind, iproute2)
		case compile != "ok":
			t.Errorf("%s %s: nlbatch compile: %s", col[0], kind, compile)
		case replay != "ok":
			t.Errorf("%s %s: nlbatch replay: %s", col[0], kind, replay)
		case same != "yes":
			t.Errorf("%s %s: the kernel holds something else after nlbatch than after iproute2 (see the console's diff)", col[0], kind)
		case len(col) < 7 || col[6] != "yes":
			t.Errorf("%s %s: from show --format json, compiled again: %s", col[0], kind, strings.Join(col[6:], " "))
		case len(col) < 8:
			t.Errorf("%s %s: no Go API column", col[0], kind)
		default:
			goapi := col[7]
			why, differs := goapiDiffers[col[0]+"/"+kind]
			switch {
			case differs && !strings.HasSuffix(goapi, ": differs"):
				t.Errorf("%s %s: the Go form gives %q now: drop it from goapiDiffers (%s)", col[0], kind, goapi, why)
			case goapi != "-" && !differs && !strings.HasSuffix(goapi, ": yes"):
				t.Errorf("%s %s: the Go API (lab/goapi): %s", col[0], kind, goapi)
			}
			atomic := "-"
			if len(col) > 8 {
				atomic = col[8]
			}
			why, gap := atomicGaps[col[0]+"/"+kind]
			switch {
			case gap && atomic == "yes":
				t.Errorf("%s %s: the atomic rollback works now: drop it from atomicGaps (%s)", col[0], kind, why)
			case !gap && atomic != "yes":
				t.Errorf("%s %s: atomic replay: %s", col[0], kind, atomic)
			}
		}
	}
	if t.Failed() {
		// The guests' diffs and reports say why.
		if log, err := os.ReadFile(filepath.Join(out, "console.log")); err == nil {
			var keep []string
			for _, l := range strings.Split(string(log), "\n") {
				if !strings.HasPrefix(l, "[") && len(keep) < 400 {
					keep = append(keep, l)
				}
			}
			t.Logf("the guests' console:\n%s", strings.Join(keep, "\n"))
		}
	}
	if rows < 40 {
		t.Errorf("only %d kinds in the matrix", rows)
	}
	pcaps, _ := filepath.Glob(filepath.Join(out, "lab-matrix-*.pcap"))
	if len(pcaps) == 0 {
		t.Fatal("the matrix run left no capture")
	}
	msgs := 0
	for _, p := range pcaps {
		msgs += checkCapture(t, p)
	}
	if msgs < 500 {
		t.Errorf("the captures hold only %d messages", msgs)
	}
}

// checkCapture decodes every message of the matrix run's capture: no
// attribute may stay unknown.
func checkCapture(t *testing.T, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := capture.NewReader(f, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dec := codec.NewDecoder()
	msgs := 0
	for {
		fr, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		err = dec.DecodeFrame(fr.Protocol, fr.Data, func(m *codec.Msg) error {
			msgs++
			if err := codec.CheckCoverage(m); err != nil && m.Protocol == codec.ProtoRoute {
				t.Errorf("frame %d: %s: %v", fr.Num, m.Name, err)
			}
			return nil
		})
		if err != nil {
			t.Errorf("frame %d: %v", fr.Num, err)
		}
	}
	return msgs
}
