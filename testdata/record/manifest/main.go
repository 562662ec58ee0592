// Command manifest writes testdata/pcaps/MANIFEST: one line per capture with
// how it was made and how many netlink messages of each type it holds.
//
// It reads classic pcap files of link type 253 (LINKTYPE_NETLINK) with the
// standard library only, walks the netlink messages of every record and
// counts (protocol, nlmsg_type) pairs, error acks by errno, and generic
// netlink families by name (names are learned from the CTRL_CMD_NEWFAMILY
// replies in the same file). The payload's byte order is not recorded in a
// capture: a record is read in the order in which its first message's
// nlmsg_len fits the record (little-endian first); the file's order is
// reported. As in the kernel, the walk through a record stops at a header
// that does not fit; such records are counted as trailing.
//
// Usage:
//
//	manifest -dir testdata/pcaps [-meta DIR]
//
// DIR holds one file NAME.meta per capture recorded now, with key=value
// lines (scenario, kernel, iproute2, recorder, note). For captures without
// a meta file, those fields are kept from the existing MANIFEST. The exit
// status is 1 when a capture has malformed records.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var metaKeys = []string{"scenario", "kernel", "iproute2", "recorder", "note"}

type typeCount struct {
	proto, typ, n int
	name          string
}

type capture struct {
	records, messages, malformed int
	trailing                     int
	le, be                       int
	types                        []typeCount
	errnos                       map[string]int
}

func main() {
	dir := flag.String("dir", "testdata/pcaps", "directory with the captures and MANIFEST")
	metaDir := flag.String("meta", "", "directory with NAME.meta files of captures recorded now")
	flag.Parse()

	old := readManifest(filepath.Join(*dir, "MANIFEST"))
	files, err := filepath.Glob(filepath.Join(*dir, "*.pcap"))
	if err != nil {
		fatal(err)
	}
	sort.Strings(files)

	var b strings.Builder
	b.WriteString("# Netlink captures in this directory; see README.md. One line per file:\n")
	b.WriteString("# FILE scenario= kernel= iproute2= recorder= payload= records= messages=\n")
	b.WriteString("# [trailing=] [note=] then\n")
	b.WriteString("# PROTOCOL/NLMSG_TYPE:NAME=COUNT for every message type, and errno:NAME=COUNT\n")
	b.WriteString("# for error acks (NLMSG_ERROR with a non-zero error; acks with error 0 are\n")
	b.WriteString("# counted as NLMSG_ERROR only). trailing= counts records whose buffer goes on\n")
	b.WriteString("# after its last whole message: iproute2 sends some dump requests with zero\n")
	b.WriteString("# padding behind them, which the kernel ignores. Regenerate with\n")
	b.WriteString("# testdata/record/record.sh.\n")
	status := 0
	for _, f := range files {
		name := filepath.Base(f)
		meta := old[name]
		if *metaDir != "" {
			if m, err := readMeta(filepath.Join(*metaDir, strings.TrimSuffix(name, ".pcap")+".meta")); err == nil {
				meta = m
			} else if !errors.Is(err, os.ErrNotExist) {
				fatal(err)
			}
		}
		c, err := readCapture(f)
		if err != nil {
			fmt.Fprintf(os.Stderr, "manifest: %s: %v\n", name, err)
			status = 1
			continue
		}
		if c.malformed > 0 {
			fmt.Fprintf(os.Stderr, "manifest: %s: %d malformed records\n", name, c.malformed)
			status = 1
		}
		b.WriteString(name)
		for _, k := range metaKeys[:4] {
			v := meta[k]
			if v == "" {
				v = "unknown"
			}
			fmt.Fprintf(&b, " %s=%s", k, v)
		}
		order := "little-endian"
		switch {
		case c.be > 0 && c.le == 0:
			order = "big-endian"
		case c.be > 0:
			order = "mixed"
		}
		fmt.Fprintf(&b, " payload=%s records=%d messages=%d", order, c.records, c.messages)
		if c.trailing > 0 {
			fmt.Fprintf(&b, " trailing=%d", c.trailing)
		}
		if c.malformed > 0 {
			fmt.Fprintf(&b, " malformed=%d", c.malformed)
		}
		if v := meta["note"]; v != "" {
			fmt.Fprintf(&b, " note=%s", v)
		}
		for _, k := range c.types {
			fmt.Fprintf(&b, " %s=%d", k.name, k.n)
		}
		for _, k := range sortedKeys(c.errnos) {
			fmt.Fprintf(&b, " errno:%s=%d", k, c.errnos[k])
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(*dir, "MANIFEST"), []byte(b.String()), 0o644); err != nil {
		fatal(err)
	}
	os.Exit(status)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "manifest:", err)
	os.Exit(2)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// readManifest returns the metadata fields of every line of an existing
// MANIFEST, by file name.
func readManifest(path string) map[string]map[string]string {
	out := map[string]map[string]string{}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		m := map[string]string{}
		for _, kv := range f[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				continue
			}
			for _, want := range metaKeys {
				if k == want {
					m[k] = v
				}
			}
		}
		out[f[0]] = m
	}
	return out
}

