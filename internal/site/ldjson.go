package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ldObject is a JSON object for JSON-LD, its members in any order. It is
// written with its keys sorted, as encoding/json writes a map, so the
// output is the same on every build and the same as marshalling a map.
type ldObject []ldMember

// ldMember is one member; its value is a string, an int, an ldObject, a
// []ldObject or ldJSON.
type ldMember struct {
	key string
	val any
}

// ldJSON is a value written as JSON already.
type ldJSON []byte

// appendTo appends o as compact JSON. Strings are escaped as encoding/json
// escapes them by default: "<", ">" and "&" as \u003c, \u003e and \u0026,
// and U+2028 and U+2029, so the text can stand inside a <script> element
// and cannot end it.
func (o ldObject) appendTo(b []byte) []byte {
	if !slices.IsSortedFunc(o, compareKeys) {
		slices.SortFunc(o, compareKeys)
	}
	b = append(b, '{')
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, m.key)
		b = append(b, ':')
		switch v := m.val.(type) {
		case string:
			b = appendJSONString(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case ldObject:
			b = v.appendTo(b)
		case ldJSON:
			b = append(b, v...)
		case []ldObject:
			b = append(b, '[')
			for j, e := range v {
				if j > 0 {
					b = append(b, ',')
				}
				b = e.appendTo(b)
			}
			b = append(b, ']')
		default:
			panic(fmt.Sprintf("site: JSON-LD value of type %T", v))
		}
	}
	return append(b, '}')
}

func compareKeys(a, b ldMember) int { return strings.Compare(a.key, b.key) }

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
