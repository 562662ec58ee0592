package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// TestForms compiles every Go form into an .nlb file, reads it back and
// decodes each message completely; the lab then checks what the kernel
// makes of them.
func TestForms(t *testing.T) {
	for key, f := range forms {
		t.Run(key[0]+"/"+key[1], func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.nlb")
			if err := compile(f, path, key[0]+" "+key[1], false); err != nil {
				t.Fatal(err)
			}
			r, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := nlb.Read(r)
			if err != nil {
				t.Fatal(err)
			}
			if b.Count() == 0 {
				t.Fatal("no message")
			}
			err = b.Each(func(i int, msg []byte) error {
				m, err := codec.Decode(codec.ProtoRoute, binary.LittleEndian, msg)
				if err != nil {
					t.Errorf("message %d: %v", i, err)
					return nil
				}
				if err := codec.CheckCoverage(m); err != nil {
					t.Errorf("message %d (%s): %v", i, m.Name, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestFormsAreMatrixRows keeps the forms and the matrix in step: a form
// whose kind left the matrix would never run.
func TestFormsAreMatrixRows(t *testing.T) {
	files, err := filepath.Glob("../scenarios/matrix/*.list")
	if err != nil || len(files) == 0 {
		t.Fatalf("no matrix lists: %v", err)
	}
	rows := map[[2]string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if col := strings.Split(line, "|"); len(col) == 5 && !strings.HasPrefix(line, "#") {
				rows[[2]string{col[0], col[1]}] = true
			}
		}
	}
	for key := range forms {
		if !rows[key] {
			t.Errorf("form %s/%s has no row in lab/scenarios/matrix", key[0], key[1])
		}
	}
}
