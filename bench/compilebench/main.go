// Command compilebench times the batch compiler on N IPv4 route adds:
// through the typed Go API and from JSON, printing messages per second.
// bench/compile.sh runs it beside pyroute2's IPBatch on the same routes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/nlb"
)

func main() {
	n := flag.Int("routes", 100000, "number of route adds")
	runs := flag.Int("runs", 5, "runs of each; the best is printed")
	flag.Parse()

	gw := netip.MustParseAddr("10.255.0.2")
	best := func(f func() error) time.Duration {
		var min time.Duration
		for i := 0; i < *runs; i++ {
			start := time.Now()
			if err := f(); err != nil {
				fmt.Fprintln(os.Stderr, "compilebench:", err)
				os.Exit(1)
			}
			if d := time.Since(start); min == 0 || d < min {
				min = d
			}
		}
		return min
	}
	typed := best(func() error {
		c := batch.NewCompiler(batch.Options{})
		for i := 0; i < *n; i++ {
			r := batch.Route{Dst: netip.PrefixFrom(netip.AddrFrom4([4]byte{11, byte(i >> 16), byte(i >> 8), 0}), 24), Gateway: gw, OIF: 2}
			if err := c.AddRoute(batch.CmdAdd, &r, nlb.Source{}); err != nil {
				return err
			}
		}
		return nil
	})
	var js bytes.Buffer
	js.WriteString("[\n")
	for i := 0; i < *n; i++ {
		if i > 0 {
			js.WriteString(",\n")
		}
		fmt.Fprintf(&js, `{"type":"RTM_NEWROUTE","flags":["NLM_F_ACK","NLM_F_CREATE","NLM_F_EXCL"],"header":{"rtm_family":"AF_INET","rtm_dst_len":24,"rtm_table":"main","rtm_protocol":"boot","rtm_type":"unicast"},"attrs":[{"name":"RTA_DST","value":"11.%d.%d.0"},{"name":"RTA_GATEWAY","value":"10.255.0.2"},{"name":"RTA_OIF","value":2}]}`, byte(i>>16), byte(i>>8))
	}
	js.WriteString("\n]\n")
	fromJSON := best(func() error {
		c := batch.NewCompiler(batch.Options{})
		return batch.CompileJSON(c, "routes.json", bytes.NewReader(js.Bytes()))
	})
	fmt.Printf("typed\t%d\t%.4f\t%.0f\n", *n, typed.Seconds(), float64(*n)/typed.Seconds())
	fmt.Printf("json\t%d\t%.4f\t%.0f\n", *n, fromJSON.Seconds(), float64(*n)/fromJSON.Seconds())
}
