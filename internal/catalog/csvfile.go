package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"github.com/odop-india/odop/internal/diag"
)

// Limits that keep a malformed or hostile file from exhausting memory.
const (
	maxFileBytes  = 64 << 20
	maxFieldBytes = 64 << 10
)

// column describes one column a CSV file may have.
type column struct {
	name     string
	required bool
}

// csvTable is a CSV file read into rows, with the position of every field,
// so that checks after decoding can name the exact line and column.
type csvTable struct {
	file    string
	header  []string       // normalised header names
	col     map[string]int // header name -> index
	records [][]string     // body rows with the right number of fields
	pos     [][]diag.Pos   // pos[i][j]: position of records[i][j]
	missing bool           // a required column is missing
}

// fieldPos is the position of the named column in body row i, or of the
// row's start when the file has no such column.
func (t *csvTable) fieldPos(i int, name string) diag.Pos {
	if j, ok := t.col[name]; ok && j < len(t.pos[i]) {
		return t.pos[i][j]
	}
	return diag.Pos{File: t.file, Line: t.pos[i][0].Line, Col: 1}
}

// readCSV parses data as CSV with a header row. It accepts a UTF-8 byte
// order mark and CRLF line ends (spreadsheet exports); it reports invalid
// UTF-8, quoting errors, rows with the wrong number of fields, oversized
// fields, and missing (error) or unknown (warning) columns, and keeps going
// so that one run shows every defect. Rows with defects in their structure
// are left out of the table.
func readCSV(file string, data []byte, cols []column, errs *diag.List) *csvTable {
	t := &csvTable{file: file, col: map[string]int{}}
	if len(data) > maxFileBytes {
		errs.Errorf(diag.Pos{File: file}, "file is %d bytes; the limit is %d", len(data), maxFileBytes)
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		off := invalidUTF8(data)
		line, col := lineCol(data, off)
		errs.Errorf(diag.Pos{File: file, Line: line, Col: col},
			"invalid UTF-8: byte 0x%02X; save the file as UTF-8 (in a spreadsheet: CSV UTF-8), or, if it is Windows-1252, declare it in site.yaml under encodings", data[off])
		return nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	nerr := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				msg := pe.Err.Error()
				switch {
				case errors.Is(pe.Err, csv.ErrQuote) && bytes.Count(data, []byte{'"'})%2 == 1:
					// An odd number of quotes in the file: one opens a
					// field that never closes. Point at the field's start.
					col := max(lastQuoteOpening(data, pe.StartLine), 1)
					errs.Errorf(diag.Pos{File: file, Line: pe.StartLine, Col: col}, `unterminated quoted field: the " opened here never closes`)
					return t.finish(file, errs, nerr+1)
				case errors.Is(pe.Err, csv.ErrBareQuote):
					msg = `bare " in an unquoted field; quote the field and double the quote ("")`
				}
				errs.Errorf(diag.Pos{File: file, Line: pe.Line, Col: pe.Column}, "%s", msg)
			} else {
				errs.Errorf(diag.Pos{File: file}, "%v", err)
			}
			if nerr++; nerr > 50 {
				break
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if len(t.header) == 0 {
			t.readHeader(rec, r, cols, errs)
			if len(t.header) == 0 {
				return nil
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(t.header) {
			_, col := r.FieldPos(len(rec) - 1)
			errs.Errorf(diag.Pos{File: file, Line: line, Col: col},
				"row has %d fields; the header has %d", len(rec), len(t.header))
			continue
		}
		ps := make([]diag.Pos, len(rec))
		ok := true
		for j := range rec {
			l, c := r.FieldPos(j)
			ps[j] = diag.Pos{File: file, Line: l, Col: c}
			if len(rec[j]) > maxFieldBytes {
				errs.Errorf(ps[j], "%s is %d bytes long; the limit is %d", t.header[j], len(rec[j]), maxFieldBytes)
				ok = false
			}
			rec[j] = strings.TrimSpace(strings.ReplaceAll(rec[j], "\u00a0", " "))
		}
		if ok {
			t.records = append(t.records, rec)
			t.pos = append(t.pos, ps)
		}
	}
	return t.finish(file, errs, nerr)
}

func (t *csvTable) finish(file string, errs *diag.List, nerr int) *csvTable {
	if len(t.header) == 0 {
		if nerr == 0 {
			errs.Errorf(diag.Pos{File: file}, "empty file; want a header row")
		}
		return nil
	}
	if t.missing {
		// Every row would repeat the missing column's error.
		t.records, t.pos = nil, nil
	}
	return t
}

// lastQuoteOpening is the byte column of the quote that opens a field on
// the given line: the last quote on that line that follows a comma or
// starts the line.
func lastQuoteOpening(data []byte, line int) int {
	lines := bytes.SplitN(data, []byte{'\n'}, line+1)
	if len(lines) < line {
		return 0
	}
	l := lines[line-1]
	col := 0
	for i, c := range l {
		if c == '"' && (i == 0 || l[i-1] == ',') {
			col = i + 1
		}
	}
	return col
}

func (t *csvTable) readHeader(rec []string, r *csv.Reader, cols []column, errs *diag.List) {
	known := map[string]bool{}
	for _, c := range cols {
		known[c.name] = true
	}
	header := make([]string, len(rec))
	for j, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		header[j] = h
		l, c := r.FieldPos(j)
		p := diag.Pos{File: t.file, Line: l, Col: c}
		_, dup := t.col[h]
		switch {
		case h == "":
			errs.Errorf(p, "column %d has no name", j+1)
		case dup:
			errs.Errorf(p, "column %q appears twice", h)
		case !known[h] && !isTranslation(h, known):
			errs.Warnf(p, "unknown column %q is ignored", h)
		}
		if !dup {
			t.col[h] = j
		}
	}
	for _, c := range cols {
		if _, ok := t.col[c.name]; c.required && !ok {
			errs.Errorf(diag.Pos{File: t.file, Line: 1, Col: 1}, "missing required column %q", c.name)
			t.missing = true
		}
	}
	t.header = header
}

// isTranslation reports whether h is a known column with a language suffix
// such as "product_hi" or "description_zh-hans", which later stages may use.
func isTranslation(h string, known map[string]bool) bool {
	col, tag := splitTranslation(h)
	return tag != "" && known[col]
}

// splitTranslation splits "product_hi" into "product" and "hi"; tag is ""
// when h has no language suffix.
func splitTranslation(h string) (col, tag string) {
	i := strings.LastIndexByte(h, '_')
	if i <= 0 || !isLanguageTag(h[i+1:]) {
		return h, ""
	}
	return h[:i], h[i+1:]
}

// decode fills out (a pointer to a slice of structs with csv tags) from the
// table's good rows, by header name, with gocsv.
func (t *csvTable) decode(out any) error {
	rows := make([][]string, 0, len(t.records)+1)
	rows = append(rows, t.header)
	rows = append(rows, t.records...)
	if len(t.records) == 0 {
		return nil
	}
	return gocsv.UnmarshalDecoder(rowsDecoder(rows), out)
}

type rowsDecoder [][]string

func (d rowsDecoder) GetCSVRows() ([][]string, error) { return d, nil }

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func lineCol(b []byte, off int) (int, int) {
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	return line, off - bytes.LastIndexByte(b[:off], '\n')
}

// translations are row i's non-empty translation columns of col
// ("product_hi", "product_fr"), by lower-case language tag; nil if none.
func (t *csvTable) translations(i int, col string) map[string]string {
	var out map[string]string
	for _, h := range t.header {
		c, tag := splitTranslation(h)
		if tag == "" || c != col {
			continue
		}
		j := t.col[h]
		if j >= len(t.records[i]) {
			continue
		}
		if v := collapseSpace(t.records[i][j]); v != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[strings.ToLower(tag)] = v
		}
	}
	return out
}