func readMeta(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			m[k] = strings.Join(strings.Fields(v), "_")
		}
	}
	return m, nil
}

func readCapture(path string) (*capture, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var fh [24]byte
	if _, err := io.ReadFull(r, fh[:]); err != nil {
		return nil, fmt.Errorf("pcap file header: %w", err)
	}
	var fo binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(fh[:]) == 0xa1b2c3d4 || binary.LittleEndian.Uint32(fh[:]) == 0xa1b23c4d:
		fo = binary.LittleEndian
	case binary.BigEndian.Uint32(fh[:]) == 0xa1b2c3d4 || binary.BigEndian.Uint32(fh[:]) == 0xa1b23c4d:
		fo = binary.BigEndian
	default:
		return nil, fmt.Errorf("not a pcap file (magic % x)", fh[:4])
	}
	if lt := fo.Uint32(fh[20:]); lt&0xffff != 253 {
		return nil, fmt.Errorf("link type %d, want 253 (LINKTYPE_NETLINK)", lt)
	}
	snaplen := fo.Uint32(fh[16:])

	c := &capture{errnos: map[string]int{}}
	raw := map[[2]int]int{}                  // (protocol, type) -> count
	families := map[int]string{16: "nlctrl"} // generic netlink id -> name
	for {
		var rh [16]byte
		if _, err := io.ReadFull(r, rh[:]); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("record %d header: %w", c.records+1, err)
		}
		incl := fo.Uint32(rh[8:])
		if incl > snaplen || incl > 1<<24 {
			return nil, fmt.Errorf("record %d: length %d beyond snaplen %d", c.records+1, incl, snaplen)
		}
		data := make([]byte, incl)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("record %d: %w", c.records+1, err)
		}
		c.records++
		if len(data) < 16 || binary.BigEndian.Uint16(data[2:]) != 824 {
			c.malformed++
			continue
		}
		proto := int(binary.BigEndian.Uint16(data[14:]))
		payload := data[16:]
		var o binary.ByteOrder
		switch {
		case fits(payload, binary.LittleEndian):
			o = binary.LittleEndian
			c.le++
		case fits(payload, binary.BigEndian):
			o = binary.BigEndian
			c.be++
		default:
			c.malformed++
			continue
		}
		for p := payload; len(p) > 0; {
			if !fits(p, o) {
				// The kernel stops at a header that does not fit (iproute2
				// sends some dump requests followed by zero padding).
				c.trailing++
				break
			}
			l := int(o.Uint32(p))
			typ := int(o.Uint16(p[4:]))
			msg := p[:l]
			c.messages++
			raw[[2]int{proto, typ}]++
			if typ == 2 && l >= 20 {
				if e := int32(o.Uint32(msg[16:])); e != 0 {
					c.errnos[errnoName(-e)]++
				}
			}
			if proto == 16 && typ == 16 && l >= 20 && msg[16] == 1 {
				if id, name := familyOf(msg[20:], o); name != "" {
					families[id] = name
				}
			}
			p = p[min((l+3)&^3, len(p)):]
		}
	}
	for k, n := range raw {
		c.types = append(c.types, typeCount{k[0], k[1], n, typeName(k[0], k[1], families)})
	}
	sort.Slice(c.types, func(i, j int) bool {
		a, b := c.types[i], c.types[j]
		return a.proto < b.proto || a.proto == b.proto && a.typ < b.typ
	})
	return c, nil
}

// fits reports whether p starts with a whole netlink message when read in
// byte order o.
func fits(p []byte, o binary.ByteOrder) bool {
	if len(p) < 16 {
		return false
	}
	l := int(o.Uint32(p))
	return l >= 16 && l <= len(p)
}

// familyOf reads CTRL_ATTR_FAMILY_ID and CTRL_ATTR_FAMILY_NAME.
func familyOf(a []byte, o binary.ByteOrder) (int, string) {
	id, name := 0, ""
	for len(a) >= 4 {
		l := int(o.Uint16(a))
		if l < 4 || l > len(a) {
			break
		}
		switch o.Uint16(a[2:]) & 0x3fff {
		case 1:
			if l >= 6 {
				id = int(o.Uint16(a[4:]))
			}
		case 2:
			name = strings.TrimRight(string(a[4:l]), "\x00")
		}
		a = a[min((l+3)&^3, len(a)):]
	}
	if id == 0 {
		return 0, ""
	}
	return id, name
}

var protoNames = map[int]string{0: "route", 4: "sock_diag", 6: "xfrm", 9: "audit", 12: "netfilter", 15: "kobject_uevent", 16: "generic"}

