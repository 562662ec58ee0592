package replay

import (
	"errors"
	"fmt"

	"github.com/nlbatch/nlbatch/nlb"
)

// ErrRefused is wrapped by the errors of batches that the replayer
// refuses by policy or verification: nothing of them was sent.
var ErrRefused = errors.New("refused")

// Error is a replay that stopped before sending anything, or that could
// not go on: which stage, which message, where it came from, and why.
type Error struct {
	// Stage is "verify" (the batch is malformed), "policy" (a message
	// the options refuse), "target" (the namespace or socket), "resolve"
	// (an interface name the target lacks), "send" or "snapshot".
	Stage string
	// Message is the index of the message concerned, from 0, or -1.
	Message int
	// Source is where the message came from, when the batch says.
	Source *nlb.Source
	Err    error
}

// Error returns "[file:line: ]message N: what" or "what" with the stage.
func (e *Error) Error() string {
	where := ""
	if e.Source != nil && e.Source.File != "" {
		where = sourcePos(e.Source) + ": "
	}
	if e.Message >= 0 {
		return fmt.Sprintf("replay %s: %smessage %d: %v", e.Stage, where, e.Message, e.Err)
	}
	return fmt.Sprintf("replay %s: %v", e.Stage, e.Err)
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// sourceOf returns message i's source record, or nil.
func sourceOf(b *nlb.Batch, i int) *nlb.Source {
	if i < 0 || i >= len(b.Sources) {
		return nil
	}
	return &b.Sources[i]
}

// sourcePos formats file:line[:col].
func sourcePos(s *nlb.Source) string {
	switch {
	case s.Line == 0:
		return s.File
	case s.Col == 0:
		return fmt.Sprintf("%s:%d", s.File, s.Line)
	}
	return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Col)
}
