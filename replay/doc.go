// Package replay applies a compiled batch (package nlb) to the kernel of
// this host, or of one of its network namespaces, and reports what became
// of every message.
//
// # Sending
//
// Replay verifies the batch and the caller's policy first (framing, the
// NLM_F_REQUEST flag, dump requests, allowed message types) and resolves
// every relocation against the target from one RTM_GETLINK dump:
// interface names become indexes, and interfaces the batch creates and
// later refers to get free indexes chosen up front, written into their
// RTM_NEWLINK (veth peers included). Nothing is sent when any of this
// fails.
//
// Messages then go out in as few sendmsg calls as the socket buffers
// allow (one when the batch fits in Options.MaxSendmsg bytes). The
// kernel runs the messages of one sendmsg in order and carries on after
// an error; it returns errors without being asked, so only the last
// message of each sendmsg carries NLM_F_ACK: its acknowledgement says the
// kernel has processed the whole call. The receive buffer is sized so
// that every message of a call can fail without an acknowledgement lost;
// if one is lost anyway (ENOBUFS), the messages concerned are settled by
// dumping the target, and Report.Results says which were.
//
// Every failure carries the kernel's errno, its extended-ack text and
// the name of the offending attribute, read from the ack's offset
// through the codec's schema.
//
// # All-or-nothing
//
// rtnetlink has no transactions. With Options.Atomic the replayer dumps
// every kind of object the batch can change (side effects included: a
// link set down loses its routes) before sending, stops after the first
// sendmsg with a failure, and then puts the target back: it dumps again,
// compares with the snapshot (counters, timers and carrier state aside),
// deletes what the batch added, adds back what it removed or replaced,
// sets changed links back and recreates deleted virtual links with their
// old indexes, then compares again until nothing differs. What cannot be
// put back (a deleted physical device) is listed in Rollback.Unrestored.
package replay
