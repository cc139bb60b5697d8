package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/odop-india/odop/internal/serve"
)

// runServe serves the site from memory on a local address, rebuilding it
// and reloading open pages whenever the sources change, until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-src DIR] [-addr HOST:PORT] [-languages en,hi]", stderr)
	src := fs.String("src", ".", "the site's source `directory`")
	addr := fs.String("addr", "127.0.0.1:8080", "the `address` to listen on")
	langs := fs.String("languages", "", "serve only these of site.yaml's `languages`, comma-separated (default: all)")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "odop: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.Run(ctx, ln, serve.Options{Src: *src, Log: stderr, Languages: splitList(*langs)}); err != nil {
		fmt.Fprintf(stderr, "odop: %v\n", err)
		return 1
	}
	return 0
}
