package replay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// Options say where and how a batch is replayed. The zero value replays
// into the caller's network namespace, best effort, with every message
// type allowed but dumps.
type Options struct {
	// NetNS is the target network namespace: a name in /run/netns
	// ("ip netns add NAME"), or a path with a slash such as
	// /proc/PID/ns/net. Empty means the caller's namespace.
	NetNS string
	// Atomic makes the replay all-or-nothing: the objects the batch
	// touches are dumped first, and if any message fails the target is
	// put back as it was, then checked by dumping again.
	Atomic bool
	// DryRun resolves and validates against the target and sends
	// nothing. With EmitRaw it writes the exact bytes that would have
	// been sent.
	DryRun bool
	// EmitRaw, when set, receives every byte sent (or, in a dry run,
	// that would have been sent): the messages with relocations patched
	// and NLM_F_ACK where the replayer puts it, in sending order.
	EmitRaw io.Writer
	// AllowDumps permits dump requests (GET with NLM_F_DUMP) in the
	// batch; each goes out alone and its replies are counted.
	AllowDumps bool
	// Allow, when not empty, lists the object kinds ("link", "addr",
	// "route", "rule", "neigh", "nexthop", "qdisc", "tclass" or "class",
	// "tfilter" or "filter"...) or message type names ("RTM_NEWROUTE")
	// the batch may hold; any other message type refuses the batch.
	Allow []string
	// MaxSendmsg bounds the bytes of one sendmsg (default 1 MiB). A
	// batch that fits goes out in one call.
	MaxSendmsg int
	// Timeout bounds each wait for the kernel (default 30 s).
	Timeout time.Duration
	// Progress, when set, is called after each sendmsg with the number
	// of messages whose outcome is known and the total.
	Progress func(done, total int)

	// ackCharge overrides the receive-buffer budget per message (tests
	// use it to provoke overflows).
	ackCharge int
	// rcvbuf overrides the receive buffer size (tests).
	rcvbuf int
}

// DefaultMaxSendmsg is the default bound on the bytes of one sendmsg.
// Larger calls are no faster (the kernel's per-message work dominates)
// and need a larger receive buffer in the worst case.
const DefaultMaxSendmsg = 1 << 20

// ackCharge is what one error acknowledgement costs against the
// receive buffer in the worst case: the kernel charges a datagram's
// true size (buffer and bookkeeping), about 0.8-1.3 KiB for a capped
// error with extended-ack text. The replayer sizes the receive buffer
// so that every message of a sendmsg can fail without an ack lost.
const ackCharge = 2048

// Outcome is what became of one message.
type Outcome uint8

const (
	// NotSent: the message was not sent (a dry run, an atomic replay
	// that stopped at an earlier failure, or a cancelled replay).
	NotSent Outcome = iota
	// Applied: the kernel processed the message without error.
	Applied
	// Failed: the kernel returned an error for the message.
	Failed
	// Unknown: the message was sent but its outcome was lost (the
	// receive buffer overflowed) and no dump could settle it.
	Unknown
	// RolledBack: the message was applied, then undone by an atomic
	// replay.
	RolledBack
)

var outcomeNames = [...]string{"not sent", "applied", "failed", "unknown", "rolled back"}

// String returns "applied", "failed", "unknown", "not sent" or "rolled
// back".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("outcome(%d)", o)
}

// Result is the detailed outcome of one message.
type Result struct {
	Index   int // from 0
	Outcome Outcome
	// Errno is the kernel's error; 0 when the message applied.
	Errno syscall.Errno
	// ExtAck is the kernel's extended-ack text ("Nexthop has invalid
	// gateway"), when it gave one; with Errno 0 it is a warning.
	ExtAck string
	// Offset is the offending attribute's offset in the message, -1
	// when the kernel gave none; Attr names that attribute
	// ("RTA_GATEWAY") and MissingAttr the one the kernel wanted but did
	// not find.
	Offset      int
	Attr        string
	MissingAttr string
	// Settled says the acknowledgement was lost and the outcome was
	// decided by dumping the target afterwards.
	Settled bool
	// Replies counts the messages a GET request was answered with.
	Replies int
}

