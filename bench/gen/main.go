// Command gen writes a site N times the size of the real catalogue, for
// speed tests:
//
//	go run ./bench/gen -scale 10 -out /tmp/odop-x10
//
// Every product row is repeated N times in districts of its own (see
// package scalegen); site.yaml, templates, assets, stories, pages and the
// GI registry are copied as they are. The output is the same for the same
// N, and passes "odop check".
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/odop-india/odop/internal/scalegen"
)

func main() {
	scale := flag.Int("scale", 10, "how many times to repeat the catalogue")
	src := flag.String("src", ".", "the site `directory` to multiply")
	out := flag.String("out", "", "the `directory` to write; must not exist or be empty")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gen: %s is not empty\n", *out)
		os.Exit(1)
	}
	if err := scalegen.Write(os.DirFS(*src), *out, *scale); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
