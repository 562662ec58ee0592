package nlb

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped by *FormatError; test for them with errors.Is.
var (
	// ErrMagic: the input does not start with the .nlb magic number.
	ErrMagic = errors.New("not an nlb file")
	// ErrVersion: the file has a format version this package does not
	// read.
	ErrVersion = errors.New("unsupported format version")
	// ErrTruncated: the input ends before the length its header gives.
	ErrTruncated = errors.New("truncated")
	// ErrChecksum: the SHA-256 checksum at the end of the file does not
	// match its content.
	ErrChecksum = errors.New("checksum mismatch")
)

// errStop ends a walk early; it never leaves the package.
var errStop = errors.New("stop")

// FormatError reports a batch or file that does not follow the format:
// where the problem is, and what it is.
type FormatError struct {
	// Section is the part of the file: "header", "sections" (the section
	// table), "messages", "relocs", "sources", "meta" or "checksum".
	Section string
	// Offset is the byte offset of the faulty item from the start of the
	// file. For a Batch being verified, it is the offset Write would give
	// the item (the format has one layout for a given batch). Renumber's
	// errors count from the start of its buffer instead.
	Offset int64
	// Message is the index of the message concerned, from 0 as in
	// Reloc.Message, or -1 if none.
	Message int
	// Err says what is wrong; it may wrap ErrMagic, ErrVersion,
	// ErrTruncated or ErrChecksum.
	Err error
}

// Error returns "nlb: SECTION at byte OFFSET: [message N: ]what".
func (e *FormatError) Error() string {
	if e.Message >= 0 {
		return fmt.Sprintf("nlb: %s at byte %d: message %d: %v", e.Section, e.Offset, e.Message, e.Err)
	}
	return fmt.Sprintf("nlb: %s at byte %d: %v", e.Section, e.Offset, e.Err)
}

// Unwrap returns Err.
func (e *FormatError) Unwrap() error { return e.Err }

// formatErr builds a *FormatError.
func formatErr(section string, off int64, msg int, format string, args ...any) *FormatError {
	return &FormatError{Section: section, Offset: off, Message: msg, Err: fmt.Errorf(format, args...)}
}
