package codec

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cSizeof compiles a tiny C program against the system's uapi headers and
// returns sizeof for each C type expression (e.g. "struct ifinfomsg"). It
// skips the test when no C compiler or headers are available, so struct
// layouts are checked against the compiler, not against our own arithmetic.
func cSizeof(t *testing.T, includes []string, types []string) map[string]int {
	t.Helper()
	cc, err := exec.LookPath("gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			t.Skip("no C compiler: struct sizes cannot be checked against the headers")
		}
	}
	var src strings.Builder
	src.WriteString("#include <stdio.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n")
	for _, inc := range includes {
		fmt.Fprintf(&src, "#include <%s>\n", inc)
	}
	src.WriteString("int main(void) {\n")
	for _, ty := range types {
		fmt.Fprintf(&src, "\tprintf(\"%%zu\\n\", sizeof(%s));\n", ty)
	}
	src.WriteString("\treturn 0;\n}\n")
	dir := t.TempDir()
	cfile := filepath.Join(dir, "sizeof.c")
	bin := filepath.Join(dir, "sizeof")
	if err := os.WriteFile(cfile, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-o", bin, cfile).CombinedOutput(); err != nil {
		if strings.Contains(string(out), "No such file or directory") {
			t.Skipf("uapi headers missing (install linux-libc-dev): %s", out)
		}
		t.Fatalf("compiling sizeof probe: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("running sizeof probe: %v", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != len(types) {
		t.Fatalf("sizeof probe printed %d values for %d types", len(lines), len(types))
	}
	sizes := make(map[string]int, len(types))
	for i, ty := range types {
		n, err := strconv.Atoi(lines[i])
		if err != nil {
			t.Fatalf("sizeof probe output %q: %v", lines[i], err)
		}
		sizes[ty] = n
	}
	return sizes
}

// checkSizes compares StructDef sizes with the C compiler's sizeof.
func checkSizes(t *testing.T, includes []string, structs map[string]*StructDef) {
	t.Helper()
	var types []string
	for ty := range structs {
		types = append(types, ty)
	}
	sizes := cSizeof(t, includes, types)
	for _, ty := range types {
		if got, want := structs[ty].Size(), sizes[ty]; got != want {
			t.Errorf("%s: table size %d, C sizeof %d", ty, got, want)
		}
	}
}
