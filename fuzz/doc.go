// Package fuzz holds the native Go fuzz targets of every parser in
// nlbatch. Each target asserts invariants, not only the absence of
// panics: decoding accounts for every byte, re-encoding gives the input
// back, printing always yields valid output. Crashers found are kept
// under testdata/fuzz as regression seeds and run with every `go test`.
//
// Run a campaign with, for example:
//
//	go test ./fuzz -run '^$' -fuzz FuzzDecode -fuzztime 10m
package fuzz
