package replay

import (
	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// Restoring tc objects: an atomic rollback puts back a deleted qdisc,
// class or filter by sending its dump back as a request. The kernel
// takes most dumps back as they are; the exceptions are rows here.

// tcFix is a spot where a tc object's dump and the request that makes
// it again spell a value differently: the u32 at attribute path (under
// TCA_OPTIONS) of objects of kind, in messages of class objKind, gets
// clear bits cleared and, when it equals from, becomes to.
type tcFix struct {
	class    objKind
	kind     string
	path     []uint16
	clear    uint32
	from, to uint32
}

// tcClsFlagsStatus are TCA_CLS_FLAGS_IN_HW and TCA_CLS_FLAGS_NOT_IN_HW:
// where a filter is, reported in dumps and refused in requests
// ("Invalid filter flags").
const tcClsFlagsStatus = 1<<2 | 1<<3

var tcFixes = []tcFix{
	// htb reports its version (TCA_HTB_INIT's first field) as 0x30011
	// (HTB_VER) and wants 3 (HTB_VER >> 16) back.
	{class: kindQdisc, kind: "htb", path: []uint16{2 /* TCA_HTB_INIT */}, from: 0x30011, to: 3},
	{class: kindFilter, kind: "u32", path: []uint16{11 /* TCA_U32_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "flower", path: []uint16{22 /* TCA_FLOWER_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "matchall", path: []uint16{3 /* TCA_MATCHALL_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "bpf", path: []uint16{9 /* TCA_BPF_FLAGS_GEN */}, clear: tcClsFlagsStatus},
}

// tcRequest applies tcFixes to a tc object rebuilt as a request.
func tcRequest(o *object, msg []byte) []byte {
	fixed := codec.HeaderLen + fixedLen[o.kind]
	kind, _ := attrString(msg[fixed:], unix.TCA_KIND)
	for _, f := range tcFixes {
		if f.class != o.kind || f.kind != kind {
			continue
		}
		a := findAttr(msg[fixed:], unix.TCA_OPTIONS)
		for _, t := range f.path {
			if a == nil {
				break
			}
			a = findAttr(a[4:], t)
		}
		if len(a) < 8 {
			continue
		}
		v := native.Uint32(a[4:]) &^ f.clear // the first u32 of the payload
		if f.from != 0 && v == f.from {
			v = f.to
		}
		native.PutUint32(a[4:], v)
	}
	return msg
}
