package replay

import (
	"fmt"
	"math"
	"sort"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// rtextFilterSkipStats is RTEXT_FILTER_SKIP_STATS: link dumps without
// the counters, which resolution does not need.
const rtextFilterSkipStats = 1 << 3

// linkTable is the target's interfaces, from one RTM_GETLINK dump.
type linkTable struct {
	byName map[string]uint32
	used   map[uint32]bool
	max    uint32
}

// dumpLinks reads the target's interface names and indexes.
func dumpLinks(c *conn) (*linkTable, error) {
	t := &linkTable{byName: map[string]uint32{}, used: map[uint32]bool{}}
	body := make([]byte, 16, 24) // ifinfomsg, AF_UNSPEC
	body = native.AppendUint16(body, 8)
	body = native.AppendUint16(body, unix.IFLA_EXT_MASK)
	body = native.AppendUint32(body, rtextFilterSkipStats)
	err := c.dump(unix.RTM_GETLINK, body, func(h codec.Header, m []byte) error {
		if h.Type != unix.RTM_NEWLINK || len(m) < codec.HeaderLen+16 {
			return nil
		}
		idx := native.Uint32(m[codec.HeaderLen+4:])
		t.used[idx] = true
		t.max = max(t.max, idx)
		if name, ok := attrString(m[codec.HeaderLen+16:], unix.IFLA_IFNAME); ok {
			t.byName[name] = idx
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the target's interfaces: %w", err)
	}
	return t, nil
}

// attrString returns the NUL-terminated string attribute typ among the
// attributes b.
func attrString(b []byte, typ uint16) (string, bool) {
	for len(b) >= 4 {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			return "", false
		}
		if native.Uint16(b[2:])&0x3fff == typ {
			v := b[4:l]
			for i, c := range v {
				if c == 0 {
					v = v[:i]
					break
				}
			}
			return string(v), true
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	return "", false
}

// Resolution is how a batch's relocations were resolved on the target.
type Resolution struct {
	// Existing maps the interface names the batch refers to that already
	// exist on the target to their indexes.
	Existing map[string]uint32 `json:"existing"`
	// Created maps the interfaces the batch creates to the indexes
	// chosen for them and written into their RTM_NEWLINK. It is empty
	// when no message refers to a link the batch creates: those batches
	// go out as compiled.
	Created map[string]uint32 `json:"created"`
	// values holds the index written for each of the batch's
	// relocations (0 where none was), for reports.
	values []uint32
}

// resolve patches every relocation of b into msgs (a copy of b's
// messages) from the target's link table. Relocations are resolved in
// message order: a name refers to the target's interface until the
// batch creates an interface of that name, and to the created one
// after; an interface the batch renames is known by its new name
// after the rename.
func resolve(b *nlb.Batch, msgs []byte, offsets []int, links *linkTable) (*Resolution, error) {
	res := &Resolution{Existing: map[string]uint32{}, Created: map[string]uint32{}, values: make([]uint32, len(b.Relocs))}
	names := make(map[string]uint32, len(links.byName))
	for k, v := range links.byName {
		names[k] = v
	}
	// When a later message refers to a link the batch creates, every
	// link the batch creates gets its index now, in creation order:
	// the kernel picks the next free index for an unnumbered link (a
	// veth registers its peer first), and would otherwise take one of
	// the indexes chosen here.
	created := map[string]uint32{} // symbol -> first message creating it
	for _, r := range b.Relocs {
		if _, seen := created[r.Symbol]; r.Kind == nlb.RelocNewIfindex && !seen {
			created[r.Symbol] = r.Message
		}
	}
	numberNew := false
	if len(created) > 0 {
		for _, r := range b.Relocs {
			if m, ok := created[r.Symbol]; ok && r.Kind == nlb.RelocIfindex && r.Message > m {
				numberNew = true
				break
			}
		}
	}
	// Links the batch creates with indexes of their own are not free.
	for _, off := range offsets {
		h, _ := codec.ParseHeader(msgs[off:], native)
		if h.Type == unix.RTM_NEWLINK && h.Flags&codec.FlagCreate != 0 && h.Len >= codec.HeaderLen+16 {
			if idx := native.Uint32(msgs[off+codec.HeaderLen+4:]); idx != 0 {
				links.used[idx] = true
			}
		}
	}
	next := links.max
	fresh := func() (uint32, error) {
		for {
			if next == math.MaxInt32 {
				return 0, fmt.Errorf("no free interface index left")
			}
			next++
			if !links.used[next] {
				links.used[next] = true
				return next, nil
			}
		}
	}
	// names changes only with links; gen counts its changes, so that a
	// run of relocations of one name looks it up once.
	gen, lastGen, lastSym, lastIdx := 0, -1, "", uint32(0)
	ri := 0
	for i := range offsets {
		msg := msgs[offsets[i]:]
		var renamedFrom string
		var renamedIdx uint32
		for ; ri < len(b.Relocs) && int(b.Relocs[ri].Message) == i; ri++ {
			r := &b.Relocs[ri]
			var v uint32
			switch r.Kind {
			case nlb.RelocNewIfindex:
				if !numberNew {
					continue // nobody refers to a created link: sent as compiled
				}
				if _, exists := names[r.Symbol]; exists {
					// The target has it: the kernel finds it by name and
					// changes it (or refuses with NLM_F_EXCL); a fresh
					// index would make it create a second one.
					continue
				}
				idx, err := fresh()
				if err != nil {
					return nil, relocErr(b, r, err)
				}
				names[r.Symbol] = idx
				gen++
				res.Created[r.Symbol] = idx
				v = idx
			case nlb.RelocIfindex:
				if r.Symbol == lastSym && gen == lastGen {
					v = lastIdx // a run of messages on one interface
					break
				}
				idx, ok := names[r.Symbol]
				if !ok {
					return nil, relocErr(b, r, fmt.Errorf("interface %q does not exist on the target%s", r.Symbol, codec.Suggest(r.Symbol, keys(names))))
				}
				if _, created := res.Created[r.Symbol]; !created {
					res.Existing[r.Symbol] = idx
				}
				v = idx
				lastSym, lastIdx, lastGen = r.Symbol, idx, gen
				if r.Offset == codec.HeaderLen+4 {
					renamedFrom, renamedIdx = r.Symbol, idx
				}
			}
			res.values[ri] = v
			if err := patch(msg[r.Offset:], r.Width, v); err != nil {
				return nil, relocErr(b, r, err)
			}
		}
		if trackNames(msg, renamedFrom, renamedIdx, names) {
			gen++
		}
	}
	return res, nil
}

// trackNames follows what a message does to the names of interfaces:
// an RTM_NEWLINK or RTM_SETLINK that gives the interface at ifi_index (a
// relocation of oldName) a new IFLA_IFNAME renames it; an RTM_DELLINK
// removes a name; an RTM_NEWLINK that creates a link with an index of
// its own (not a relocation) defines its name.
func trackNames(msg []byte, oldName string, idx uint32, names map[string]uint32) (changed bool) {
	h, _ := codec.ParseHeader(msg, native)
	if (h.Type != unix.RTM_NEWLINK && h.Type != unix.RTM_SETLINK && h.Type != unix.RTM_DELLINK) || h.Len < codec.HeaderLen+16 {
		return false
	}
	if msg[codec.HeaderLen] == unix.AF_BRIDGE {
		// Bridge port settings and VLANs (bridge link, bridge vlan add
		// and del): the interface itself stays.
		return false
	}
	name, hasName := attrString(msg[codec.HeaderLen+16:h.Len], unix.IFLA_IFNAME)
	switch {
	case h.Type == unix.RTM_DELLINK:
		if oldName != "" {
			delete(names, oldName)
		} else if hasName {
			delete(names, name)
		}
		return true
	case (h.Type == unix.RTM_NEWLINK || h.Type == unix.RTM_SETLINK) && h.Flags&codec.FlagCreate == 0:
		if oldName != "" && hasName && name != oldName && name != "" {
			delete(names, oldName)
			names[name] = idx
			return true
		}
	case h.Type == unix.RTM_NEWLINK:
		own := native.Uint32(msg[codec.HeaderLen+4:])
		if _, exists := names[name]; hasName && own != 0 && !exists {
			names[name] = own
			return true
		}
	}
	return false
}

func keys(m map[string]uint32) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// patch writes v, host order, into the first width bytes of b.
func patch(b []byte, width uint8, v uint32) error {
	switch width {
	case 1:
		if v > math.MaxUint8 {
			return fmt.Errorf("interface index %d does not fit the 1-byte field", v)
		}
		b[0] = byte(v)
	case 2:
		if v > math.MaxUint16 {
			return fmt.Errorf("interface index %d does not fit the 2-byte field", v)
		}
		native.PutUint16(b, uint16(v))
	case 4:
		native.PutUint32(b, v)
	case 8:
		native.PutUint64(b, uint64(v))
	default:
		return fmt.Errorf("relocation width %d", width)
	}
	return nil
}

func relocErr(b *nlb.Batch, r *nlb.Reloc, err error) error {
	return &Error{Stage: "resolve", Message: int(r.Message), Source: sourceOf(b, int(r.Message)), Err: err}
}

// Resolve resolves a batch's relocations against a list of a target's
// interfaces (name to index, as a link dump of the target gives them),
// without a target: it returns the messages exactly as Replay would
// resolve them there, before it places NLM_F_ACK. It runs the same
// checks as Replay (verification and the options' policy) and fails in
// the same ways. Conformance tests use it with recorded link tables.
func Resolve(b *nlb.Batch, links map[string]uint32, opts Options) ([]byte, *Resolution, error) {
	p, err := prepare(b, &opts)
	if err != nil {
		return nil, nil, err
	}
	t := &linkTable{byName: map[string]uint32{}, used: map[uint32]bool{}}
	for name, idx := range links {
		t.byName[name] = idx
		t.used[idx] = true
		t.max = max(t.max, idx)
	}
	res, err := resolve(b, p.msgs, p.offsets, t)
	if err != nil {
		return nil, nil, err
	}
	return p.msgs, res, nil
}
