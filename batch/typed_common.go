package batch

import (
	"fmt"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// mustAttrIn returns the number of an attribute nested in a message's
// attributes: path names the nests from the top, the last element is the
// attribute itself.
func mustAttrIn(msg string, path ...string) uint16 {
	m := codec.LookupProtocol(codec.ProtoRoute).ByName(msg)
	if m == nil {
		panic("batch: schema has no message " + msg)
	}
	set := m.Attrs
	var a *codec.Attr
	for i, name := range path {
		if set == nil || set.ByName(name) == nil {
			panic(fmt.Sprintf("batch: schema has no attribute %s/%v", msg, path[:i+1]))
		}
		a = set.ByName(name)
		set = a.Set
	}
	return a.Num
}

// mustKindAttr returns the number of an attribute of a link kind's
// IFLA_INFO_DATA.
func mustKindAttr(kind, name string) uint16 {
	m := codec.LookupProtocol(codec.ProtoRoute).ByName("RTM_NEWLINK")
	info := m.Attrs.ByName("IFLA_LINKINFO")
	if info == nil || info.Set == nil || info.Set.ByName("IFLA_INFO_DATA") == nil {
		panic("batch: schema has no IFLA_LINKINFO/IFLA_INFO_DATA")
	}
	data := info.Set.ByName("IFLA_INFO_DATA")
	if data.Select == nil || data.Select.ByString[kind] == nil || data.Select.ByString[kind].Set == nil {
		panic("batch: schema has no IFLA_INFO_DATA for kind " + kind)
	}
	a := data.Select.ByString[kind].Set.ByName(name)
	if a == nil {
		panic("batch: schema has no attribute " + name + " for kind " + kind)
	}
	return a.Num
}

// begin starts a typed message in the compiler's builder.
func (c *Compiler) begin(typ, flags uint16) *codec.Builder {
	b := c.b
	b.Reset()
	c.pending = c.pending[:0]
	b.Begin(typ, flags, uint32(c.nb.Len()+1), 0)
	return b
}

// ifname records a relocation for an interface named where an index
// goes: the 4 bytes at offset off of the open message.
func (c *Compiler) ifname(off int, what, name string) error {
	if err := nlb.CheckSymbol(name); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	c.pending = append(c.pending, nlb.Reloc{Offset: uint32(off), Width: 4, Kind: nlb.RelocIfindex, Symbol: name})
	return nil
}

// ifindexAttr writes a u32 interface index attribute: by name (a
// relocation and a zero placeholder) when name is set, else idx when it
// is not zero.
func (c *Compiler) ifindexAttr(typ uint16, what, name string, idx uint32) error {
	b := c.b
	switch {
	case name != "":
		if err := c.ifname(b.Offset()+codec.AttrHeaderLen, what, name); err != nil {
			return err
		}
		b.U32(typ, 0)
	case idx != 0:
		b.U32(typ, idx)
	}
	return nil
}

// commit finishes the open message and appends it to the batch with its
// relocations; newlink marks a message that may create interfaces.
func (c *Compiler) commit(src nlb.Source, newlink bool) error {
	b := c.b
	b.End()
	if err := b.Err(); err != nil {
		return &Error{Source: src, Err: err}
	}
	msg := b.Bytes()
	var defs []nlb.Reloc
	if newlink {
		var err error
		if defs, err = c.newInterfaces(msg); err != nil {
			return &Error{Source: src, Err: err}
		}
	}
	idx := c.nb.Append(msg, src)
	for _, rl := range c.pending {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	for _, rl := range defs {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	return nil
}
