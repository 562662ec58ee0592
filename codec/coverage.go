package codec

import "fmt"

// CheckCoverage verifies that the nodes of m account for every byte of
// the message exactly once: siblings follow each other without gaps or
// overlaps, and each container's children cover its payload. Decoding
// guarantees this; tests and fuzz targets call it to prove it.
func CheckCoverage(m *Msg) error {
	end, err := checkSpan(m.Nodes, 0)
	if err != nil {
		return err
	}
	if end != len(m.Raw) {
		return fmt.Errorf("nodes cover %d of %d bytes", end, len(m.Raw))
	}
	return nil
}

// checkSpan checks that nodes tile the bytes from off and returns where
// they end.
func checkSpan(nodes []Node, off int) (int, error) {
	for i := range nodes {
		n := &nodes[i]
		if n.Offset != off {
			return 0, fmt.Errorf("node %q (%s) at offset %d, expected %d", n.Name, n.Kind, n.Offset, off)
		}
		start := off
		if n.Kind == NodeAttr {
			start += AttrHeaderLen
		}
		if n.Children != nil {
			end, err := checkSpan(n.Children, start)
			if err != nil {
				return 0, err
			}
			if end != start+len(n.Data) {
				return 0, fmt.Errorf("children of %q cover %d bytes of %d at offset %d", n.Name, end-start, len(n.Data), start)
			}
		}
		off = start + len(n.Data) + len(n.Pad())
	}
	return off, nil
}
