// Package serve is odop's dev server: it builds the site into memory,
// serves it with the headers a CDN would send, watches the sources, and
// when they change builds again and tells open pages to reload. A build
// that fails leaves the last good site in service; its errors go to the
// terminal and, over the page, to the browser.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/headers"
	"github.com/odop-india/odop/internal/publish"
)

// Options configure a dev server.
type Options struct {
	Src string    // the site's source directory
	Log io.Writer // the terminal: builds, warnings and errors
	// Languages, when not empty, serves only these of the site's
	// languages, for quicker rebuilds.
	Languages []string
	// Poll is how often the sources are looked at; 0 means 100 ms.
	Poll time.Duration
}

// Server is a dev server. Its zero value is not usable; see Run.
type Server struct {
	src   string
	log   io.Writer
	poll  time.Duration
	langs []string
	base  string // the site's URL, "http://127.0.0.1:8080/"

	state atomic.Pointer[state]
	hub   hub
	// warnings are the last build's warnings, printed again only when they
	// change. Only the goroutine that builds touches them, and live.
	warnings []string
	// live is the last good build, from which the next one re-renders
	// only what an edit of product rows changed.
	live *build.Live
}

// state is what the server serves: the last good build and the errors of
// the last build, if it failed. It is replaced whole, never changed.
type state struct {
	site   *publish.Memory // nil until a build succeeds
	rules  headers.Rules   // the site's _headers
	build  int             // the number of the build in site, 0 for none
	errors []string        // the last build's errors; nil when it succeeded
}

// Run builds the site, serves it on ln until ctx is done, and rebuilds it
// whenever the sources change. The first build may fail: the server then
// shows its errors until an edit fixes them.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	s := &Server{src: opts.Src, log: opts.Log, poll: opts.Poll, langs: opts.Languages, base: "http://" + ln.Addr().String() + "/"}
	if s.log == nil {
		s.log = io.Discard
	}
	if s.poll <= 0 {
		s.poll = 100 * time.Millisecond
	}
	s.state.Store(&state{})
	snap := s.rebuild(nil)
	fmt.Fprintf(s.log, "odop: serving %s (Ctrl-C to stop)\n", s.base)

	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests share ctx, so the event streams end when it does and
		// Shutdown need not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	go s.watch(ctx, snap)
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return nil
	}
}

// settle is how long a change must stay as it is before it is built, so
// that a save in several writes (or a checkout of many files) is built
// once, from its end state.
// When the kernel reports changes (see notifier), a change has settled
// once it has reported nothing for quiet: a save is a few writes within
// microseconds, so this is short. When the last change it reported ended
// a write (the file was closed or moved into place), closed is enough: a
// moment to take in a save that touches several files.
const (
	settle = 25 * time.Millisecond
	quiet  = 8 * time.Millisecond
	closed = time.Millisecond
)

// watch looks at the sources every poll interval, and at once when the
// kernel reports a change, and rebuilds once a change has settled.
func (s *Server) watch(ctx context.Context, built snapshot) {
	n := newNotifier(s.src)
	defer n.close()
	wait := settle
	if n != nil {
		wait = quiet
	}
	tick := time.NewTicker(s.poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-n.C():
		}
		cur := takeSnapshot(s.src)
		if cur.equal(built) {
			continue
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-n.C():
				continue // still changing
			case <-time.After(waitFor(n, wait)):
			}
			again := takeSnapshot(s.src)
			if again.equal(cur) {
				break
			}
			cur = again
		}
		n.addWatches(s.src) // directories made since
		built = s.rebuild(built.diff(cur))
	}
}

// waitFor is how long to wait for a change to settle: closed when the
// kernel says every write has ended, else wait.
func waitFor(n *notifier, wait time.Duration) time.Duration {
	if n.settled() {
		return closed
	}
	return wait
}

// rebuild builds the site into memory and serves it if the build
// succeeded; either way open pages hear of it. It returns the snapshot of
// the sources taken just before the build, so an edit made during the
// build is seen as a change afterwards. changed names the files that
// changed, for the terminal; nil for the first build.
func (s *Server) rebuild(changed []string) snapshot {
	snap := takeSnapshot(s.src)
	var next *build.Live
	var err error
	if s.live == nil || changed == nil {
		next, err = build.BuildLive(build.Options{Src: os.DirFS(s.src), BaseURL: s.base, Languages: s.langs})
	} else {
		next, err = s.live.Rebuild(changed)
	}
	var rules headers.Rules
	if err == nil {
		if h, ok := next.Files.File("_headers"); ok {
			rules, err = headers.Parse(h)
		}
	}
	old := s.state.Load()
	after := ""
	if changed != nil {
		after = " after a change to " + summarize(changed)
	}
	if err != nil {
		lines, n := problems(err)
		for _, l := range lines {
			fmt.Fprintln(s.log, l)
		}
		keep := "nothing to serve until it is fixed"
		if old.site != nil {
			keep = "still serving the last good build"
		}
		fmt.Fprintf(s.log, "odop: build%s failed: %d %s; %s\n", after, n, plural(n, "error"), keep)
		s.state.Store(&state{site: old.site, rules: old.rules, build: old.build, errors: lines})
	} else {
		st := next.Stats
		s.live = next
		s.printWarnings(st)
		what := "built"
		if changed != nil {
			what = "rebuilt"
		}
		rendered := ""
		if st.Rendered < st.Pages {
			rendered = fmt.Sprintf(" (%d rendered, the rest kept)", st.Rendered)
		}
		fmt.Fprintf(s.log, "odop: %s %d pages%s in %d ms%s\n", what, st.Pages, rendered, st.Duration.Milliseconds(), after)
		s.state.Store(&state{site: next.Files, rules: rules, build: old.build + 1})
	}
	s.hub.notify()
	return snap
}

// problems are a failed build's errors and warnings, one a line as the
// terminal shows them ("data/products/x.csv:3:7: ..."), and the number of
// errors among them.
func problems(err error) ([]string, int) {
	var ie *build.InputError
	if errors.As(err, &ie) {
		var out []string
		for _, p := range ie.Problems {
			out = append(out, p.String())
		}
		return out, ie.Problems.Errors()
	}
	return []string{err.Error()}, 1
}

func (s *Server) printWarnings(st build.Stats) {
	var ws []string
	for _, p := range st.Problems {
		ws = append(ws, p.String())
	}
	if slices.Equal(ws, s.warnings) {
		return
	}
	s.warnings = ws
	for _, w := range ws {
		fmt.Fprintln(s.log, w)
	}
}

func summarize(files []string) string {
	if len(files) <= 3 {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more files", strings.Join(files[:2], ", "), len(files)-2)
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
