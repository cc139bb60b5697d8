// Package diag holds source positions and the list of problems found in a
// site's input. Problems read like a compiler's: "file:line:col: message".
// A List collects every problem of a run so that a user fixes them all at
// once instead of one per build.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in an input file. Line and Col are 1-based; Col counts
// bytes, as go/scanner does. A zero Line means "the whole file".
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells an error, which fails the build, from a warning, which is
// printed but lets it go on.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Problem is one defect at one position.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (p Problem) String() string {
	if p.Severity == Warning {
		return p.Pos.String() + ": warning: " + p.Msg
	}
	return p.Pos.String() + ": " + p.Msg
}

// List collects problems. The zero value is ready to use.
type List []Problem

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders problems by file, line and column, so output is the same on
// every run whatever order the checks ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
}

// Errors reports how many problems are errors (not warnings).
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Err returns the list as an error if it holds at least one error, else nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return ErrorList(l)
}

// ErrorList is a List used as an error value.
type ErrorList List

func (e ErrorList) Error() string {
	var b strings.Builder
	for i, p := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}
