package replay

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// Summary is the result in one line without its source: "message 3:
// ENETUNREACH: Nexthop has invalid gateway (RTA_GATEWAY)".
func (r *Result) Summary() string {
	return fmt.Sprintf("message %d: %s", r.Index, r.problem())
}

// problem is what went wrong: "ERRNO: text (ATTR)".
func (r *Result) problem() string {
	var s strings.Builder
	switch {
	case r.Errno != 0:
		s.WriteString(errnoName(r.Errno))
		if r.ExtAck == "" {
			fmt.Fprintf(&s, " (%v)", r.Errno)
		}
	case r.Outcome == Applied && r.ExtAck != "" && !r.Settled:
		s.WriteString("warning")
	default:
		s.WriteString(r.Outcome.String())
	}
	if r.ExtAck != "" {
		s.WriteString(": ")
		s.WriteString(r.ExtAck)
	}
	switch {
	case r.Attr != "":
		fmt.Fprintf(&s, " (%s)", r.Attr)
	case r.Offset >= 0:
		fmt.Fprintf(&s, " (offset %d)", r.Offset)
	}
	if r.MissingAttr != "" {
		fmt.Fprintf(&s, " (missing %s)", r.MissingAttr)
	}
	if r.Settled {
		s.WriteString(" [settled by dump]")
	}
	if r.Replies > 0 {
		fmt.Fprintf(&s, " [%d replies]", r.Replies)
	}
	return s.String()
}

// Line is the result as people read it: where the message came from,
// what it asks, and what went wrong:
//
//	routes.json:17: route add 10.1.0.0/16 via 10.77.0.2: ENETUNREACH: Nexthop has invalid gateway (RTA_GATEWAY)
//
// Without a source map, the message's index and the codec's summary of
// it stand in.
func (r *Report) Line(b *nlb.Batch, res *Result) string {
	if src := sourceOf(b, res.Index); src != nil && src.File != "" {
		text := strings.TrimSpace(src.Text)
		if text == "" {
			return fmt.Sprintf("%s: %s", sourcePos(src), res.problem())
		}
		return fmt.Sprintf("%s: %s: %s", sourcePos(src), oneLine(text), res.problem())
	}
	return fmt.Sprintf("message %d (%s): %s", res.Index, r.messageSummary(b, res.Index), res.problem())
}

// oneLine shortens a source excerpt to its first line.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	s = strings.TrimSuffix(s, ",") // an element of a JSON list
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// messageSummary is the codec's one-line form of message i, interface
// indexes named as resolved.
func (r *Report) messageSummary(b *nlb.Batch, i int) string {
	msg := b.MessageAt(i)
	if msg == nil {
		return "?"
	}
	if r.Resolution != nil && len(r.Resolution.values) == len(b.Relocs) {
		msg = append([]byte(nil), msg...)
		for j, rl := range b.Relocs {
			if int(rl.Message) == i && r.Resolution.values[j] != 0 {
				patchOrder(msg[rl.Offset:], rl.Width, r.Resolution.values[j], byteOrder(b.BigEndian))
			}
		}
	}
	m, err := codec.Decode(b.Protocol, byteOrder(b.BigEndian), msg)
	if err != nil {
		return "undecodable"
	}
	if r.Resolution != nil {
		m.Links = map[uint32]string{}
		for n, idx := range r.Resolution.Existing {
			m.Links[idx] = n
		}
		for n, idx := range r.Resolution.Created {
			m.Links[idx] = n
		}
	}
	return strings.TrimSpace(string(codec.AppendSummary(nil, m)))
}

// Tally is the one-line summary: "replayed 1000 messages in 2 sendmsg
// (12ms): 999 applied, 1 failed".
func (r *Report) Tally() string {
	n := len(r.Outcomes)
	if r.DryRun {
		return fmt.Sprintf("dry run: %d messages resolved and validated against the target, %d sendmsg planned, nothing sent", n, r.Sendmsgs)
	}
	parts := []string{fmt.Sprintf("%d applied", r.Applied)}
	add := func(c int, what string) {
		if c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, what))
		}
	}
	add(r.Failed, "failed")
	add(r.Unknown, "unknown")
	add(r.RolledBack, "rolled back")
	add(r.NotSent, "not sent")
	s := fmt.Sprintf("replayed %d messages in %d sendmsg (%v): %s", n, r.Sendmsgs, r.Duration.Round(time.Microsecond), strings.Join(parts, ", "))
	if r.Overflows > 0 {
		s += fmt.Sprintf("; %d receive-buffer overflows, outcomes settled by dump", r.Overflows)
	}
	if r.Interrupted {
		s += "; interrupted"
	}
	return s
}

