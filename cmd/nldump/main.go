// Command nldump decodes netlink traffic: nlmon captures (pcap, pcapng,
// gzip'd or not), raw netlink buffers, rtmon files and hex text, into
// one-line summaries, full trees, JSON or annotated hexdumps.
//
// Usage:
//
//	nldump [flags] [FILE...]
//
// With no FILE, or when FILE is -, nldump reads standard input. Exit
// status: 0 when everything decoded, 1 when a frame was malformed, 2 for
// usage errors and unreadable input. Run nldump -h for the flags.
package main

import (
	"os"

	"github.com/nlbatch/nlbatch/internal/dump"
)

func main() { os.Exit(dump.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