var controlTypes = map[int]string{1: "NLMSG_NOOP", 2: "NLMSG_ERROR", 3: "NLMSG_DONE", 4: "NLMSG_OVERRUN"}

var routeTypes = map[int]string{
	16: "RTM_NEWLINK", 17: "RTM_DELLINK", 18: "RTM_GETLINK", 19: "RTM_SETLINK",
	20: "RTM_NEWADDR", 21: "RTM_DELADDR", 22: "RTM_GETADDR",
	24: "RTM_NEWROUTE", 25: "RTM_DELROUTE", 26: "RTM_GETROUTE",
	28: "RTM_NEWNEIGH", 29: "RTM_DELNEIGH", 30: "RTM_GETNEIGH",
	32: "RTM_NEWRULE", 33: "RTM_DELRULE", 34: "RTM_GETRULE",
	36: "RTM_NEWQDISC", 37: "RTM_DELQDISC", 38: "RTM_GETQDISC",
	40: "RTM_NEWTCLASS", 41: "RTM_DELTCLASS", 42: "RTM_GETTCLASS",
	44: "RTM_NEWTFILTER", 45: "RTM_DELTFILTER", 46: "RTM_GETTFILTER",
	48: "RTM_NEWACTION", 49: "RTM_DELACTION", 50: "RTM_GETACTION",
	52: "RTM_NEWPREFIX", 58: "RTM_GETMULTICAST", 62: "RTM_GETANYCAST",
	64: "RTM_NEWNEIGHTBL", 66: "RTM_GETNEIGHTBL", 67: "RTM_SETNEIGHTBL",
	68: "RTM_NEWNDUSEROPT",
	72: "RTM_NEWADDRLABEL", 73: "RTM_DELADDRLABEL", 74: "RTM_GETADDRLABEL",
	78: "RTM_GETDCB", 79: "RTM_SETDCB",
	80: "RTM_NEWNETCONF", 81: "RTM_DELNETCONF", 82: "RTM_GETNETCONF",
	84: "RTM_NEWMDB", 85: "RTM_DELMDB", 86: "RTM_GETMDB",
	88: "RTM_NEWNSID", 89: "RTM_DELNSID", 90: "RTM_GETNSID",
	92: "RTM_NEWSTATS", 94: "RTM_GETSTATS", 95: "RTM_SETSTATS",
	96:  "RTM_NEWCACHEREPORT",
	100: "RTM_NEWCHAIN", 101: "RTM_DELCHAIN", 102: "RTM_GETCHAIN",
	104: "RTM_NEWNEXTHOP", 105: "RTM_DELNEXTHOP", 106: "RTM_GETNEXTHOP",
	108: "RTM_NEWLINKPROP", 109: "RTM_DELLINKPROP", 110: "RTM_GETLINKPROP",
	112: "RTM_NEWVLAN", 113: "RTM_DELVLAN", 114: "RTM_GETVLAN",
	116: "RTM_NEWNEXTHOPBUCKET", 117: "RTM_DELNEXTHOPBUCKET", 118: "RTM_GETNEXTHOPBUCKET",
	120: "RTM_NEWTUNNEL", 121: "RTM_DELTUNNEL", 122: "RTM_GETTUNNEL",
}

func typeName(proto, typ int, families map[int]string) string {
	p, ok := protoNames[proto]
	if !ok {
		p = fmt.Sprintf("proto%d", proto)
	}
	name := controlTypes[typ]
	if name == "" && proto == 0 {
		name = routeTypes[typ]
	}
	if name == "" && proto == 16 {
		name = families[typ]
	}
	if name == "" {
		return fmt.Sprintf("%s/%d", p, typ)
	}
	return fmt.Sprintf("%s/%d:%s", p, typ, name)
}

var errnoNames = map[int32]string{
	1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 5: "EIO", 6: "ENXIO",
	7: "E2BIG", 9: "EBADF", 11: "EAGAIN", 12: "ENOMEM", 13: "EACCES",
	14: "EFAULT", 16: "EBUSY", 17: "EEXIST", 18: "EXDEV", 19: "ENODEV",
	20: "ENOTDIR", 22: "EINVAL", 23: "ENFILE", 28: "ENOSPC", 34: "ERANGE",
	61: "ENODATA", 71: "EPROTO", 90: "EMSGSIZE", 92: "ENOPROTOOPT",
	93: "EPROTONOSUPPORT", 95: "EOPNOTSUPP", 97: "EAFNOSUPPORT",
	98: "EADDRINUSE", 99: "EADDRNOTAVAIL", 100: "ENETDOWN",
	101: "ENETUNREACH", 105: "ENOBUFS", 113: "EHOSTUNREACH", 524: "ENOTSUPP",
}

func errnoName(e int32) string {
	if n, ok := errnoNames[e]; ok {
		return n
	}
	return fmt.Sprintf("E%d", e)
}
