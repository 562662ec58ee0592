package batch

// cake (tc/q_cake.c, TCA_CAKE_*): flag words as a table of what each
// sets, the attributes in the order cake_parse_opt writes them.

const (
	tcaCakeBaseRate64 = 2
	tcaCakeDiffserv   = 3
	tcaCakeATM        = 4
	tcaCakeFlowMode   = 5
	tcaCakeOverhead   = 6
	tcaCakeRTT        = 7
	tcaCakeTarget     = 8
	tcaCakeAutorate   = 9
	tcaCakeMemory     = 10
	tcaCakeNAT        = 11
	tcaCakeRaw        = 12
	tcaCakeWash       = 13
	tcaCakeMPU        = 14
	tcaCakeIngress    = 15
	tcaCakeAckFilter  = 16
	tcaCakeSplitGSO   = 17
	tcaCakeFwmark     = 18
)

// tcCakePresets are the RTT presets: target and interval in
// microseconds.
var tcCakePresets = []struct {
	name             string
	target, interval uint32
}{
	{"datacentre", 5, 100}, {"lan", 50, 1000}, {"metro", 500, 10000}, {"regional", 1500, 30000},
	{"internet", 5000, 100000}, {"oceanic", 15000, 300000}, {"satellite", 50000, 1000000},
	{"interplanetary", 50000000, 1000000000},
}

// tcCakeState is what the words set; -1 is "not given".
type tcCakeState struct {
	diffserv, atm, flowmode, autorate, nat, wash, splitGSO, ingress, ackFilter int32
	overhead, mpu                                                              int32
	overheadSet, overheadOverride                                              bool
}

// tcCakeWords are the words without a value.
var tcCakeWords = map[string]func(s *tcCakeState){
	"autorate-ingress": func(s *tcCakeState) { s.autorate = 1 },
	"besteffort":       func(s *tcCakeState) { s.diffserv = 3 },
	"precedence":       func(s *tcCakeState) { s.diffserv = 4 },
	"diffserv8":        func(s *tcCakeState) { s.diffserv = 2 },
	"diffserv4":        func(s *tcCakeState) { s.diffserv = 1 },
	"diffserv":         func(s *tcCakeState) { s.diffserv = 1 },
	"diffserv3":        func(s *tcCakeState) { s.diffserv = 0 },
	"nowash":           func(s *tcCakeState) { s.wash = 0 },
	"wash":             func(s *tcCakeState) { s.wash = 1 },
	"split-gso":        func(s *tcCakeState) { s.splitGSO = 1 },
	"no-split-gso":     func(s *tcCakeState) { s.splitGSO = 0 },
	"flowblind":        func(s *tcCakeState) { s.flowmode = 0 },
	"srchost":          func(s *tcCakeState) { s.flowmode = 1 },
	"dsthost":          func(s *tcCakeState) { s.flowmode = 2 },
	"hosts":            func(s *tcCakeState) { s.flowmode = 3 },
	"flows":            func(s *tcCakeState) { s.flowmode = 4 },
	"dual-srchost":     func(s *tcCakeState) { s.flowmode = 5 },
	"dual-dsthost":     func(s *tcCakeState) { s.flowmode = 6 },
	"triple-isolate":   func(s *tcCakeState) { s.flowmode = 7 },
	"nat":              func(s *tcCakeState) { s.nat = 1 },
	"nonat":            func(s *tcCakeState) { s.nat = 0 },
	"ptm":              func(s *tcCakeState) { s.atm = 2 },
	"atm":              func(s *tcCakeState) { s.atm = 1 },
	"noatm":            func(s *tcCakeState) { s.atm = 0 },
	"raw": func(s *tcCakeState) {
		s.atm, s.overhead, s.overheadSet, s.overheadOverride = 0, 0, true, true
	},
	"conservative":          func(s *tcCakeState) { s.atm, s.overhead, s.overheadSet = 1, 48, true },
	"ingress":               func(s *tcCakeState) { s.ingress = 1 },
	"egress":                func(s *tcCakeState) { s.ingress = 0 },
	"no-ack-filter":         func(s *tcCakeState) { s.ackFilter = 0 },
	"ack-filter":            func(s *tcCakeState) { s.ackFilter = 1 },
	"ack-filter-aggressive": func(s *tcCakeState) { s.ackFilter = 2 },
}

// tcCakeLinks are the link-layer words: the framing they set and the
// overhead they add.
var tcCakeLinks = map[string]struct{ atm, overhead int32 }{
	"pppoa-vcmux": {1, 10}, "pppoa-llcsnap": {1, 14}, "pppoe-vcmux": {1, 32}, "pppoe-llcsnap": {1, 40},
	"bridged-vcmux": {1, 24}, "bridged-llcsnap": {1, 32}, "ipoa-vcmux": {1, 8}, "ipoa-llcsnap": {1, 16},
	"pppoe-ptm": {2, 30}, "bridged-ptm": {2, 22},
}

