package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
)

// maxYAMLBytes bounds a story or front matter; real ones are a few KiB.
const maxYAMLBytes = 1 << 20

// yamlLine matches the "yaml: line N:" prefix of yaml.v3's syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// parseYAMLMapping parses src as one YAML mapping. lineOffset is added to
// reported lines, for front matter that starts below the top of its file.
func parseYAMLMapping(file string, src []byte, lineOffset int, errs *diag.List) *yaml.Node {
	if len(src) > maxYAMLBytes {
		errs.Errorf(diag.Pos{File: file}, "YAML is %d bytes; the limit is %d", len(src), maxYAMLBytes)
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := 0
		msg := err.Error()
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			if m := yamlLine.FindStringSubmatch(msg); m != nil {
				if m[1] != "" {
					line, _ = strconv.Atoi(m[1])
				}
				msg = msg[len(m[0]):]
			}
		}
		errs.Errorf(diag.Pos{File: file, Line: line + lineOffset}, "YAML syntax error: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		errs.Errorf(diag.Pos{File: file, Line: 1 + lineOffset}, "empty YAML document; want a mapping of fields")
		return nil
	}
	if a := findAlias(&doc); a != nil {
		// Aliases can multiply a small file into a huge value ("billion
		// laughs"); stories and front matter never need them.
		errs.Errorf(nodePos(file, a, lineOffset), "YAML anchors and aliases (&name, *name) are not allowed; write the value out")
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		errs.Errorf(nodePos(file, m, lineOffset), "want a mapping of fields (key: value), found a %s", kindName(m))
		return nil
	}
	return m
}

// fields walks a mapping, calling set for every known key and reporting
// unknown keys and keys given twice.
func fields(file string, m *yaml.Node, lineOffset int, known map[string]func(v *yaml.Node), errs *diag.List) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		set, ok := known[k.Value]
		switch {
		case !ok:
			names := make([]string, 0, len(known))
			for n := range known {
				names = append(names, n)
			}
			errs.Errorf(nodePos(file, k, lineOffset), "unknown field %q; want one of %s", k.Value, strings.Join(sorted(names), ", "))
		case seen[k.Value]:
			errs.Errorf(nodePos(file, k, lineOffset), "field %q given twice", k.Value)
		default:
			seen[k.Value] = true
			set(v)
		}
	}
}

// str reads a scalar string; it reports any other kind of value.
func str(file string, v *yaml.Node, lineOffset int, name string, errs *diag.List) string {
	if v.Kind != yaml.ScalarNode {
		errs.Errorf(nodePos(file, v, lineOffset), "%s: want text, found a %s", name, kindName(v))
		return ""
	}
	return v.Value
}

// strs reads a list of scalar strings.
func strs(file string, v *yaml.Node, lineOffset int, name string, errs *diag.List) ([]string, []diag.Pos) {
	if v.Kind != yaml.SequenceNode {
		errs.Errorf(nodePos(file, v, lineOffset), "%s: want a list, found a %s", name, kindName(v))
		return nil, nil
	}
	var out []string
	var pos []diag.Pos
	for _, e := range v.Content {
		if s := str(file, e, lineOffset, name, errs); s != "" {
			out = append(out, s)
			pos = append(pos, nodePos(file, e, lineOffset))
		}
	}
	return out, pos
}

func nodePos(file string, n *yaml.Node, lineOffset int) diag.Pos {
	return diag.Pos{File: file, Line: n.Line + lineOffset, Col: n.Column}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return fmt.Sprintf("value %q", n.Value)
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}

// findAlias returns the first node that is an alias or has an anchor, in
// document order, without expanding any alias.
func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}
