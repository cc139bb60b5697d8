package site

import (
	"strconv"

	"github.com/odop-india/odop/internal/jsonstr"
)

// ldWriter writes compact JSON for JSON-LD. Its callers write each
// object's members in key order, as encoding/json writes a map, so that the
// output is the same on every build and the same as marshalling maps.
type ldWriter struct {
	b []byte
	// more says, for each object or array open, whether it has a member
	// or element yet, which the next one follows after a comma.
	more []bool
}

func (w *ldWriter) open() { w.b = append(w.b, '{'); w.more = append(w.more, false) }

func (w *ldWriter) close() { w.b = append(w.b, '}'); w.more = w.more[:len(w.more)-1] }

// comma separates a member or element from the one before.
func (w *ldWriter) comma() {
	if n := len(w.more) - 1; w.more[n] {
		w.b = append(w.b, ',')
	} else {
		w.more[n] = true
	}
}

// key starts a member; k is a plain ASCII name.
func (w *ldWriter) key(k string) {
	w.comma()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

func (w *ldWriter) str(k, v string) { w.key(k); w.b = jsonstr.Append(w.b, v) }

func (w *ldWriter) int(k string, n int) { w.key(k); w.b = strconv.AppendInt(w.b, int64(n), 10) }

// raw writes a member whose value is JSON already.
func (w *ldWriter) raw(k string, js []byte) { w.key(k); w.b = append(w.b, js...) }

// object starts a member whose value is an object; close ends it.
func (w *ldWriter) object(k string) { w.key(k); w.open() }

// array starts a member whose value is an array of objects, each started
// by elem and ended by close; endArray ends it.
func (w *ldWriter) array(k string) {
	w.key(k)
	w.b = append(w.b, '[')
	w.more = append(w.more, false)
}

func (w *ldWriter) elem() { w.comma(); w.open() }

func (w *ldWriter) endArray() { w.b = append(w.b, ']'); w.more = w.more[:len(w.more)-1] }