// Report is the outcome of a replay.
type Report struct {
	// Outcomes holds the outcome of every message, by index.
	Outcomes []Outcome
	// Results details every message that did not simply apply (failed,
	// unknown, settled by dump), every message the kernel warned about
	// and every GET, in message order.
	Results []Result
	// Counts by outcome.
	Applied, Failed, Unknown, NotSent, RolledBack int
	// Sendmsgs is the number of sendmsg calls that carried the batch;
	// Bytes their total size.
	Sendmsgs int
	Bytes    int64
	// Overflows counts receive-buffer overflows (ENOBUFS): each makes
	// the outcomes of its sendmsg's messages unknown until settled.
	Overflows int
	// Duration is the time from the first sendmsg to the last outcome.
	Duration time.Duration
	// Resolution says how interface names were resolved.
	Resolution *Resolution
	// DryRun is true when nothing was sent.
	DryRun bool
	// Rollback describes an atomic replay's undo, when it ran.
	Rollback *Rollback
	// Interrupted is true when the context ended the replay early.
	Interrupted bool
	// Warnings are what an atomic replay could not promise before it
	// sent anything: objects of the target its rollback could not make
	// again if the batch deleted them.
	Warnings []string
}

// OK reports whether every message applied.
func (r *Report) OK() bool { return !r.DryRun && r.Applied == len(r.Outcomes) }

