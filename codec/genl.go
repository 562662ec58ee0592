package codec

import (
	"fmt"
	"strings"
	"sync"
)

// GenlCtrlID is the fixed family id of nlctrl (GENL_ID_CTRL).
const GenlCtrlID = 16

// genlDef is how the decoder reads messages of one generic netlink family
// id: the family's name, genlmsghdr with the family's command names, and
// its attribute set (empty for families the schema does not know, so
// their attributes are still framed and kept raw).
type genlDef struct {
	name   string
	header *StructDef
	attrs  *AttrSet
	msg    *Message
	cmds   *Enum
}

var (
	genlDefsMu sync.Mutex
	genlDefs   = map[string]*genlDef{}
	unknownSet = Set("unknown")
)

// genlDefFor builds (once per family name) the decoding definition of a
// generic netlink family.
func genlDefFor(name string) *genlDef {
	genlDefsMu.Lock()
	defer genlDefsMu.Unlock()
	if g := genlDefs[name]; g != nil {
		return g
	}
	g := &genlDef{name: name, attrs: unknownSet}
	hdr := &StructDef{Name: genlmsghdr.Name, Fields: append([]Field(nil), genlmsghdr.Fields...)}
	if f := LookupGenl(name); f != nil {
		g.attrs = f.Attrs
		g.cmds = f.Commands
		for i := range hdr.Fields {
			if hdr.Fields[i].Name == "cmd" {
				hdr.Fields[i].Enum = f.Commands
			}
		}
		g.msg = &Message{Name: name, Header: hdr, Attrs: f.Attrs, Summary: f.Summary}
	} else {
		g.msg = &Message{Name: name, Header: hdr, Attrs: unknownSet, Summary: "{cmd}"}
	}
	g.header = hdr
	genlDefs[name] = g
	return g
}

// genlFamily returns the definition for family id id: nlctrl, a family
// learned from an nlctrl reply earlier in the stream, or an anonymous
// one named after the id.
func (d *Decoder) genlFamily(id uint16) *genlDef {
	if g := d.genl[id]; g != nil {
		return g
	}
	if id == GenlCtrlID {
		d.setGenl(id, "nlctrl")
		return d.genl[id]
	}
	g := genlDefFor(fmt.Sprintf("genl-%d", id))
	d.setGenl(id, g.name)
	return g
}

func (d *Decoder) setGenl(id uint16, name string) {
	if d.genl == nil {
		d.genl = make(map[uint16]*genlDef)
		d.genlIDs = make(map[string]uint16)
	}
	d.genl[id] = genlDefFor(name)
	d.genlIDs[name] = id
}

// SetGenlFamily tells the decoder that generic netlink family id is name
// (as a resolver would learn it outside the capture).
func (d *Decoder) SetGenlFamily(id uint16, name string) { d.setGenl(id, name) }

// learnGenl records the family id and name announced by an nlctrl
// message (CTRL_CMD_NEWFAMILY replies and notifications).
func (d *Decoder) learnGenl(m *Msg) {
	if m.Header.Type != GenlCtrlID {
		return
	}
	var id uint64
	var name string
	var haveID bool
	for i := range m.Nodes {
		n := &m.Nodes[i]
		switch n.Name {
		case "CTRL_ATTR_FAMILY_ID":
			id, haveID = n.Uint()
		case "CTRL_ATTR_FAMILY_NAME":
			name = n.Text()
		}
	}
	if !haveID || name == "" || id > 0xffff {
		return
	}
	if cur := d.genl[uint16(id)]; cur != nil && cur.name == name {
		return
	}
	d.setGenl(uint16(id), name)
}

// cmdKind guesses how the flags of a generic netlink request read from
// the command's name.
func (g *genlDef) cmdKind(cmd uint8) MsgKind {
	if g.cmds == nil {
		return KindOther
	}
	name, ok := g.cmds.Lookup(uint64(cmd))
	if !ok {
		return KindOther
	}
	switch {
	case strings.Contains(name, "_GET"):
		return KindGet
	case strings.Contains(name, "_NEW"), strings.Contains(name, "_SET"), strings.Contains(name, "_ADD"):
		return KindNew
	case strings.Contains(name, "_DEL"):
		return KindDel
	}
	return KindOther
}
