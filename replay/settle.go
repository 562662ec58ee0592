package replay

import (
	"bytes"
	"sort"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// identity lists, per kind, the header fields and attributes that tell
// one object from another. "table" stands for the effective routing
// table: the TABLE attribute when present, else the header's table.
var identity = [numKinds][]string{
	kindLink:    {"ifi_index", "IFLA_IFNAME"},
	kindAddr:    {"ifa_family", "ifa_prefixlen", "ifa_index", "IFA_LOCAL", "IFA_ADDRESS"},
	kindRoute:   {"rtm_family", "rtm_dst_len", "rtm_tos", "RTA_DST", "table", "RTA_PRIORITY", "RTA_GATEWAY", "RTA_OIF", "RTA_NH_ID"},
	kindRule:    {"family", "dst_len", "src_len", "tos", "action", "table", "FRA_PRIORITY", "FRA_DST", "FRA_SRC", "FRA_FWMARK", "FRA_IIFNAME", "FRA_OIFNAME"},
	kindNeigh:   {"ndm_family", "ndm_ifindex", "NDA_DST", "NDA_VLAN", "NDA_LLADDR"},
	kindNexthop: {"NHA_ID"},
	kindQdisc:   {"tcm_ifindex", "tcm_parent", "tcm_handle", "TCA_KIND"},
	kindClass:   {"tcm_ifindex", "tcm_handle"},
	kindFilter:  {"tcm_ifindex", "tcm_parent", "tcm_handle", "tcm_info", "TCA_KIND"},
}

// zeroIsAny are header fields whose zero in a request lets the kernel
// choose (a new link's index, a qdisc's handle, a filter's priority).
var zeroIsAny = map[string]bool{"ifi_index": true, "tcm_handle": true, "tcm_info": true}

// ident is an object's identifying values; a request leaves out what it
// does not say, and matches any value there.
type ident map[string][]byte

// identOf reads the identifying values of a message of kind k.
func identOf(k objKind, msg []byte, request bool) ident {
	id := ident{}
	m, err := codec.Decode(codec.ProtoRoute, native, msg)
	if err != nil {
		return nil
	}
	want := map[string]bool{}
	for _, n := range identity[k] {
		want[n] = true
	}
	var headerTable []byte
	for i := range m.Nodes {
		n := &m.Nodes[i]
		switch n.Kind {
		case codec.NodeStruct:
			if n.Name == "nlmsghdr" {
				continue
			}
			for j := range n.Children {
				f := &n.Children[j]
				if f.Name == "rtm_table" || (k == kindRule && f.Name == "table") {
					headerTable = f.Data
					continue
				}
				if !want[f.Name] {
					continue
				}
				if request && zeroIsAny[f.Name] && allZero(f.Data) {
					continue
				}
				id[f.Name] = f.Data
			}
		case codec.NodeAttr:
			name := n.Name
			if name == "RTA_TABLE" || name == "FRA_TABLE" {
				id["table"] = u32Bytes(n)
				continue
			}
			if want[name] {
				id[name] = n.Data
			}
		}
	}
	if _, ok := id["table"]; !ok && headerTable != nil {
		t := uint32(headerTable[0])
		if t == 0 && k == kindRoute && request {
			t = unix.RT_TABLE_MAIN
		}
		if t != 0 || !request {
			id["table"] = native.AppendUint32(nil, t)
		}
	}
	if k == kindNeigh {
		if f := id["ndm_family"]; len(f) == 1 && f[0] != unix.AF_BRIDGE {
			delete(id, "NDA_LLADDR") // a neighbour's address is its value, not its name
		}
	}
	if k == kindLink {
		if _, ok := id["ifi_index"]; ok {
			delete(id, "IFLA_IFNAME")
		}
	}
	return id
}

func u32Bytes(n *codec.Node) []byte {
	v, _ := n.Uint()
	return native.AppendUint32(nil, uint32(v))
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// matches reports whether an object has every value the request gives.
func (req ident) matches(obj ident) bool {
	for k, v := range req {
		if !bytes.Equal(obj[k], v) {
			return false
		}
	}
	return true
}

// settle decides the messages whose acknowledgements were lost by
// dumping the target: an add (or create) applied if its object is
// there, a delete if it is gone. Messages that change an object in
// place (RTM_SETLINK, a NEW without NLM_F_CREATE) and GETs stay
// unknown: a dump cannot tell whether they ran.
func (r *replayer) settle() {
	var kinds [numKinds]bool
	for i, o := range r.report.Outcomes {
		if o != Unknown {
			continue
		}
		if k, ok := kindOfType(r.p.types[i]); ok {
			kinds[k] = true
		}
	}
	now, err := dumpState(r.c, kinds)
	if err != nil {
		return
	}
	idents := [numKinds][]ident{}
	for k := range now.objs {
		for _, o := range now.objs[k] {
			idents[k] = append(idents[k], identOf(objKind(k), o.msg, false))
		}
	}
	for i, o := range r.report.Outcomes {
		if o != Unknown {
			continue
		}
		t := r.p.types[i]
		k, ok := kindOfType(t)
		if !ok {
			continue
		}
		msg := r.message(i)
		flags := native.Uint16(msg[6:])
		verb := t & 3
		if verb != 0 && verb != 1 || (verb == 0 && flags&codec.FlagCreate == 0) {
			continue
		}
		req := identOf(k, msg, true)
		if req == nil {
			continue
		}
		present := false
		for _, id := range idents[k] {
			if req.matches(id) {
				present = true
				break
			}
		}
		res := Result{Index: i, Offset: -1, Settled: true, Outcome: Applied}
		switch {
		case verb == 0 && !present:
			res.Outcome, res.ExtAck = Failed, "its acknowledgement was lost, and the object is not on the target"
		case verb == 1 && present:
			res.Outcome, res.ExtAck = Failed, "its acknowledgement was lost, and the object is still on the target"
		}
		r.report.Outcomes[i] = res.Outcome
		r.addResult(res)
	}
	sort.SliceStable(r.report.Results, func(a, b int) bool { return r.report.Results[a].Index < r.report.Results[b].Index })
}
