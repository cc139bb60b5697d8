package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/odop-india/odop/internal/sitetest"
)

// copySite copies the real site's sources into a temporary directory that
// a test may edit.
func copySite(t testing.TB) string {
	t.Helper()
	root := sitetest.RepoRoot(t)
	dir := t.TempDir()
	for _, name := range []string{"site.yaml", "data", "content", "templates", "assets"} {
		src := filepath.Join(root, name)
		st, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if !st.IsDir() {
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// edit replaces old by new in a file of the site, once; old must be
// there. An empty old appends new; an empty new removes the line that
// holds old.
func edit(t testing.TB, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(old))
	switch {
	case old == "":
		data = append(data, new...)
	case i < 0:
		t.Fatalf("%s has no %q", file, old)
	case new == "":
		start := bytes.LastIndexByte(data[:i], '\n') + 1
		end := i + bytes.IndexByte(data[i:], '\n') + 1
		data = append(data[:start:start], data[end:]...)
	default:
		data = bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLiveRebuildIsWholeBuild edits rows of the real catalogue in every
// way a row can change, one edit after another, and after each compares
// the incremental rebuild with a whole build of the same sources, file by
// file: re-rendering only some pages must give exactly the same site.
func TestLiveRebuildIsWholeBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real catalogue a dozen times")
	}
	dir := copySite(t)
	opts := Options{Src: os.DirFS(dir), BaseURL: "http://127.0.0.1:8080/"}
	live, err := BuildLive(opts)
	if err != nil {
		t.Fatal(err)
	}
	const (
		meghalaya = "data/products/meghalaya.csv"
		jk        = "data/products/jammu-and-kashmir.csv"
	)
	for _, e := range []struct {
		name, file, old, new string
		// at most this many pages rendered in each language; 0 for no
		// limit (the figures change, so every page does)
		most int
	}{
		{"a description", meghalaya, "a true masterpiece of tropical sweetness", "a masterpiece", 40},
		{"nothing (the same bytes rewritten)", meghalaya, "a masterpiece", "a masterpiece", 0},
		{"a product's name, so its page moves", meghalaya, "Hills,657,Turmeric,", "Hills,657,Turmeric Powder,", 40},
		{"a sector to another", meghalaya, "Cane & Bamboo Handicrafts,Secondary,Handicraft", "Cane & Bamboo Handicrafts,Secondary,Handloom", 40},
		{"a sector to a new one", meghalaya, "Cane & Bamboo Handicrafts,Secondary,Handloom", "Cane & Bamboo Handicrafts,Secondary,Bamboo Crafts", 0},
		{"the GI flag", meghalaya, "Pineapple,Primary,Agriculture,No", "Pineapple,Primary,Agriculture,Yes", 40},
		{"the category", meghalaya, "Pineapple,Primary,", "Pineapple,Secondary,", 40},
		{"an LGD code", meghalaya, "East Garo Hills,273,", "East Garo Hills,0273,", 40},
		{"a name that a story's product is listed under", jk, "Kupwara,8,Walnut,", "Kupwara,8,Walnuts,", 40},
		{"a row removed", meghalaya, "Meghalaya,East Khasi Hills,274,Cane & Bamboo Handicrafts", "", 0},
		{"a row added", meghalaya, "", "Meghalaya,East Garo Hills,273,Cashew Nut,Primary,Agriculture,No,,,\n", 0},
	} {
		edit(t, dir, e.file, e.old, e.new)
		next, err := live.Rebuild([]string{e.file})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		whole, err := BuildLive(Options{Src: os.DirFS(dir), BaseURL: opts.BaseURL})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: rendered %d of %d pages in %v (whole build %v)", e.name, next.Stats.Rendered, next.Stats.Pages,
			next.Stats.Duration, whole.Stats.Duration)
		sameSite(t, e.name, whole, next)
		if most := e.most * len(next.p.langs); most > 0 && next.Stats.Rendered > most {
			t.Errorf("%s: rendered %d pages, want at most %d (%d in each of %d languages)", e.name, next.Stats.Rendered, most, e.most, len(next.p.langs))
		}
		if e.old == e.new && next.Stats.Rendered != 0 {
			t.Errorf("%s: rendered %d pages, want none", e.name, next.Stats.Rendered)
		}
		live = next
	}
}

// sameSite fails the test unless two builds hold the same files.
func sameSite(t *testing.T, what string, want, got *Live) {
	t.Helper()
	wn, gn := want.Files.Names(), got.Files.Names()
	if !slices.Equal(wn, gn) {
		for _, n := range wn {
			if _, ok := got.Files.File(n); !ok {
				t.Errorf("%s: the rebuild lacks %s", what, n)
			}
		}
		for _, n := range gn {
			if _, ok := want.Files.File(n); !ok {
				t.Errorf("%s: the rebuild has %s, which a whole build does not", what, n)
			}
		}
		return
	}
	for _, n := range wn {
		a, _ := want.Files.File(n)
		b, _ := got.Files.File(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs from a whole build's", what, n)
		}
	}
	if want.Stats.Pages != got.Stats.Pages || strings.Join(problemLines(want), "\n") != strings.Join(problemLines(got), "\n") {
		t.Errorf("%s: stats %+v, a whole build's %+v", what, got.Stats, want.Stats)
	}
}

func problemLines(l *Live) []string {
	var out []string
	for _, p := range l.Stats.Problems {
		out = append(out, p.String())
	}
	return out
}

// BenchmarkLiveRebuild is odop serve's rebuild after a one-row edit of the
// real catalogue (a description), without the wait for the file to settle.
func BenchmarkLiveRebuild(b *testing.B) {
	// "all": every language of site.yaml; "en": English alone.
	b.Run("all", func(b *testing.B) { liveRebuild(b, nil) })
	b.Run("en", func(b *testing.B) { liveRebuild(b, []string{"en"}) })
}

func liveRebuild(b *testing.B, languages []string) {
	dir := copySite(b)
	live, err := BuildLive(Options{Src: os.DirFS(dir), BaseURL: "http://127.0.0.1:8080/", Languages: languages})
	if err != nil {
		b.Fatal(err)
	}
	const file = "data/products/meghalaya.csv"
	texts := []string{"a true masterpiece of tropical sweetness", "a true masterpiece of tropical sweetness!"}
	rendered := 0
	for i := 0; b.Loop(); i++ {
		edit(b, dir, file, texts[i%2], texts[(i+1)%2])
		if live, err = live.Rebuild([]string{file}); err != nil {
			b.Fatal(err)
		}
		rendered += live.Stats.Rendered
	}
	b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
}

// TestRebuildLetsTheBuildBeforeGo: a rebuild keeps nothing of the build it
// was made from, so a dev server's memory stays that of one build however
// many edits it serves. (A closure that held the build options, and
// through them the build before, once kept every build alive.)
func TestRebuildLetsTheBuildBeforeGo(t *testing.T) {
	dir := sitetest.Dir(t, `
-- data/products/goa.csv --
state,district,product,category,sector,gi_status,description
Goa,North Goa,Feni,Primary,Agriculture,Yes,Distilled from cashew apples.
Goa,South Goa,Khola Chilli,Primary,Agriculture,Yes,A red chilli.
`)
	const file = "data/products/goa.csv"
	live, err := BuildLive(Options{Src: os.DirFS(dir), BaseURL: "http://127.0.0.1:8080/"})
	if err != nil {
		t.Fatal(err)
	}
	gone := make(chan struct{})
	runtime.AddCleanup(live, func(ch chan struct{}) { close(ch) }, gone)
	texts := []string{"Distilled from cashew apples.", "Distilled from cashew apples!"}
	for i := range 3 {
		edit(t, dir, file, texts[i%2], texts[(i+1)%2])
		if live, err = live.Rebuild([]string{file}); err != nil {
			t.Fatal(err)
		}
		if live.Stats.Rendered == live.Stats.Pages {
			t.Fatalf("rebuild %d rendered every page: not the incremental rebuild", i)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		select {
		case <-gone:
			runtime.KeepAlive(live)
			return
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the first build is still reachable after three rebuilds")
		}
	}
}
