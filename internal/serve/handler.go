package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/odop-india/odop/internal/headers"
	"github.com/odop-india/odop/internal/publish"
)

// The dev server's own addresses. No page of a site can have them: slugs
// never start with "_".
const (
	ReloadPath = "/_odop/reload.js"
	EventsPath = "/_odop/events"
)

// reloadJS listens for builds and reloads the page, or shows a failed
// build's errors over it. It is served by the dev server only and never
// written into a built site.
//
//go:embed reload.js
var reloadJS []byte

// ServeHTTP serves the current build as a CDN would (directory indexes,
// 404.html, the headers of _headers), with the reload script added to
// every HTML page, and the dev server's own script and event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case ReloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	case EventsPath:
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		s.errorPage(w, st)
		return
	}
	name, status := lookup(st.site, r.URL.Path)
	if status == http.StatusMovedPermanently {
		u := *r.URL
		u.Path += "/"
		http.Redirect(w, r, u.String(), status)
		return
	}
	data, _ := st.site.File(name)
	for k, vs := range st.rules.For(r.URL.Path) {
		w.Header()[k] = vs
	}
	// Hashed files change name when they change; everything else must
	// be fetched again after every rebuild.
	if w.Header().Get("Cache-Control") != headers.Immutable {
		w.Header().Set("Cache-Control", "no-store")
	}
	ctype := mediaType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, st.build)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// lookup finds the file for a URL path: the file itself, a directory's
// index.html, a redirect to the directory's address with its slash, or
// 404.html. _headers is the host's, not a page.
func lookup(site *publish.Memory, urlPath string) (string, int) {
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if _, ok := site.File(name); ok && name != "_headers" {
		return name, http.StatusOK
	}
	if _, ok := site.File(path.Join(name, "index.html")); ok {
		return "", http.StatusMovedPermanently
	}
	return "404.html", http.StatusNotFound
}

// mediaType is the Content-Type of a file of the site. Text gets its
// charset, and the few types a system's MIME table may lack are fixed here
// so the server answers the same on every machine.
func mediaType(name string) string {
	switch path.Ext(name) {
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	t := publish.MediaType(name)
	switch {
	case t == "":
		return "application/octet-stream"
	case strings.HasPrefix(t, "text/") && !strings.Contains(t, "charset"):
		return t + "; charset=utf-8"
	}
	return t
}

// inject adds the reload script to a page, before </head>: an external
// script from the site's own origin, which the site's CSP allows. The
// build's number tells the script which build the page came from, so it
// can reload if a newer one was made before it connected.
func inject(page []byte, build int) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%d" defer></script>`, ReloadPath, build)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>odop: the site does not build</title>
<script src="{{.Script}}" data-build="0" defer></script>
</head>
<body>
<h1>odop: the site does not build</h1>
<p>Fix these errors and save: the page reloads by itself.</p>
<pre>{{range .Errors}}{{.}}
{{end}}</pre>
</body>
</html>
`))

// errorPage is what every address shows until a build succeeds.
func (s *Server) errorPage(w http.ResponseWriter, st *state) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", headers.CSP())
	w.WriteHeader(http.StatusInternalServerError)
	errorPage.Execute(w, struct {
		Script string
		Errors []string
	}{ReloadPath, st.errors})
}

// events streams the server's state to a page's reload script as
// server-sent events: at once on connecting, then after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	changed := s.hub.subscribe()
	defer s.hub.unsubscribe(changed)
	// Reconnect soon after the server restarts.
	fmt.Fprint(w, "retry: 500\n\n")
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		st := s.state.Load()
		msg, _ := json.Marshal(Event{Build: st.build, Errors: st.errors})
		fmt.Fprintf(w, "event: state\ndata: %s\n\n", msg)
		flusher.Flush()
	wait:
		for {
			select {
			case <-r.Context().Done():
				return
			case <-changed:
				break wait
			case <-keepAlive.C:
				fmt.Fprint(w, ": keep-alive\n\n")
				flusher.Flush()
			}
		}
	}
}

// Event is the data of a "state" event.
type Event struct {
	Build  int      `json:"build"`            // the build being served; 0 before the first good one
	Errors []string `json:"errors,omitempty"` // the last build's errors, if it failed
}
