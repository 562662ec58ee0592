package codec

import "encoding/binary"

// AppendMsg appends the encoding of a decoded (or built) message to b.
// For a decoded message the result is identical to the bytes decoded,
// including padding and any malformed parts, which are kept as raw nodes.
// Attribute lengths are recomputed from the payloads, so a built tree
// needs only correct payloads; the nlmsghdr's nlmsg_len is taken from its
// node as is.
func AppendMsg(b []byte, m *Msg) []byte {
	b = appendNodes(b, m.Nodes, m.Big)
	return append(b, m.Pad...)
}

// AppendNodes appends the encoding of nodes to b; big selects the byte
// order of attribute headers.
func AppendNodes(b []byte, nodes []Node, big bool) []byte { return appendNodes(b, nodes, big) }

func appendNodes(b []byte, nodes []Node, big bool) []byte {
	for i := range nodes {
		b = appendNode(b, &nodes[i], big)
	}
	return b
}

func appendNode(b []byte, n *Node, big bool) []byte {
	switch n.Kind {
	case NodeAttr:
		start := len(b)
		b = append(b, 0, 0, 0, 0)
		if n.Children != nil {
			b = appendNodes(b, n.Children, big)
		} else {
			b = append(b, n.Data...)
		}
		l := len(b) - start
		var o binary.ByteOrder = binary.LittleEndian
		if big {
			o = binary.BigEndian
		}
		o.PutUint16(b[start:], uint16(l))
		o.PutUint16(b[start+2:], n.Num|n.NLAFlags)
		if n.Pad() != nil {
			return append(b, n.Pad()...)
		}
		for pad := Align(l) - l; pad > 0; pad-- {
			b = append(b, 0)
		}
		return b
	case NodeField, NodeTail:
		b = append(b, n.Data...)
	default:
		if n.Children != nil {
			b = appendNodes(b, n.Children, big)
		} else {
			b = append(b, n.Data...)
		}
	}
	return append(b, n.Pad()...)
}
