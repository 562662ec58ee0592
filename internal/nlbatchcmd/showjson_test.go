package nlbatchcmd

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/nlb"
)

// TestShowJSONCompilesBack compiles each command of the iproute2 corpora
// on its own, prints the batch with `show --format json`, and compiles
// that output again: the relocations must come back the same (interface
// names are printed where the batch has relocations), and so must the
// messages, but for the few forms nldump's JSON cannot express (it
// reports how many).
func TestShowJSONCompilesBack(t *testing.T) {
	corpora, _ := filepath.Glob("../../testdata/iproute2/*.txt")
	if len(corpora) == 0 {
		t.Skip("no iproute2 corpus")
	}
	dir := t.TempDir()
	total, same, noJSON := 0, 0, 0
	for _, f := range corpora {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' || line[0] == '@' {
				continue
			}
			c := batch.NewCompiler(batch.Options{})
			if batch.CompileIPRoute2(c, filepath.Base(f), strings.NewReader(line+"\n"), batch.IPRoute2Options{}) != nil {
				continue
			}
			total++
			b := c.Batch()
			var buf bytes.Buffer
			if err := nlb.Write(&buf, b); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, "c.nlb")
			os.WriteFile(in, buf.Bytes(), 0o644)
			out, errs, status := run(t, "", "show", "--format", "json", in)
			if status != 0 {
				t.Fatalf("%s: show: %s", line, errs)
			}
			js := filepath.Join(dir, "c.json")
			os.WriteFile(js, []byte(out), 0o644)
			back := filepath.Join(dir, "back.nlb")
			if _, _, status := run(t, "", "compile", "-o", back, js); status != 0 {
				noJSON++
				continue
			}
			b2, err := load(back, nil)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(b.Messages, b2.Messages) {
				same++
				if diff := cmp.Diff(b.Relocs, b2.Relocs); diff != "" {
					t.Errorf("%s: relocations (-compiled +recompiled):\n%s", line, diff)
				}
				continue
			}
			// A string iproute2 sends without its NUL (IFLA_INFO_KIND
			// "veth") comes back with one: the JSON form cannot say
			// which. The layout moves; the same names must be relocated.
			if diff := cmp.Diff(symbolsOf(b), symbolsOf(b2)); diff != "" {
				t.Errorf("%s: relocated names (-compiled +recompiled):\n%s", line, diff)
			}
		}
	}
	t.Logf("%d commands: %d the same after show --format json and compile, %d whose JSON does not compile back", total, same, noJSON)
	if total < 1000 || same < total*8/10 || noJSON > 10 {
		t.Errorf("only %d of %d commands come back the same", same, total)
	}
}

func symbolsOf(b *nlb.Batch) []string {
	var out []string
	for _, r := range b.Relocs {
		out = append(out, r.Kind.String()+" "+r.Symbol)
	}
	return out
}
