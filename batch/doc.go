// Package batch compiles rtnetlink requests into a batch: the netlink
// messages exactly as they will be sent, with sequence numbers from 1,
// relocations for interfaces given by name, and the source of every
// message, ready to be written as an .nlb file (package nlb) and replayed
// on a target host.
//
// Requests come in three forms, all compiled through the same schema:
//
//   - typed requests (Route, Addr, Link, Neigh, Rule, Nexthop with
//     Compiler.AddRoute and friends): the fast path, no allocation per
//     message;
//   - pyroute2 calls (Compiler.Call, or {"route": "add", ...} objects in
//     JSON and YAML), byte for byte what pyroute2 0.7.2's IPBatch writes
//     except where docs/pyroute2.md says why not;
//   - codec.Requests: a message type, header fields and attributes by
//     their schema names, values as text (Compiler.Add, or JSON and YAML
//     in the form nldump prints).
//
// Interface names may stand wherever the schema expects an interface
// index; the compiler writes a placeholder and a relocation that the
// replayer resolves on the target. An RTM_NEWLINK that creates a named interface (and a veth
// peer) gets a relocation that lets the replayer number it up front, so
// that later messages can refer to it by name.
package batch