// WriteText writes the report for people: a line per failed, unknown or
// settled message (and per warning), the rollback's account, and the
// tally.
func (r *Report) WriteText(w io.Writer, b *nlb.Batch) error {
	var sb strings.Builder
	for _, warn := range r.Warnings {
		fmt.Fprintf(&sb, "warning: %s\n", warn)
	}
	for i := range r.Results {
		res := &r.Results[i]
		if res.Outcome == Applied && res.ExtAck == "" && !res.Settled {
			continue // a GET's reply count: only in JSON
		}
		sb.WriteString(r.Line(b, res))
		sb.WriteByte('\n')
	}
	if rb := r.Rollback; rb != nil {
		if rb.Restored {
			fmt.Fprintf(&sb, "rolled back: the target is as before the replay (%d undo messages, %d rounds, checked by dump)\n", rb.Sent, rb.Rounds)
		} else {
			fmt.Fprintf(&sb, "rollback incomplete: %d undo messages in %d rounds; the target still differs from before the replay:\n", rb.Sent, rb.Rounds)
			for _, u := range rb.Unrestored {
				fmt.Fprintf(&sb, "  %s\n", u)
			}
		}
		for _, f := range rb.Refused {
			fmt.Fprintf(&sb, "  %s\n", f)
		}
	}
	sb.WriteString(r.Tally())
	sb.WriteByte('\n')
	_, err := io.WriteString(w, sb.String())
	return err
}

// jsonReport is the --report json form; docs/replay.md describes it.
type jsonReport struct {
	Messages    int           `json:"messages"`
	Applied     int           `json:"applied"`
	Failed      int           `json:"failed"`
	Unknown     int           `json:"unknown"`
	NotSent     int           `json:"not_sent"`
	RolledBack  int           `json:"rolled_back"`
	Sendmsgs    int           `json:"sendmsg"`
	Bytes       int64         `json:"bytes"`
	Overflows   int           `json:"overflows"`
	DurationNS  int64         `json:"duration_ns"`
	DryRun      bool          `json:"dry_run"`
	Interrupted bool          `json:"interrupted"`
	Resolved    *Resolution   `json:"resolved,omitempty"`
	Results     []jsonResult  `json:"results"`
	Rollback    *jsonRollback `json:"rollback,omitempty"`
	Warnings    []string      `json:"warnings,omitempty"`
}

type jsonResult struct {
	Index       int         `json:"index"`
	Seq         int         `json:"seq"`
	Outcome     string      `json:"outcome"`
	Error       int         `json:"error,omitempty"`
	Errno       string      `json:"errno,omitempty"`
	ExtAck      string      `json:"ext_ack,omitempty"`
	Offset      *int        `json:"offset,omitempty"`
	Attr        string      `json:"attr,omitempty"`
	MissingAttr string      `json:"missing_attr,omitempty"`
	Settled     bool        `json:"settled,omitempty"`
	Replies     int         `json:"replies,omitempty"`
	Source      *jsonSource `json:"source,omitempty"`
	Summary     string      `json:"summary"`
	Line        string      `json:"line"`
}

type jsonRollback struct {
	Restored   bool     `json:"restored"`
	Rounds     int      `json:"rounds"`
	Sent       int      `json:"sent"`
	Refused    []string `json:"refused"`
	Unrestored []string `json:"unrestored"`
}

// WriteJSON writes the report as one JSON object: counts, how names
// resolved, a record for every message that did not simply apply
// (messages without a record applied), and the rollback's account.
func (r *Report) WriteJSON(w io.Writer, b *nlb.Batch) error {
	j := jsonReport{
		Messages: len(r.Outcomes), Applied: r.Applied, Failed: r.Failed, Unknown: r.Unknown,
		NotSent: r.NotSent, RolledBack: r.RolledBack, Sendmsgs: r.Sendmsgs, Bytes: r.Bytes,
		Overflows: r.Overflows, DurationNS: int64(r.Duration), DryRun: r.DryRun,
		Interrupted: r.Interrupted, Resolved: r.Resolution, Results: []jsonResult{}, Warnings: r.Warnings,
	}
	for i := range r.Results {
		res := &r.Results[i]
		jr := jsonResult{
			Index: res.Index, Seq: res.Index + 1, Outcome: r.Outcomes[res.Index].String(),
			ExtAck: res.ExtAck, Attr: res.Attr, MissingAttr: res.MissingAttr,
			Settled: res.Settled, Replies: res.Replies, Source: toJSONSource(sourceOf(b, res.Index)),
			Summary: r.messageSummary(b, res.Index), Line: r.Line(b, res),
		}
		if res.Errno != 0 {
			jr.Error, jr.Errno = -int(res.Errno), errnoName(res.Errno)
		}
		if res.Offset >= 0 {
			off := res.Offset
			jr.Offset = &off
		}
		j.Results = append(j.Results, jr)
	}
	if rb := r.Rollback; rb != nil {
		j.Rollback = &jsonRollback{Restored: rb.Restored, Rounds: rb.Rounds, Sent: rb.Sent, Refused: nonNil(rb.Refused), Unrestored: nonNil(rb.Unrestored)}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type jsonSource struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Text string `json:"text,omitempty"`
}

func toJSONSource(s *nlb.Source) *jsonSource {
	if s == nil {
		return nil
	}
	return &jsonSource{File: s.File, Line: s.Line, Col: s.Col, Text: s.Text}
}

// patchOrder writes v into the first width bytes of b in order.
func patchOrder(b []byte, width uint8, v uint32, order binary.ByteOrder) {
	switch width {
	case 1:
		b[0] = byte(v)
	case 2:
		order.PutUint16(b, uint16(v))
	case 4:
		order.PutUint32(b, v)
	case 8:
		order.PutUint64(b, uint64(v))
	}
}
