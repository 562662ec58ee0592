// Package nlb reads, writes and verifies .nlb files: compiled netlink
// batches, the messages exactly as they will be sent, with what a
// replayer needs to send them on another host.
//
// A Batch holds the concatenated netlink messages (each NLMSG_ALIGNed,
// with sequence numbers 1, 2, 3...), their payload byte order and
// netlink protocol, the relocations to patch on the target (interface
// names whose indexes only the target knows), a source map (message ->
// file:line:col and text) and compiler metadata.
//
// # Verification
//
// Write verifies a batch before writing a byte of it; Read checks the
// magic number, version, length and SHA-256 checksum of a file, then the
// layout of every section, then verifies the batch it decoded. A replayer
// that loads a file with Read therefore never sees a truncated or
// corrupted batch: every failure is reported before anything is sent.
// Batch.Verify lists the rules. Failures are *FormatError values naming
// the section, the byte offset in the file and, where there is one, the
// message; ErrMagic, ErrVersion, ErrTruncated and ErrChecksum can be
// tested with errors.Is.
//
// # Canonical form
//
// Version 1 of the format has exactly one encoding of a given batch:
// sections in a fixed order at fixed offsets, zero padding, metadata keys
// sorted, relocations sorted, no optional parts. Read refuses every file
// that is not in that form, so for every file f that Read accepts,
// Write(Read(f)) produces f again, byte for byte. Offsets in a
// *FormatError from Verify are the offsets Write would give the faulty
// item, the same Read reports for the written file.
//
// # Memory
//
// Read never allocates more than a small multiple of what its input
// holds: the file grows in memory only as bytes arrive, and every count
// and length is checked against the bytes present before anything is
// allocated for it. The Messages of a batch returned by Read alias the
// buffer that holds the file.
//
// The file format is described byte by byte in docs/format.md.
package nlb
