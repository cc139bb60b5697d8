package catalog

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
)

// Encodings a CSV file may be declared in, in site.yaml's "encodings". A
// spreadsheet's plain "CSV" export on Windows is Windows-1252; odop never
// guesses that from the bytes, because a wrong guess silently corrupts
// names, so such a file must be declared or re-saved as "CSV UTF-8".
const (
	encUTF8        = "utf-8"
	encWindows1252 = "windows-1252"
)

var encodingNames = map[string]string{
	"utf-8": encUTF8, "utf8": encUTF8,
	"windows-1252": encWindows1252, "cp1252": encWindows1252,
}

// parseEncodings reads site.yaml's encodings: a mapping from a CSV file's
// path to its encoding.
func parseEncodings(v *yaml.Node, errs *diag.List) map[string]string {
	if v.Kind != yaml.MappingNode {
		errs.Errorf(nodePos(siteFile, v, 0), "encodings: want a mapping from file to encoding, found a %s", kindName(v))
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		file := strings.TrimPrefix(k.Value, "./")
		enc, ok := encodingNames[strings.ToLower(strings.TrimSpace(val.Value))]
		switch {
		case val.Kind != yaml.ScalarNode || !ok:
			errs.Errorf(nodePos(siteFile, val, 0), "encodings: %s: encoding %q: want utf-8 or windows-1252", file, val.Value)
		case !strings.HasSuffix(file, ".csv"):
			errs.Errorf(nodePos(siteFile, k, 0), "encodings: %q: want the path of a CSV file, such as data/products/goa.csv", file)
		default:
			out[file] = enc
		}
	}
	return out
}

// windows1252High maps bytes 0x80-0x9F; bytes 0xA0-0xFF are the code
// points of the same value (Latin-1). Zero marks the five unassigned bytes.
var windows1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// decodeWindows1252 converts data to UTF-8. A byte that Windows-1252 does
// not assign, or a UTF-8 byte order mark (the file says it is UTF-8, so
// the declaration is wrong), is reported at its position.
func decodeWindows1252(file string, data []byte, errs *diag.List) ([]byte, bool) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
			"file starts with a UTF-8 byte order mark but site.yaml declares it windows-1252; remove it from encodings")
		return nil, false
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	for i, c := range data {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0 && windows1252High[c-0x80] == 0:
			line, col := lineCol(data, i)
			errs.Errorf(diag.Pos{File: file, Line: line, Col: col},
				"byte 0x%02X is not a Windows-1252 character; is the file really windows-1252, as site.yaml declares?", c)
			return nil, false
		case c < 0xA0:
			out = utf8.AppendRune(out, windows1252High[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out, true
}

// decodeCSV returns a CSV file's bytes as UTF-8, by its declared encoding
// enc ("" when site.yaml declares none).
func decodeCSV(file, enc string, data []byte, errs *diag.List) ([]byte, bool) {
	switch enc {
	case encWindows1252:
		return decodeWindows1252(file, data, errs)
	}
	return data, true
}

// checkEncodings reports declarations of files that do not exist, which
// are most likely typos that would leave the real file undeclared.
func (b *builder) checkEncodings(exists func(string) bool) {
	for file := range b.cat.Site.Encodings {
		if !exists(file) {
			b.errs.Warnf(diag.Pos{File: siteFile}, "encodings: %s: no such file", file)
		}
	}
}
