package batch

import (
	"bytes"
	"fmt"
	"testing"
)

// iproute2BenchLines are n route adds as an ip -batch file holds them.
func iproute2BenchLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "ip route add 10.%d.%d.0/24 via 192.0.2.1 dev eth0 proto static metric 100\n", (i>>8)&255, i&255)
	}
	return b.Bytes()
}

// BenchmarkCompileIPRoute2 compiles route adds in ip -batch syntax; the
// goal is at least a million lines a second.
func BenchmarkCompileIPRoute2(b *testing.B) {
	const n = 100000
	input := iproute2BenchLines(n)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for range b.N {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "bench.ip", bytes.NewReader(input), IPRoute2Options{}); err != nil {
			b.Fatal(err)
		}
		if c.Len() != n {
			b.Fatalf("%d messages, want %d", c.Len(), n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "lines/s")
}
