package codec

import (
	"strconv"
	"strings"
)

// AppendHex appends an annotated hexdump of m: every header field,
// attribute header, payload and padding on its own line(s) with its
// offset from the start of the message.
func AppendHex(b []byte, m *Msg) []byte {
	b = appendIntro(b, m.Protocol, m.Name, m.Header, m.Kind)
	b = append(b, " len="...)
	b = strconv.AppendUint(b, uint64(m.Header.Len), 10)
	b = append(b, " offset="...)
	b = strconv.AppendInt(b, int64(m.Offset), 10)
	b = append(b, '\n')
	b = appendHexNodes(b, m.Nodes, 0, "")
	if len(m.Pad) > 0 {
		b = appendHexLine(b, len(m.Raw), m.Pad, 0, "message padding")
	}
	return b
}

const hexCols = 16

func appendHexNodes(b []byte, nodes []Node, depth int, prefix string) []byte {
	for i := range nodes {
		b = appendHexNode(b, &nodes[i], depth, prefix)
	}
	return b
}

func appendHexNode(b []byte, n *Node, depth int, prefix string) []byte {
	switch n.Kind {
	case NodeAttr:
		hdr := make([]byte, 0, 64)
		hdr = appendNodeLabel(hdr, n)
		hdr = append(hdr, " len="...)
		hdr = strconv.AppendInt(hdr, int64(AttrHeaderLen+len(n.Data)), 10)
		var raw [AttrHeaderLen]byte
		o := n.Order()
		o.PutUint16(raw[0:], uint16(AttrHeaderLen+len(n.Data)))
		o.PutUint16(raw[2:], n.Num|n.NLAFlags)
		b = appendHexLine(b, n.Offset, raw[:], depth, string(hdr))
		if len(n.Children) > 0 && n.Err == "" {
			b = appendHexNodes(b, n.Children, depth+1, "")
		} else if len(n.Data) > 0 {
			b = appendHexLeaf(b, n, depth+1, "")
		}
		if len(n.Pad) > 0 {
			b = appendHexLine(b, n.Offset+AttrHeaderLen+len(n.Data), n.Pad, depth+1, "padding")
		}
		return b
	case NodeStruct:
		name := n.Name
		if n.Kind == NodeStruct && prefix != "" {
			name = prefix + name
		}
		b = appendHexNodes(b, n.Children, depth, name+".")
		if len(n.Pad) > 0 {
			b = appendHexLine(b, n.Offset+len(n.Data), n.Pad, depth, "padding")
		}
		return b
	case NodeMessage:
		b = appendHexLine(b, n.Offset, nil, depth, "echoed request "+n.Name)
		b = appendHexNodes(b, n.Children, depth+1, "")
		if len(n.Pad) > 0 {
			b = appendHexLine(b, n.Offset+len(n.Data), n.Pad, depth, "padding")
		}
		return b
	case NodeElem:
		if len(n.Children) > 0 {
			label := make([]byte, 0, 32)
			label = appendNodeLabel(label, n)
			b = appendHexLine(b, n.Offset, nil, depth, string(label))
			b = appendHexNodes(b, n.Children, depth+1, "")
			if len(n.Pad) > 0 {
				b = appendHexLine(b, n.Offset+len(n.Data), n.Pad, depth+1, "padding")
			}
			return b
		}
	}
	return appendHexLeaf(b, n, depth, prefix)
}

func appendHexLeaf(b []byte, n *Node, depth int, prefix string) []byte {
	label := make([]byte, 0, 64)
	if n.Kind != NodeAttr {
		label = append(label, prefix...)
		label = appendNodeLabel(label, n)
		label = append(label, " = "...)
	} else {
		label = append(label, "= "...)
	}
	label = AppendValue(label, n, StyleVerbose)
	if n.Err != "" {
		label = append(label, "  !! "...)
		label = append(label, n.Err...)
	}
	off := n.Offset
	if n.Kind == NodeAttr {
		off += AttrHeaderLen
	}
	return appendHexLine(b, off, n.Data, depth, string(label))
}

// appendHexLine writes data from off in rows of 16 bytes; the label goes
// on the first row. nil data prints a row with the label only.
func appendHexLine(b []byte, off int, data []byte, depth int, label string) []byte {
	indent := strings.Repeat("  ", depth)
	if data == nil {
		b = append(b, "  "...)
		b = appendOffset(b, off)
		b = append(b, "  "...)
		b = append(b, strings.Repeat(" ", hexCols*3)...)
		b = append(b, indent...)
		b = append(b, label...)
		return append(b, '\n')
	}
	for row := 0; row < len(data) || row == 0; row += hexCols {
		end := row + hexCols
		if end > len(data) {
			end = len(data)
		}
		b = append(b, "  "...)
		b = appendOffset(b, off+row)
		b = append(b, "  "...)
		for i := row; i < row+hexCols; i++ {
			if i < end {
				c := data[i]
				b = append(b, hexDigits[c>>4], hexDigits[c&15], ' ')
			} else {
				b = append(b, "   "...)
			}
		}
		if row == 0 {
			b = append(b, indent...)
			b = append(b, label...)
		}
		b = append(b, '\n')
		if len(data) == 0 {
			break
		}
	}
	return b
}

func appendOffset(b []byte, off int) []byte {
	s := strconv.FormatInt(int64(off), 16)
	for i := len(s); i < 4; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
