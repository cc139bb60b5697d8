// Command odop builds the One District One Product catalogue site.
//
//	odop build [-src DIR] [-out DIR] [-base-url URL]
//	odop check [-src DIR]
//	odop serve [-src DIR] [-addr HOST:PORT]
//
// Exit status: 0 on success, 1 when the input has defects (or the build
// fails), 2 on bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/diag"
)

const usage = `odop turns district product CSVs, YAML success stories and Markdown pages
into a static catalogue site.

Usage:
  odop build [-src DIR] [-out DIR] [-base-url URL]   build the site into -out
  odop check [-src DIR]                              check the sources; write nothing
  odop serve [-src DIR] [-addr HOST:PORT]            serve the site locally; rebuild and reload on every edit

Run "odop COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "odop: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// newFlags makes a flag set for a subcommand that reports errors instead of
// exiting, so run can return the status.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("odop "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: odop %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns -1 to go on, else the exit status.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "odop: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	return -1
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [-src DIR] [-out DIR] [-base-url URL] [-languages en,hi]", stderr)
	src := fs.String("src", ".", "the site's source `directory` (site.yaml, data/, content/, templates/, assets/)")
	out := fs.String("out", "", "the output `directory`, replaced as a whole on success (default SRC/public)")
	base := fs.String("base-url", "", "the `URL` the site is published at, for canonical links (default: base_url in site.yaml)")
	langs := fs.String("languages", "", "build only these of site.yaml's `languages`, comma-separated, the default first (default: all)")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	// On Ctrl-C or SIGTERM the build stops and removes its staging
	// directory; the output stays as it was. (SIGKILL cannot be caught:
	// then the staging directory is left and the next build removes it;
	// the output is still either the old site or the new one.)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stats, err := build.Build(build.Options{Src: build.DirFS(*src), Out: *out, BaseURL: *base, Languages: splitList(*langs), Context: ctx})
	printProblems(stderr, stats.Problems)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "odop: built %d pages (%d files, %d bytes) in %d ms into %s\n",
		stats.Pages, stats.Files, stats.Bytes, stats.Duration.Milliseconds(), *out)
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [-src DIR]", stderr)
	src := fs.String("src", ".", "the site's source `directory`")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	warnings, err := build.Check(build.Options{Src: build.DirFS(*src)})
	printProblems(stderr, warnings)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "odop: %s: no errors (%d warnings)\n", *src, len(warnings))
	return 0
}

// fail prints a build error. Input defects are printed one per line,
// compiler style, with a count; other errors as they are.
func fail(stderr io.Writer, err error) int {
	var ie *build.InputError
	if errors.As(err, &ie) {
		printProblems(stderr, ie.Problems)
		n := ie.Problems.Errors()
		fmt.Fprintf(stderr, "odop: %d %s; nothing was written\n", n, map[bool]string{true: "error", false: "errors"}[n == 1])
		return 1
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "odop: interrupted; the output directory was left as it was")
		return 1
	}
	fmt.Fprintf(stderr, "odop: %v\n", err)
	return 1
}

func printProblems(w io.Writer, l diag.List) {
	for _, p := range l {
		fmt.Fprintln(w, p)
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
