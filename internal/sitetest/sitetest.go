// Package sitetest helps tests build small sites from files written in the
// test, in the txtar format:
//
//	-- data/products/x.csv --
//	state,district,product,...
//	-- content/stories/y.yaml --
//	title: ...
//
// The files are laid over the repository's own site.yaml, templates/ and
// assets/, so a test writes only the data it is about.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/i18n"
)

// Parse reads a txtar archive into a map from file name to content.
// Text before the first file marker is a comment and is dropped.
func Parse(archive string) map[string]string {
	files := map[string]string{}
	name := ""
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return files
}

// Copy reads the repository's files and directories named (such as
// "site.yaml", "data") into memory, so that a test can edit them without
// touching the repository.
func Copy(t testing.TB, names ...string) fstest.MapFS {
	t.Helper()
	root := os.DirFS(RepoRoot(t))
	m := fstest.MapFS{}
	for _, name := range names {
		err := fs.WalkDir(root, name, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// RepoRoot is the directory holding go.mod, found from the test's working
// directory upwards.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("sitetest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// FS returns the repository's site.yaml, templates/ and assets/ with the
// archive's files laid over them. A file in the archive with the content
// "!delete" removes that file. The site is in English only, unless the
// archive brings its own site.yaml: most tests are about one language,
// and need not build eight; FSAllLanguages keeps them all.
func FS(t testing.TB, archive string) fs.FS {
	t.Helper()
	return overlay(t, archive, false)
}

// FSAllLanguages is FS with every language of the repository's site.yaml.
func FSAllLanguages(t testing.TB, archive string) fs.FS {
	t.Helper()
	return overlay(t, archive, true)
}

func overlay(t testing.TB, archive string, allLanguages bool) fs.FS {
	t.Helper()
	m := Copy(t, "templates", "assets")
	site, err := fs.ReadFile(os.DirFS(RepoRoot(t)), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !allLanguages {
		site = englishOnly(site)
	}
	m["site.yaml"] = &fstest.MapFile{Data: site, Mode: 0o644}
	for name, content := range Parse(archive) {
		if strings.TrimSpace(content) == "!delete" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	return m
}

// EnglishOnly is src with its site.yaml's languages cut to English alone,
// for benchmarks and comparisons that measure one language's site.
func EnglishOnly(src fs.FS) fs.FS { return englishFS{src} }

type englishFS struct{ fs.FS }

func (e englishFS) Open(name string) (fs.File, error) {
	if name != "site.yaml" {
		return e.FS.Open(name)
	}
	data, err := fs.ReadFile(e.FS, name)
	if err != nil {
		return nil, err
	}
	return fstest.MapFS{name: {Data: englishOnly(data), Mode: 0o644}}.Open(name)
}

// englishOnly replaces site.yaml's languages with English alone, written
// as a flow list (languages: [en, hi]) or a block one (one "- hi" line each).
func englishOnly(site []byte) []byte {
	var out []string
	inList := false
	for _, l := range strings.SplitAfter(string(site), "\n") {
		switch {
		case strings.HasPrefix(l, "languages:"):
			out = append(out, "languages: [en]\n")
			inList = true
			continue
		case inList && strings.HasPrefix(strings.TrimSpace(l), "- "):
			continue // an item of a block list
		}
		inList = false
		out = append(out, l)
	}
	return []byte(strings.Join(out, ""))
}

// Dir writes the archive's files laid over the repository's site.yaml,
// templates/ and assets/ into a new temporary directory, for tests that
// run the command line.
func Dir(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	fsys := FS(t, archive)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// ReadTree reads every file under dir into a map keyed by slash path, to
// compare two outputs byte for byte.
func ReadTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// SameTree fails the test unless two trees read by ReadTree hold the same
// files with the same bytes; what names the trees in messages.
func SameTree(t testing.TB, what string, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d files vs %d", what, len(a), len(b))
	}
	for name, data := range a {
		if d, ok := b[name]; !ok || d != data {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// Load loads src's catalogue and the translation files of its languages,
// and fails the test on any error in either.
func Load(t testing.TB, src fs.FS) (*catalog.Catalog, []*i18n.Lang) {
	t.Helper()
	c, problems := catalog.Load(src)
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	langs, problems := i18n.Load(src, c.Site.Languages)
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	return c, langs
}
