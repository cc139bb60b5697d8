package site

import (
	"strconv"
	"unicode/utf8"
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

func (w *ldWriter) str(k, v string) { w.key(k); w.b = appendJSONString(w.b, v) }

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

const hexDigits = "0123456789abcdef"

// jsonPlain are the ASCII bytes a JSON string holds as they are.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s as a JSON string, escaped as encoding/json
// does with HTML escaping on.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
