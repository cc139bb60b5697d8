package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/odop-india/odop/internal/build"
)

// runServe builds the site into a temporary directory and serves it on a
// loopback address, with canonical links pointing at that address.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-src DIR] [-addr HOST:PORT]", stderr)
	src := fs.String("src", ".", "the site's source `directory`")
	addr := fs.String("addr", "127.0.0.1:8080", "the `address` to listen on")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "odop: %v\n", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "odop-serve-")
	if err != nil {
		fmt.Fprintf(stderr, "odop: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	base := "http://" + ln.Addr().String() + "/"
	stats, err := build.Build(build.Options{Src: build.DirFS(*src), Out: out, BaseURL: base})
	printProblems(stderr, stats.Problems)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "odop: built %d pages in %d ms; serving %s\n", stats.Pages, stats.Duration.Milliseconds(), base)
	if err := http.Serve(ln, notFound(out, http.FileServer(http.Dir(out)))); err != nil {
		fmt.Fprintf(stderr, "odop: %v\n", err)
		return 1
	}
	return 0
}

// notFound serves the site's 404.html for paths that have no file, as a CDN
// would.
func notFound(root string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(root, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(p); err != nil {
			body, err := os.ReadFile(filepath.Join(root, "404.html"))
			if err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(body)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