// tcCake is cake_parse_opt.
func tcCake(x *ipCtx) error {
	l := x.l
	s := tcCakeState{diffserv: -1, atm: -1, flowmode: -1, autorate: -1, nat: -1, wash: -1, splitGSO: -1, ingress: -1, ackFilter: -1}
	var (
		interval, target, memlimit, fwmark uint32
		bandwidth                          uint64
		unlimited                          bool
		preset                             string
	)
words:
	for l.more() {
		t := l.next()
		switch t.s {
		case "bandwidth":
			v, err := l.value(t, "a rate (100mbit)")
			if err != nil {
				return err
			}
			if bandwidth, err = l.tcRate64(v, "bandwidth"); err != nil {
				return err
			}
			unlimited, s.autorate = false, 0
			continue
		case "unlimited":
			bandwidth, unlimited, s.autorate = 0, true, 0
			continue
		case "rtt":
			v, err := l.value(t, "a time (100ms)")
			if err != nil {
				return err
			}
			if interval, err = l.tcTime(v, "rtt"); err != nil {
				return err
			}
			target = interval / 20
			if target == 0 {
				target = 1
			}
			continue
		case "docsis":
			s.atm, s.overhead, s.overheadSet, s.mpu = 0, s.overhead+18, true, 64
			continue
		case "ethernet":
			s.overhead, s.overheadSet, s.mpu = s.overhead+38, true, 84
			continue
		case "ether-vlan":
			s.overhead, s.overheadSet = s.overhead+4, true
			continue
		case "overhead", "mpu":
			v, err := l.value(t, "a number of bytes")
			if err != nil {
				return err
			}
			n, err := l.tcIntBase(v, t.s, 10)
			if err != nil {
				return err
			}
			if t.s == "overhead" {
				if n < -64 || n > 256 {
					return l.errAt(v, "overhead %q is out of range (-64 to 256)", v.s)
				}
				s.overhead, s.overheadSet = n, true
			} else {
				if n < 0 || n > 256 {
					return l.errAt(v, "mpu %q is out of range (0 to 256)", v.s)
				}
				s.mpu = n
			}
			continue
		case "memlimit":
			v, err := l.value(t, "a size (32mb)")
			if err != nil {
				return err
			}
			if memlimit, err = l.tcSize(v, "memlimit"); err != nil {
				return err
			}
			continue
		case "fwmark":
			v, err := x.tcValueUint(t, "fwmark", 0, 32)
			if err != nil {
				return err
			}
			fwmark = uint32(v)
			continue
		}
		for _, p := range tcCakePresets {
			if t.s == p.name {
				if preset != "" {
					return l.errAt(t, "duplicate RTT preset %q (and %q before)", t.s, preset)
				}
				preset, target, interval = p.name, p.target, p.interval
				continue words
			}
		}
		if f, ok := tcCakeWords[t.s]; ok {
			f(&s)
			continue
		}
		if lk, ok := tcCakeLinks[t.s]; ok {
			s.atm, s.overhead, s.overheadSet = lk.atm, s.overhead+lk.overhead, true
			continue
		}
		known := []string{"bandwidth", "unlimited", "rtt", "overhead", "mpu", "memlimit", "fwmark", "docsis", "ethernet", "ether-vlan"}
		for k := range tcCakeWords {
			known = append(known, k)
		}
		for k := range tcCakeLinks {
			known = append(known, k)
		}
		for _, p := range tcCakePresets {
			known = append(known, p.name)
		}
		return l.tcWhat(t, "cake", known)
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if bandwidth != 0 || unlimited {
		b.U64(tcaCakeBaseRate64, bandwidth)
	}
	put := func(typ uint16, v int32, given bool) {
		if given {
			b.U32(typ, uint32(v))
		}
	}
	put(tcaCakeDiffserv, s.diffserv, s.diffserv != -1)
	put(tcaCakeATM, s.atm, s.atm != -1)
	put(tcaCakeFlowMode, s.flowmode, s.flowmode != -1)
	put(tcaCakeOverhead, s.overhead, s.overheadSet)
	put(tcaCakeRaw, 0, s.overheadOverride)
	put(tcaCakeMPU, s.mpu, s.mpu > 0)
	put(tcaCakeRTT, int32(interval), interval != 0)
	put(tcaCakeTarget, int32(target), target != 0)
	put(tcaCakeAutorate, s.autorate, s.autorate != -1)
	put(tcaCakeMemory, int32(memlimit), memlimit != 0)
	put(tcaCakeFwmark, int32(fwmark), fwmark != 0)
	put(tcaCakeNAT, s.nat, s.nat != -1)
	put(tcaCakeWash, s.wash, s.wash != -1)
	put(tcaCakeSplitGSO, s.splitGSO, s.splitGSO != -1)
	put(tcaCakeIngress, s.ingress, s.ingress != -1)
	put(tcaCakeAckFilter, s.ackFilter, s.ackFilter != -1)
	b.EndNest()
	return nil
}
