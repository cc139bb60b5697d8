package tmplexec

import (
	"bytes"
	"html/template"
	"net/url"
	"reflect"
	"strconv"

	"github.com/odop-india/odop/internal/jsonstr"
)

// escaper is an escaper a pipeline calls directly on the value before it.
type escaper struct {
	// args is the escaper as a function of any arguments.
	args func(args ...any) string
	// str escapes a string of content type t: args applied to a value of
	// a string type without methods, whose content type is t.
	str func(s string, t contentType) string
	// app, when set, is str appending to b; it reports false, having
	// appended nothing, when s is its own escaped form.
	app func(b []byte, s string, t contentType) ([]byte, bool)
	// conv returns the string and content type that str takes to escape v
	// as args(v) does, or false when only args can.
	conv func(v reflect.Value) (string, contentType, bool)
}

// value escapes v, the previous command's value: args(v), as
// text/template passes it.
func (e *escaper) value(v reflect.Value) string {
	if s, t, ok := e.conv(v); ok {
		return e.str(s, t)
	}
	return e.args(toAny(v))
}

// write writes str(s, t) to b.
func (e *escaper) write(b *bytes.Buffer, s string, t contentType) {
	if e.app == nil {
		b.WriteString(e.str(s, t))
		return
	}
	b.Grow(len(s) + 16) // room for s and a few escapes, not to allocate out
	if out, changed := e.app(b.AvailableBuffer(), s, t); changed {
		b.Write(out)
	} else {
		b.WriteString(s)
	}
}

// writeValue writes value(v) to b.
func (e *escaper) writeValue(b *bytes.Buffer, v reflect.Value) {
	if s, t, ok := e.conv(v); ok {
		e.write(b, s, t)
		return
	}
	b.WriteString(e.args(toAny(v)))
}

// htmlEscapers are html/template's escapers, by the names its escaper
// gives them in templates (escape.go's funcMap).
var htmlEscapers = map[string]*escaper{
	"_html_template_attrescaper":      {args: attrEscaper, str: attrEscaperStr, app: appendAttr, conv: stringifyValue},
	"_html_template_commentescaper":   {args: commentEscaper, str: func(string, contentType) string { return "" }, conv: stringifyValue},
	"_html_template_cssescaper":       {args: cssEscaper, str: cssEscaperStr, conv: stringifyValue},
	"_html_template_cssvaluefilter":   {args: cssValueFilter, str: cssValueFilterStr, conv: stringifyValue},
	"_html_template_htmlnamefilter":   {args: htmlNameFilter, str: htmlNameFilterStr, conv: stringifyValue},
	"_html_template_htmlescaper":      {args: htmlEscaper, str: htmlEscaperStr, app: appendHTML, conv: stringifyValue},
	"_html_template_jsregexpescaper":  {args: jsRegexpEscaper, str: jsRegexpEscaperStr, conv: stringifyValue},
	"_html_template_jsstrescaper":     {args: jsStrEscaper, str: jsStrEscaperStr, app: appendJSStr, conv: stringifyValue},
	"_html_template_jstmpllitescaper": {args: jsTmplLitEscaper, str: jsTmplLitEscaperStr, conv: stringifyValue},
	"_html_template_jsvalescaper":     {args: jsValEscaper, str: jsValEscaperStr, app: appendJSVal, conv: plainString},
	"_html_template_nospaceescaper":   {args: htmlNospaceEscaper, str: htmlNospaceEscaperStr, conv: stringifyValue},
	"_html_template_rcdataescaper":    {args: rcdataEscaper, str: rcdataEscaperStr, app: appendRCDATA, conv: stringifyValue},
	"_html_template_srcsetescaper":    {args: srcsetFilterAndEscaper, str: srcsetFilterAndEscaperStr, conv: stringifyValue},
	"_html_template_urlescaper":       {args: urlEscaper, str: urlEscaperStr, app: appendURLEscaper, conv: stringifyValue},
	"_html_template_urlfilter":        {args: urlFilter, str: urlFilterStr, conv: stringifyValue},
	"_html_template_urlnormalizer":    {args: urlNormalizer, str: urlNormalizerStr, app: appendURLNormalizer, conv: stringifyValue},
	"_eval_args_":                     {args: evalArgs, str: func(s string, _ contentType) string { return s }, conv: plainString},
}

// textEscapers are text/template's builtins html, js and urlquery, which
// html/template keeps where they do its escapers' work.
var textEscapers = map[string]*escaper{
	"html": {
		args: template.HTMLEscaper,
		str:  func(s string, _ contentType) string { return template.HTMLEscapeString(s) },
		conv: plainString,
	},
	"js": {
		args: template.JSEscaper,
		str:  func(s string, _ contentType) string { return template.JSEscapeString(s) },
		conv: plainString,
	},
	"urlquery": {
		args: template.URLQueryEscaper,
		str:  func(s string, _ contentType) string { return url.QueryEscape(s) },
		conv: plainString,
	},
}

