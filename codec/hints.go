package codec

import (
	"strconv"
	"sync"
)

// displayHints says how to print values whose plain numbers read poorly.
// They are data kept apart from the tables so that one list covers every
// family: interface indexes print with interface names, tc handles as
// major:minor, marks and masks in hex.
var displayHints = map[string]Display{
	// Interface indexes.
	"ifi_index": DisplayOwnIfindex, "ifa_index": DisplayIfindex, "ndm_ifindex": DisplayIfindex,
	"tcm_ifindex": DisplayIfindex, "rtnh_ifindex": DisplayIfindex, "ifindex": DisplayIfindex,
	"IFLA_LINK": DisplayIfindex, "IFLA_MASTER": DisplayIfindex, "IFLA_VXLAN_LINK": DisplayIfindex,
	"IFLA_GRE_LINK": DisplayIfindex, "IFLA_IPTUN_LINK": DisplayIfindex, "IFLA_VTI_LINK": DisplayIfindex,
	"IFLA_XFRM_LINK": DisplayIfindex, "IFLA_BOND_ACTIVE_SLAVE": DisplayIfindex, "IFLA_BOND_PRIMARY": DisplayIfindex,
	"RTA_OIF": DisplayIfindex, "RTA_IIF": DisplayIfindex, "NHA_OIF": DisplayIfindex,
	"NDA_IFINDEX": DisplayIfindex, "NDA_MASTER": DisplayIfindex, "NETCONFA_IFINDEX": DisplayIfindex,
	"SEG6_LOCAL_IIF": DisplayIfindex, "SEG6_LOCAL_OIF": DisplayIfindex,
	"IFLA_BRPORT_BACKUP_PORT": DisplayIfindex, "IFLA_HSR_SLAVE1": DisplayIfindex, "IFLA_HSR_SLAVE2": DisplayIfindex,

	// Traffic control handles and class ids.
	"tcm_handle": DisplayHandle, "tcm_parent": DisplayHandle,
	"TCA_U32_CLASSID": DisplayHandle, "TCA_U32_HASH": DisplayHandle, "TCA_U32_LINK": DisplayHandle,
	"TCA_RSVP_CLASSID": DisplayHandle, "TCA_ROUTE4_CLASSID": DisplayHandle, "TCA_FW_CLASSID": DisplayHandle,
	"TCA_TCINDEX_CLASSID": DisplayHandle, "TCA_BASIC_CLASSID": DisplayHandle, "TCA_BPF_CLASSID": DisplayHandle,
	"TCA_FLOWER_CLASSID": DisplayHandle, "TCA_MATCHALL_CLASSID": DisplayHandle, "TCA_FLOW_BASECLASS": DisplayHandle,

	// Marks and masks.
	"FRA_FWMARK": DisplayHex, "FRA_FWMASK": DisplayHex, "RTA_MARK": DisplayHex, "TCA_FW_MASK": DisplayHex,
	"TCA_SKBEDIT_MARK": DisplayHex, "TCA_SKBEDIT_MASK": DisplayHex,
}

var hintsOnce sync.Once

// applyHints sets Display on every definition named in displayHints. It
// runs once, after every table's init has registered its messages.
func applyHints() {
	hintsOnce.Do(func() {
		walkSchema(func(a *Attr) {
			if h, ok := displayHints[a.Name]; ok {
				a.Display = h
			}
			if a.Name != "" {
				a.jsonHead = `{"name":"` + a.Name + `","type":` + strconv.Itoa(int(a.Num))
			}
		}, func(f *Field) {
			if h, ok := displayHints[f.Name]; ok {
				f.Display = h
			}
			f.jsonKey = `"` + f.Name + `":`
		})
	})
}

// walkSchema calls onAttr for every attribute definition and onField for
// every struct field reachable from the registered protocols, generic
// families and the extended-ack set, each once.
func walkSchema(onAttr func(*Attr), onField func(*Field)) {
	seenSets := map[*AttrSet]bool{}
	seenStructs := map[*StructDef]bool{}
	var visitSet func(*AttrSet)
	var visitStruct func(*StructDef)
	var visitAttr func(*Attr)
	visitField := func(f *Field) {
		onField(f)
		if f.Struct != nil {
			visitStruct(f.Struct)
		}
	}
	visitStruct = func(st *StructDef) {
		if st == nil || seenStructs[st] {
			return
		}
		seenStructs[st] = true
		for i := range st.Fields {
			visitField(&st.Fields[i])
		}
		if st.Trailing != nil {
			visitField(st.Trailing)
		}
	}
	visitAttr = func(a *Attr) {
		if a == nil {
			return
		}
		onAttr(a)
		visitSet(a.Set)
		visitStruct(a.Struct)
		if a.Select != nil {
			for _, c := range a.Select.ByString {
				visitAttr(c)
			}
			for _, c := range a.Select.ByInt {
				visitAttr(c)
			}
		}
	}
	visitSet = func(s *AttrSet) {
		if s == nil || seenSets[s] {
			return
		}
		seenSets[s] = true
		for _, a := range s.Attrs {
			visitAttr(a)
		}
		visitAttr(s.Default)
	}
	protocolsMu.Lock()
	for _, p := range protocols {
		for _, m := range p.Messages {
			visitStruct(m.Header)
			visitSet(m.Attrs)
		}
	}
	protocolsMu.Unlock()
	genlMu.RLock()
	for _, f := range genlFamilies {
		visitSet(f.Attrs)
	}
	genlMu.RUnlock()
	visitSet(errAttrs)
}

// WalkNames calls ok for every message, attribute, field, enum and flag
// name of the schema and returns the names for which it returned false.
// Tests use it to check properties of the whole schema.
func WalkNames(ok func(string) bool) []string {
	var bad []string
	check := func(s string) {
		if s != "" && !ok(s) {
			bad = append(bad, s)
		}
	}
	checkEnum := func(e *Enum) {
		if e != nil {
			for _, n := range e.names {
				check(n)
			}
		}
	}
	walkSchema(func(a *Attr) {
		check(a.Name)
		checkEnum(a.Enum)
		checkEnum(a.Flags)
		checkEnum(a.Index)
	}, func(f *Field) {
		check(f.Name)
		checkEnum(f.Enum)
		checkEnum(f.Flags)
	})
	protocolsMu.Lock()
	for _, p := range protocols {
		for _, m := range p.Messages {
			check(m.Name)
		}
	}
	protocolsMu.Unlock()
	genlMu.RLock()
	for _, f := range genlFamilies {
		checkEnum(f.Commands)
	}
	genlMu.RUnlock()
	return bad
}

// display returns the printing hint of a node.
func (n *Node) display() Display {
	if n.Def != nil && n.Def.Display != DisplayPlain {
		return n.Def.Display
	}
	if n.Field != nil {
		return n.Field.Display
	}
	return DisplayPlain
}
