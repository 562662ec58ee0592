package batch

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nlbatch/nlbatch/nlb"
	"go.yaml.in/yaml/v3"
)

// CompileYAML reads requests from YAML and adds them to c: the same
// objects as CompileJSON takes, as a YAML list (or a stream of documents,
// each a list or one request). Errors name file:line:col of the request.
func CompileYAML(c *Compiler, name string, r io.Reader) error {
	data, err := readAll(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	lines := newLineIndex(data)
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return &Error{Source: nlb.Source{File: name, Line: yamlErrorLine(err), Col: 1}, Err: fmt.Errorf("reading YAML: %w", err)}
		}
		root := &doc
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		items := []*yaml.Node{root}
		if root.Kind == yaml.SequenceNode {
			items = root.Content
		}
		for _, item := range items {
			src := nlb.Source{File: name, Line: item.Line, Col: item.Column}
			if item.Line > 0 && item.Line <= len(lines.starts) {
				src.Text = lines.lineText(item.Line)
			}
			if item.Kind != yaml.MappingNode {
				return &Error{Source: src, Err: errors.New("a request is a mapping of keys to values")}
			}
			var obj map[string]any
			if err := item.Decode(&obj); err != nil {
				return &Error{Source: src, Err: err}
			}
			// pyroute2 form, as in CompileJSON; keywords keep their order.
			if method, command, _, ok := pyroute2FromJSON(obj); ok {
				all, err := yamlKwargs(item)
				if err != nil {
					return &Error{Source: src, Err: err}
				}
				kw := make(Kwargs, 0, len(all))
				for _, kv := range all {
					if kv.Key != method {
						kw = append(kw, kv)
					}
				}
				if err := c.CallKwargs(method, command, kw, src); err != nil {
					return err
				}
				continue
			}
			req, err := requestFromJSON(obj)
			if err != nil {
				return &Error{Source: src, Err: err}
			}
			if err := c.Add(req, src); err != nil {
				return err
			}
		}
	}
}

// yamlKwargs reads a mapping keeping the order of its keys at every
// level, as DecodeKwargs does for JSON.
func yamlKwargs(n *yaml.Node) (Kwargs, error) {
	kw := make(Kwargs, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		v, err := yamlValue(n.Content[i+1])
		if err != nil {
			return nil, err
		}
		kw = append(kw, KV{Key: n.Content[i].Value, Value: v})
	}
	return kw, nil
}

func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		return yamlKwargs(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	}
	var v any
	err := n.Decode(&v)
	return v, err
}

// yamlErrorLine digs the line out of a yaml.v3 error ("yaml: line 3: ...").
func yamlErrorLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); e == nil {
		return line
	}
	return 1
}
