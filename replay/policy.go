package replay

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// objectAliases are other spellings users reach for.
var objectAliases = map[string]string{
	"address": "addr", "neighbour": "neigh", "neighbor": "neigh",
	"class": "tclass", "filter": "tfilter", "fdb": "neigh", "nh": "nexthop",
	"actions": "action",
}

// objectOf names the kind of object a rtnetlink message type acts on:
// "route" for RTM_NEWROUTE, RTM_DELROUTE and RTM_GETROUTE.
func objectOf(m *codec.Message) string {
	name := strings.TrimPrefix(m.Name, "RTM_")
	for _, verb := range []string{"NEW", "DEL", "GET", "SET"} {
		if rest, ok := strings.CutPrefix(name, verb); ok {
			name = rest
			break
		}
	}
	return strings.ToLower(name)
}

// allowedTypes turns an --allow list (object kinds such as "route" or
// "addr", or message type names such as "RTM_NEWROUTE") into the set of
// message types it permits.
func allowedTypes(allow []string) (map[uint16]bool, error) {
	route := codec.LookupProtocol(codec.ProtoRoute)
	byObject := map[string][]uint16{}
	byName := map[string]uint16{}
	for _, m := range route.Messages {
		if m == nil {
			continue
		}
		obj := objectOf(m)
		byObject[obj] = append(byObject[obj], m.Type)
		byName[m.Name] = m.Type
	}
	set := map[uint16]bool{}
	for _, word := range allow {
		w := strings.TrimSpace(word)
		if w == "" {
			continue
		}
		if t, ok := byName[strings.ToUpper(w)]; ok {
			set[t] = true
			continue
		}
		key := strings.ToLower(w)
		if a, ok := objectAliases[key]; ok {
			key = a
		}
		types, ok := byObject[key]
		if !ok {
			known := make([]string, 0, len(byObject))
			for k := range byObject {
				known = append(known, k)
			}
			sort.Strings(known)
			return nil, fmt.Errorf("--allow: unknown object kind %q%s (known: %s, or a message type such as RTM_NEWROUTE)",
				w, codec.Suggest(key, known), strings.Join(known, ", "))
		}
		for _, t := range types {
			set[t] = true
		}
	}
	return set, nil
}

// isDump reports whether a NETLINK_ROUTE request asks for a dump.
func isDump(def *codec.Message, flags uint16) bool {
	return def != nil && def.Kind == codec.KindGet && flags&codec.FlagDump != 0
}