// Replay sends a batch to the target's kernel and reports what became of
// every message. It returns an *Error, and sends nothing, when the
// batch does not verify, breaks the options' policy, or names an
// interface the target lacks. Kernel errors for single messages are not
// errors of Replay: they are in the report.
func Replay(ctx context.Context, b *nlb.Batch, opts Options) (*Report, error) {
	if opts.MaxSendmsg <= 0 {
		opts.MaxSendmsg = DefaultMaxSendmsg
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.ackCharge <= 0 {
		opts.ackCharge = ackCharge
	}
	p, err := prepare(b, &opts)
	if err != nil {
		return nil, err
	}
	c, err := dial(opts.NetNS, opts.Timeout)
	if err != nil {
		return nil, &Error{Stage: "target", Message: -1, Err: err}
	}
	defer c.Close()
	c.seq = uint32(len(p.offsets)) // the replayer's own requests follow the batch's
	r := &replayer{b: b, opts: &opts, p: p, c: c}
	return r.run(ctx)
}

// prepared is a batch checked against the options, in a buffer of its
// own ready to patch.
type prepared struct {
	msgs    []byte // a copy of the batch's messages
	offsets []int  // start of each message in msgs
	types   []uint16
	gets    []bool // GET requests: sent alone
}

// prepare verifies the batch and the policy, and copies its messages.
func prepare(b *nlb.Batch, opts *Options) (*prepared, error) {
	if err := b.Verify(); err != nil {
		return nil, &Error{Stage: "verify", Message: -1, Err: fmt.Errorf("%w: %w", ErrRefused, err)}
	}
	if b.Protocol != unix.NETLINK_ROUTE {
		return nil, &Error{Stage: "policy", Message: -1, Err: fmt.Errorf("%w: the batch is for netlink protocol %d; replay sends NETLINK_ROUTE (0) batches", ErrRefused, b.Protocol)}
	}
	hostBig := native.Uint16([]byte{0, 1}) == 1
	if b.BigEndian != hostBig {
		return nil, &Error{Stage: "policy", Message: -1, Err: fmt.Errorf("%w: the batch is %s; this host is %s", ErrRefused, endian(b.BigEndian), endian(hostBig))}
	}
	var allow map[uint16]bool
	if len(opts.Allow) > 0 {
		var err error
		if allow, err = allowedTypes(opts.Allow); err != nil {
			return nil, &Error{Stage: "policy", Message: -1, Err: err}
		}
	}
	route := codec.LookupProtocol(codec.ProtoRoute)
	p := &prepared{msgs: append([]byte(nil), b.Messages...)}
	if n := len(b.Sources); n > 0 {
		p.offsets, p.types, p.gets = make([]int, 0, n), make([]uint16, 0, n), make([]bool, 0, n)
	}
	for i, off := 0, 0; off < len(b.Messages); i++ {
		// Verified: every message frames.
		msg := b.Messages[off:]
		h, _ := codec.ParseHeader(msg, native)
		def := route.Lookup(h.Type)
		refuse := func(format string, args ...any) error {
			return &Error{Stage: "policy", Message: i, Source: sourceOf(b, i), Err: fmt.Errorf("%w: "+format, append([]any{ErrRefused}, args...)...)}
		}
		if def == nil {
			return nil, refuse("unknown rtnetlink message type %d", h.Type)
		}
		if allow != nil && !allow[h.Type] {
			return nil, refuse("%s is not among the allowed message types (%s)", def.Name, joinAllow(opts.Allow))
		}
		if isDump(def, h.Flags) && !opts.AllowDumps {
			return nil, refuse("%s is a dump request (allow with --allow-dumps)", def.Name)
		}
		p.offsets = append(p.offsets, off)
		p.types = append(p.types, h.Type)
		p.gets = append(p.gets, def.Kind == codec.KindGet)
		off += codec.Align(int(h.Len))
	}
	return p, nil
}

func endian(big bool) string {
	if big {
		return "big-endian"
	}
	return "little-endian"
}

func joinAllow(a []string) string {
	s := ""
	for i, w := range a {
		if i > 0 {
			s += ","
		}
		s += w
	}
	return s
}

// replayer holds one replay's state.
type replayer struct {
	b      *nlb.Batch
	opts   *Options
	p      *prepared
	c      *conn
	report *Report
	chunks []chunk
	snap   *snapshot
}

// chunk is a run of messages sent in one sendmsg: [first, end).
type chunk struct{ first, end int }

func (r *replayer) run(ctx context.Context) (*Report, error) {
	n := len(r.p.offsets)
	r.report = &Report{Outcomes: make([]Outcome, n), DryRun: r.opts.DryRun}
	links, err := dumpLinks(r.c)
	if err != nil {
		return nil, &Error{Stage: "target", Message: -1, Err: err}
	}
	if r.report.Resolution, err = resolve(r.b, r.p.msgs, r.p.offsets, links); err != nil {
		return nil, err
	}
	if err := r.plan(); err != nil {
		return nil, &Error{Stage: "target", Message: -1, Err: err}
	}
	if r.opts.DryRun {
		for _, ch := range r.chunks {
			r.markBarrier(ch)
		}
		if r.opts.EmitRaw != nil {
			if _, err := r.opts.EmitRaw.Write(r.p.msgs); err != nil {
				return nil, fmt.Errorf("writing the raw messages: %w", err)
			}
		}
		r.report.NotSent = n
		r.report.Sendmsgs = len(r.chunks)
		r.report.Bytes = int64(len(r.p.msgs))
		return r.report, nil
	}
	if r.opts.Atomic {
		if r.snap, err = takeSnapshot(r.c, r.p.types); err != nil {
			return nil, &Error{Stage: "snapshot", Message: -1, Err: err}
		}
		r.report.Warnings = atomicWarnings(r.snap.state, r.p.types)
	}
	start := time.Now()
	failed := false
	for ci, ch := range r.chunks {
		if ctx.Err() != nil {
			r.report.Interrupted = true
			break
		}
		if r.opts.Atomic && failed {
			break
		}
		r.markBarrier(ch)
		if r.opts.EmitRaw != nil {
			if _, err := r.opts.EmitRaw.Write(r.p.msgs[r.p.offsets[ch.first]:r.end(ch.end-1)]); err != nil {
				return nil, fmt.Errorf("writing the raw messages: %w", err)
			}
		}
		nf, err := r.sendChunk(ch)
		if err != nil {
			// The chunk's messages may or may not have run.
			for i := ch.first; i < ch.end; i++ {
				if r.report.Outcomes[i] == NotSent {
					r.report.Outcomes[i] = Unknown
				}
			}
			r.count()
			return r.report, &Error{Stage: "send", Message: ch.first, Source: sourceOf(r.b, ch.first), Err: fmt.Errorf("sendmsg %d of %d: %w", ci+1, len(r.chunks), err)}
		}
		failed = failed || nf > 0
		if r.opts.Progress != nil {
			r.opts.Progress(ch.end, n)
		}
	}
	r.report.Duration = time.Since(start)
	if r.hasUnknown() {
		r.settle()
	}
	r.count()
	if r.opts.Atomic && (r.report.Failed > 0 || r.report.Unknown > 0 || r.report.Interrupted) {
		r.report.Rollback = r.rollback()
		r.count()
	}
	return r.report, nil
}

// end returns the end of message i in the buffer (after its padding).
func (r *replayer) end(i int) int {
	if i+1 < len(r.p.offsets) {
		return r.p.offsets[i+1]
	}
	return len(r.p.msgs)
}

// plan splits the batch into sendmsg calls and sizes the socket
// buffers: a chunk holds at most MaxSendmsg bytes, and no more messages
// than the receive buffer can hold errors for; GET requests go alone
// because their replies can be of any size.
func (r *replayer) plan() error {
	maxBytes := min(r.opts.MaxSendmsg, len(r.p.msgs))
	most := 0
	chunks := r.split(maxBytes, 1<<31)
	for _, ch := range chunks {
		most = max(most, ch.end-ch.first)
	}
	rcv := most*r.opts.ackCharge + 1<<16
	if r.opts.rcvbuf > 0 {
		rcv = r.opts.rcvbuf
	}
	// The kernel doubles what is asked and refuses sends longer than
	// the send buffer less 32 bytes.
	if err := r.c.setBuffers(maxBytes/2+1024, rcv/2+1); err != nil {
		return err
	}
	if r.c.sndbuf-32 < maxBytes {
		maxBytes = r.c.sndbuf - 32
	}
	if r.opts.rcvbuf == 0 {
		capacity := max(1, (r.c.rcvbuf-1<<16)/r.opts.ackCharge)
		if capacity < most || maxBytes < min(r.opts.MaxSendmsg, len(r.p.msgs)) {
			chunks = r.split(maxBytes, capacity)
		}
	}
	for _, ch := range chunks {
		if r.end(ch.end-1)-r.p.offsets[ch.first] > r.c.sndbuf-32 {
			return fmt.Errorf("message %d (%d bytes) is larger than the send buffer (%d bytes)", ch.first, r.end(ch.end-1)-r.p.offsets[ch.first], r.c.sndbuf)
		}
	}
	r.chunks = chunks
	return nil
}

// split cuts the batch into chunks of at most maxBytes bytes and
// maxMsgs messages, GET requests alone.
func (r *replayer) split(maxBytes, maxMsgs int) []chunk {
	var out []chunk
	n := len(r.p.offsets)
	for i := 0; i < n; {
		start := i
		if r.p.gets[i] {
			out = append(out, chunk{i, i + 1})
			i++
			continue
		}
		base := r.p.offsets[i]
		for i < n && !r.p.gets[i] && i-start < maxMsgs && (i == start || r.end(i)-base <= maxBytes) {
			i++
		}
		out = append(out, chunk{start, i})
	}
	return out
}

// markBarrier leaves NLM_F_ACK on the last message of a chunk only: its
// acknowledgement says the kernel has processed the whole chunk, and
// errors come back without asking.
func (r *replayer) markBarrier(ch chunk) {
	for i := ch.first; i < ch.end; i++ {
		f := r.p.msgs[r.p.offsets[i]+6:]
		flags := native.Uint16(f)
		if i == ch.end-1 {
			flags |= codec.FlagAck
		} else {
			flags &^= codec.FlagAck
		}
		native.PutUint16(f, flags)
	}
}

// sendChunk sends one chunk and collects its outcomes; it returns how
// many of its messages failed.
func (r *replayer) sendChunk(ch chunk) (int, error) {
	buf := r.p.msgs[r.p.offsets[ch.first]:r.end(ch.end-1)]
	if err := r.c.send(buf); err != nil {
		return 0, err
	}
	r.report.Sendmsgs++
	r.report.Bytes += int64(len(buf))
	last := uint32(ch.end) // the barrier's seq (seq = index + 1)
	isGet := r.p.gets[ch.first]
	overflow, done := false, false
	nfailed := 0
	var replies int
	for !done {
		d, err := r.c.recv()
		if err == unix.ENOBUFS {
			overflow = true
			r.report.Overflows++
			if err := r.drainAfterOverflow(ch, &nfailed); err != nil {
				return nfailed, err
			}
			break
		}
		if err != nil {
			return nfailed, err
		}
		err = walkMessages(d, func(h codec.Header, m []byte) error {
			if h.Seq < uint32(ch.first)+1 || h.Seq > last {
				return nil // not ours: the replayer's own seqs are above the batch's
			}
			i := int(h.Seq) - 1
			switch h.Type {
			case codec.TypeError:
				a, err := parseAck(m, r.c.capped)
				if err != nil {
					return err
				}
				if r.record(i, a) {
					nfailed++
				}
				if h.Seq == last {
					done = true
				}
			case codec.TypeDone:
				if isGet {
					done = true
					if len(m) >= codec.HeaderLen+4 {
						if e := int32(native.Uint32(m[16:])); e < 0 {
							if r.record(i, ack{seq: h.Seq, errno: e}) {
								nfailed++
							}
						}
					}
				}
			default:
				replies++
			}
			return nil
		})
		if err != nil {
			return nfailed, err
		}
	}
	for i := ch.first; i < ch.end; i++ {
		if r.report.Outcomes[i] != NotSent {
			continue
		}
		if overflow {
			r.report.Outcomes[i] = Unknown
			continue
		}
		r.report.Outcomes[i] = Applied
	}
	if isGet {
		r.addResult(Result{Index: ch.first, Outcome: r.report.Outcomes[ch.first], Offset: -1, Replies: replies})
	}
	return nfailed, nil
}

// drainAfterOverflow reads what is left of a chunk's acknowledgements
// after ENOBUFS: first everything queued, without waiting, then a NOOP
// probe whose acknowledgement comes after all of the chunk's (the
// kernel has processed the whole sendmsg by the time it returns).
func (r *replayer) drainAfterOverflow(ch chunk, nfailed *int) error {
	seq := r.c.nextSeq()
	seen := false
	take := func(d []byte) error {
		return walkMessages(d, func(h codec.Header, m []byte) error {
			if h.Seq == seq {
				seen = true
				return nil
			}
			if h.Type != codec.TypeError || h.Seq < uint32(ch.first)+1 || h.Seq > uint32(ch.end) {
				return nil
			}
			a, err := parseAck(m, r.c.capped)
			if err != nil {
				return err
			}
			if r.record(int(h.Seq)-1, a) {
				*nfailed++
			}
			return nil
		})
	}
	for {
		d, err := r.c.tryRecv()
		if err == unix.ENOBUFS {
			r.report.Overflows++
			continue
		}
		if err != nil {
			return err
		}
		if d == nil {
			break
		}
		if err := take(d); err != nil {
			return err
		}
	}
	probe := codec.AppendHeader(nil, native, codec.Header{Len: codec.HeaderLen, Type: codec.TypeNoop, Flags: codec.FlagRequest | codec.FlagAck, Seq: seq})
	if err := r.c.send(probe); err != nil {
		return err
	}
	for !seen {
		d, err := r.c.recv()
		if err == unix.ENOBUFS {
			r.report.Overflows++
			continue
		}
		if err != nil {
			return err
		}
		if err := take(d); err != nil {
			return err
		}
	}
	return nil
}

// record stores an acknowledgement of message i and reports whether it
// is an error.
func (r *replayer) record(i int, a ack) bool {
	if a.errno == 0 {
		if a.msg != "" { // a warning
			r.addResult(r.detail(i, Applied, a))
		}
		r.report.Outcomes[i] = Applied
		return false
	}
	r.report.Outcomes[i] = Failed
	r.addResult(r.detail(i, Failed, a))
	return true
}

// detail builds message i's Result from its acknowledgement, naming the
// attribute at the kernel's offset through the codec.
func (r *replayer) detail(i int, o Outcome, a ack) Result {
	res := Result{Index: i, Outcome: o, Errno: syscall.Errno(-a.errno), ExtAck: a.msg, Offset: -1}
	if a.hasOffs {
		res.Offset = int(a.offset)
	}
	if len(a.tlvs) > 0 {
		res.Attr, res.MissingAttr = nameAttrs(r.message(i), a)
	}
	return res
}

// message returns message i as patched.
func (r *replayer) message(i int) []byte {
	h, _ := codec.ParseHeader(r.p.msgs[r.p.offsets[i]:], native)
	return r.p.msgs[r.p.offsets[i] : r.p.offsets[i]+int(h.Len)]
}

// nameAttrs names the attributes an extended ack points at, by
// rebuilding the uncapped error (the request echoed in full, then the
// TLVs) and decoding it with the codec.
func nameAttrs(req []byte, a ack) (attr, missing string) {
	buf := make([]byte, 0, 20+len(req)+len(a.tlvs)+4)
	total := 20 + codec.Align(len(req)) + len(a.tlvs)
	buf = codec.AppendHeader(buf, native, codec.Header{Len: uint32(total), Type: codec.TypeError, Flags: codec.FlagAckTLVs, Seq: a.seq})
	buf = native.AppendUint32(buf, uint32(a.errno))
	buf = append(buf, req...)
	for len(buf) < 20+codec.Align(len(req)) {
		buf = append(buf, 0)
	}
	buf = append(buf, a.tlvs...)
	m, err := codec.Decode(codec.ProtoRoute, native, buf)
	if err != nil {
		return "", ""
	}
	e, ok := m.ExtAck()
	if !ok {
		return "", ""
	}
	return e.Attr, e.MissAttr
}

func (r *replayer) addResult(res Result) {
	// Results stay in message order: outcomes arrive in order within
	// a chunk, and chunks in order; settling rewrites in place.
	r.report.Results = append(r.report.Results, res)
}

func (r *replayer) hasUnknown() bool {
	for _, o := range r.report.Outcomes {
		if o == Unknown {
			return true
		}
	}
	return false
}

// count recomputes the per-outcome counts.
func (r *replayer) count() {
	rep := r.report
	rep.Applied, rep.Failed, rep.Unknown, rep.NotSent, rep.RolledBack = 0, 0, 0, 0, 0
	for _, o := range rep.Outcomes {
		switch o {
		case Applied:
			rep.Applied++
		case Failed:
			rep.Failed++
		case Unknown:
			rep.Unknown++
		case NotSent:
			rep.NotSent++
		case RolledBack:
			rep.RolledBack++
		}
	}
}

// errUnsettled marks messages a dump could not settle.
var errUnsettled = errors.New("outcome lost: the receive buffer overflowed")
