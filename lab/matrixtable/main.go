// Command matrixtable turns the lab's conformance matrix run into a
// markdown table: lab/scenarios/matrix.sh writes matrix.tsv (per kind:
// iproute2's result, nlbatch's compile and replay, whether the kernel
// holds the same in both) and the nlmon capture of the whole run; this
// adds whether every captured message about the kind decodes completely
// (no attribute left unknown) and prints the table. "from JSON" is the
// same batch printed by `nlbatch show --format json`, compiled again and
// replayed: whether the kernel then holds the same as after iproute2.
// "Go API" is the same request written with package batch's typed
// requests or pyroute2 calls (lab/goapi), replayed: the form used and
// whether the kernel holds the same; "-" where the kind has neither.
// "atomic undo" is the row's line and then a failing one replayed with
// --atomic, once making the object and once deleting it: whether the
// rollback leaves the state as it was.
// The object rows (addresses, routes, rules, neighbours, nexthops,
// bridge VLANs) count every captured message of their type in the run.
//
//	matrixtable -tsv OUT/matrix.tsv -pcap OUT/lab-matrix-0.pcap,OUT/lab-matrix-1.pcap
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

func main() {
	tsv := flag.String("tsv", "", "matrix.tsv from the lab")
	pcap := flag.String("pcap", "", "the nlmon captures of the matrix run, separated by commas")
	flag.Parse()
	if *tsv == "" || *pcap == "" {
		fmt.Fprintln(os.Stderr, "usage: matrixtable -tsv FILE -pcap FILE[,FILE...]")
		os.Exit(2)
	}
	decoded := map[string]tally{}
	var err error
	for _, p := range strings.Split(*pcap, ",") {
		if err = decodeByKind(p, decoded); err != nil {
			break
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "matrixtable:", err)
		os.Exit(1)
	}
	f, err := os.Open(*tsv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "matrixtable:", err)
		os.Exit(1)
	}
	defer f.Close()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "| category | kind | iproute2 | nlbatch compile | nlbatch replay | same state | from JSON | Go API | atomic undo | decode |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first {
			continue // header
		}
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 6 {
			continue
		}
		d := decoded[col[1]]
		if base, _, ok := strings.Cut(col[1], "-"); ok && d.total == 0 {
			d = decoded[base] // a variant row (gred-vq, cbs-mqprio): its kind's messages
		}
		if col[0] == "object" {
			d = decoded[objectMessages(col[1])]
		}
		dec := "-"
		switch {
		case d.total > 0 && d.bad == 0:
			dec = fmt.Sprintf("ok (%d message%s)", d.total, plural(d.total))
		case d.total > 0:
			dec = fmt.Sprintf("%d of %d incomplete", d.bad, d.total)
		}
		json := "-"
		if len(col) > 6 {
			json = cell(col[6])
		}
		goapi := "-"
		if len(col) > 7 {
			goapi = cell(col[7])
		}
		atomic := "-"
		if len(col) > 8 {
			atomic = cell(col[8])
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", col[0], col[1], cell(col[2]), cell(col[3]), cell(col[4]), col[5], json, goapi, atomic, dec)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "matrixtable:", err)
		os.Exit(1)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cell shortens a result for a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 70 {
		s = s[:67] + "..."
	}
	return s
}

type tally struct{ total, bad int }

// decodeByKind counts, per link, qdisc, filter or action kind, the
// captured messages naming it and those that do not decode completely.
func decodeByKind(path string, out map[string]tally) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := capture.NewReader(f, capture.Options{})
	if err != nil {
		return err
	}
	dec := codec.NewDecoder()
	for {
		fr, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		_ = dec.DecodeFrame(fr.Protocol, fr.Data, func(m *codec.Msg) error {
			kinds := map[string]bool{}
			collectKinds(m.Nodes, kinds)
			// RTM_NEWROUTE counts for the object rows as "RTM ROUTE".
			if _, obj, ok := strings.Cut(m.Name, "RTM_"); ok && len(obj) > 3 {
				kinds["RTM "+strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(obj, "NEW"), "DEL"), "GET")] = true
			}
			complete := codec.CheckCoverage(m) == nil
			for k := range kinds {
				t := out[k]
				t.total++
				if !complete {
					t.bad++
				}
				out[k] = t
			}
			return nil
		})
	}
}

// objectMessages names the messages an object row of the matrix is about
// (its kinds are the matrix's own names, not the kernel's).
func objectMessages(kind string) string {
	switch {
	case strings.HasPrefix(kind, "addr"):
		return "RTM ADDR"
	case strings.HasPrefix(kind, "route"), kind == "mpls", strings.HasSuffix(kind, "-route"):
		return "RTM ROUTE"
	case kind == "neigh", kind == "fdb":
		return "RTM NEIGH"
	case kind == "rule":
		return "RTM RULE"
	case strings.HasPrefix(kind, "nexthop"):
		return "RTM NEXTHOP"
	case kind == "bridge-vlan":
		return "RTM SETLINK"
	}
	return ""
}

func collectKinds(nodes []codec.Node, kinds map[string]bool) {
	for i := range nodes {
		n := &nodes[i]
		switch n.Name {
		case "IFLA_INFO_KIND", "TCA_KIND", "TCA_ACT_KIND":
			kinds[n.Text()] = true
		}
		collectKinds(n.Children, kinds)
	}
}