func urlEscaperStr(s string, t contentType) string    { return urlProcessorStr(false, s, t) }
func urlNormalizerStr(s string, t contentType) string { return urlProcessorStr(true, s, t) }

func jsValEscaperStr(s string, t contentType) string {
	if b, changed := appendJSVal(nil, s, t); changed {
		return string(b)
	}
	return s
}

func appendHTMLTable(b []byte, s string) ([]byte, bool) {
	return appendHTMLReplacer(b, s, htmlReplacementTable, true)
}

// The app functions of the escapers: their str appending to b.

func appendHTML(b []byte, s string, t contentType) ([]byte, bool) {
	if t == contentTypeHTML {
		return b, false
	}
	return appendHTMLTable(b, s)
}

func appendAttr(b []byte, s string, t contentType) ([]byte, bool) {
	if t == contentTypeHTML {
		return append(b, attrEscaperStr(s, t)...), true
	}
	return appendHTMLTable(b, s)
}

func appendRCDATA(b []byte, s string, t contentType) ([]byte, bool) {
	if t == contentTypeHTML {
		return appendHTMLReplacer(b, s, htmlNormReplacementTable, true)
	}
	return appendHTMLTable(b, s)
}

func appendJSStr(b []byte, s string, t contentType) ([]byte, bool) {
	if t == contentTypeJSStr {
		return appendReplace(b, s, jsStrNormReplacementTable)
	}
	return appendReplace(b, s, jsStrReplacementTable)
}

func appendURLEscaper(b []byte, s string, t contentType) ([]byte, bool) {
	return appendURL(b, s, t == contentTypeURL)
}

func appendURLNormalizer(b []byte, s string, t contentType) ([]byte, bool) {
	return appendURL(b, s, true)
}

// appendJSVal is jsValEscaper of a string of content type t (a string
// type without methods, so neither a json.Marshaler nor a Stringer).
func appendJSVal(b []byte, s string, t contentType) ([]byte, bool) {
	switch t {
	case contentTypeJS:
		return b, false
	case contentTypeJSStr:
		// TODO: normalize quotes.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), true
	}
	return jsonstr.Append(b, s), true
}

// Content types of html/template's types.
var (
	cssType      = reflect.TypeFor[template.CSS]()
	htmlType     = reflect.TypeFor[template.HTML]()
	htmlAttrType = reflect.TypeFor[template.HTMLAttr]()
	jsType       = reflect.TypeFor[template.JS]()
	jsStrType    = reflect.TypeFor[template.JSStr]()
	urlType      = reflect.TypeFor[template.URL]()
	srcsetType   = reflect.TypeFor[template.Srcset]()
)

// contentTypeOf is the content type stringify gives a value of type t, a
// string kind without methods.
func contentTypeOf(t reflect.Type) contentType {
	switch t {
	case stringType:
		return contentTypePlain
	case cssType:
		return contentTypeCSS
	case htmlType:
		return contentTypeHTML
	case htmlAttrType:
		return contentTypeHTMLAttr
	case jsType:
		return contentTypeJS
	case jsStrType:
		return contentTypeJSStr
	case urlType:
		return contentTypeURL
	case srcsetType:
		return contentTypeSrcset
	}
	return contentTypePlain
}

// stringifyValue is stringify of v as the only argument, for the values
// it can convert without reflection's Interface or fmt: nil, strings,
// integers and booleans of types without methods (which fmt.Sprint
// prints as strconv does).
func stringifyValue(v reflect.Value) (string, contentType, bool) {
	if !v.IsValid() {
		// An untyped nil argument is skipped: fmt.Sprint() is "".
		return "", contentTypePlain, true
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", contentTypePlain, true
		}
		v = v.Elem()
	}
	if !v.CanInterface() {
		return "", 0, false
	}
	switch v.Kind() {
	case reflect.String:
		if t := v.Type(); t == stringType || t.NumMethod() == 0 {
			return v.String(), contentTypeOf(t), true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Type().NumMethod() == 0 {
			return strconv.FormatInt(v.Int(), 10), contentTypePlain, true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if v.Type().NumMethod() == 0 {
			return strconv.FormatUint(v.Uint(), 10), contentTypePlain, true
		}
	case reflect.Bool:
		if v.Type().NumMethod() == 0 {
			return strconv.FormatBool(v.Bool()), contentTypePlain, true
		}
	}
	return "", 0, false
}

// plainString converts v when it is a string of a type without methods,
// which the escapers that do not stringify (jsValEscaper, evalArgs and
// text/template's) take as its string.
func plainString(v reflect.Value) (string, contentType, bool) {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.String || !v.CanInterface() {
		return "", 0, false
	}
	if t := v.Type(); t == stringType || t.NumMethod() == 0 {
		return v.String(), contentTypeOf(t), true
	}
	return "", 0, false
}
