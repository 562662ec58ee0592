// Command nlbatch compiles rtnetlink requests into a verifiable batch
// file (.nlb) and shows, exports and verifies such files.
//
// Usage:
//
//	nlbatch compile [-o OUT] [--from json|raw] INPUT...
//	nlbatch show [--format text|json|hex] [-v] FILE
//	nlbatch export --to raw|pcap -o OUT FILE
//	nlbatch verify FILE
//
// Exit status: 0 on success, 1 when the work ran but something failed
// (a request the compiler refused), 2 for usage errors and unreadable or
// corrupt input.
package main

import (
	"os"

	"github.com/nlbatch/nlbatch/internal/nlbatchcmd"
)

func main() { os.Exit(nlbatchcmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
