package batch

import (
	"errors"
	"net/netip"

	"github.com/nlbatch/nlbatch/nlb"
)

// Rule is a policy routing rule request (RTM_NEWRULE, RTM_DELRULE). Zero
// fields are left out of the message.
type Rule struct {
	Family   uint8        // AF_INET or AF_INET6; taken from Src or Dst when zero, else AF_INET
	Src, Dst netip.Prefix // from / to selectors
	IIf, OIf string       // input / output interface names (FRA_IIFNAME, FRA_OIFNAME), matched by name
	FwMark   uint32
	FwMask   uint32
	Table    uint32 // lookup table; >255 goes in FRA_TABLE with 252 in the header
	Priority uint32 // FRA_PRIORITY; 0 lets the kernel choose
	// Action is FR_ACT_*; when zero it is FR_ACT_GOTO with Goto, and
	// FR_ACT_TO_TBL with a Table.
	Action uint8
	Goto   uint32 // FRA_GOTO: the priority of the rule to jump to
	Flags  uint32 // FIB_RULE_*, e.g. FIB_RULE_INVERT
}

const (
	frActToTbl = 1
	frActGoto  = 2
)

var (
	fraDst      = mustAttr("RTM_NEWRULE", "FRA_DST")
	fraSrc      = mustAttr("RTM_NEWRULE", "FRA_SRC")
	fraIIfname  = mustAttr("RTM_NEWRULE", "FRA_IIFNAME")
	fraOIfname  = mustAttr("RTM_NEWRULE", "FRA_OIFNAME")
	fraGoto     = mustAttr("RTM_NEWRULE", "FRA_GOTO")
	fraPriority = mustAttr("RTM_NEWRULE", "FRA_PRIORITY")
	fraFwmark   = mustAttr("RTM_NEWRULE", "FRA_FWMARK")
	fraFwmask   = mustAttr("RTM_NEWRULE", "FRA_FWMASK")
	fraTable    = mustAttr("RTM_NEWRULE", "FRA_TABLE")
	rtmNewrule  = mustMsg("RTM_NEWRULE")
	rtmDelrule  = mustMsg("RTM_DELRULE")
)

// AddRule compiles a rule request: CmdAdd or CmdDel (the other commands
// are NEW messages with their flags).
func (c *Compiler) AddRule(cmd Cmd, r *Rule, src nlb.Source) error {
	flags, err := cmd.flags()
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	family := r.Family
	switch {
	case family != 0:
	case r.Src.IsValid():
		family = familyOf(r.Src.Addr())
	case r.Dst.IsValid():
		family = familyOf(r.Dst.Addr())
	default:
		family = typedAFInet
	}
	for _, p := range [2]netip.Prefix{r.Src, r.Dst} {
		if p.IsValid() && p.Addr().Is4In6() {
			return &Error{Source: src, Err: errors.New("rule: an IPv4-mapped IPv6 prefix; give the IPv4 form")}
		}
		if p.IsValid() && familyOf(p.Addr()) != family {
			return &Error{Source: src, Err: errors.New("rule: selector of another family")}
		}
	}
	action := r.Action
	if action == 0 {
		switch {
		case r.Goto != 0:
			action = frActGoto
		case r.Table != 0:
			action = frActToTbl
		}
	}
	hdrTable := uint8(r.Table)
	if r.Table > 255 {
		hdrTable = rtTableCompat
	}
	typ := rtmNewrule
	if cmd == CmdDel {
		typ = rtmDelrule
	}
	b := c.begin(typ, flags)
	var hdr [12]byte
	hdr[0] = family
	if r.Dst.IsValid() {
		hdr[1] = uint8(r.Dst.Bits())
	}
	if r.Src.IsValid() {
		hdr[2] = uint8(r.Src.Bits())
	}
	hdr[4], hdr[7] = hdrTable, action
	putNative32(hdr[8:], r.Flags, c.opts.BigEndian)
	b.Raw(hdr[:])
	if r.Dst.IsValid() {
		b.Attr(fraDst, r.Dst.Masked().Addr().AsSlice())
	}
	if r.Src.IsValid() {
		b.Attr(fraSrc, r.Src.Masked().Addr().AsSlice())
	}
	if r.IIf != "" {
		b.String(fraIIfname, r.IIf)
	}
	if r.OIf != "" {
		b.String(fraOIfname, r.OIf)
	}
	if r.Goto != 0 {
		b.U32(fraGoto, r.Goto)
	}
	if r.Priority != 0 {
		b.U32(fraPriority, r.Priority)
	}
	if r.FwMark != 0 {
		b.U32(fraFwmark, r.FwMark)
	}
	if r.FwMask != 0 {
		b.U32(fraFwmask, r.FwMask)
	}
	if r.Table > 255 {
		b.U32(fraTable, r.Table)
	}
	return c.commit(src, false)
}
