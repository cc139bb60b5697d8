package build

// Benchmarks for the whole build and for each stage, at the real
// catalogue's size (x1) and ten times it (x10, made by package scalegen in
// a temporary directory). Each reports pages/s: the site's pages over the
// time the stage takes, so stages can be compared with each other and with
// the whole. Run them with
//
//	go test ./internal/build -run '^$' -bench . -benchmem
//
// Speed is measured here and in bench/compare-hugo.sh, never asserted in
// a test.

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/scalegen"
	"github.com/odop-india/odop/internal/site"
	"github.com/odop-india/odop/internal/sitetest"
)

// scales runs bench once per catalogue size with that size's sources:
// x1 and x10 in English alone, the site that the Hugo comparison builds
// too, and x1 in all of site.yaml's languages, the site as published.
func scales(b *testing.B, bench func(b *testing.B, src fs.FS)) {
	root := sitetest.RepoRoot(b)
	b.Run("x1", func(b *testing.B) { bench(b, sitetest.EnglishOnly(os.DirFS(root))) })
	b.Run("x10", func(b *testing.B) {
		dir := b.TempDir()
		if err := scalegen.Write(os.DirFS(root), dir, 10); err != nil {
			b.Fatal(err)
		}
		bench(b, sitetest.EnglishOnly(os.DirFS(dir)))
	})
	b.Run("x1-languages", func(b *testing.B) { bench(b, os.DirFS(root)) })
}

// outputs runs bench once per kind of output file system: "tmpfs" (RAM,
// where there is one) shows odop's own work, "disk" adds the cost of the
// file system under the test's temporary directory.
func outputs(b *testing.B, bench func(b *testing.B, dir string)) {
	b.Run("tmpfs", func(b *testing.B) {
		if st, err := os.Stat("/dev/shm"); err != nil || !st.IsDir() {
			b.Skip("no /dev/shm")
		}
		dir, err := os.MkdirTemp("/dev/shm", "odop-bench-")
		if err != nil {
			b.Skip(err)
		}
		defer os.RemoveAll(dir)
		bench(b, dir)
	})
	b.Run("disk", func(b *testing.B) { bench(b, b.TempDir()) })
}

func reportPages(b *testing.B, pages int) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// prepared loads and plans src for a stage benchmark, outside its timing.
func mustPrepare(b *testing.B, src fs.FS) *prepared {
	b.Helper()
	p, err := prepare(Options{Src: src, BaseURL: "https://example.org/"}, publish.NewMinifier())
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkBuild is the whole of "odop build": load, plan, render and
// publish into a fresh output directory each time (the old output is
// removed outside the timing, as a first build would find it).
func BenchmarkBuild(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		outputs(b, func(b *testing.B, dir string) {
			out := filepath.Join(dir, "public")
			var st Stats
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var err error
				if st, err = Build(Options{Src: src, Out: out, BaseURL: "https://example.org/"}); err != nil {
					b.Fatal(err)
				}
			}
			reportPages(b, st.Pages)
			b.ReportMetric(float64(st.Bytes), "bytes")
		})
	})
}

// BenchmarkLoad reads and checks the sources into a catalogue.
func BenchmarkLoad(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		pages := len(mustPrepare(b, src).pages)
		for b.Loop() {
			if _, problems := catalog.Load(src); problems.Errors() > 0 {
				b.Fatal(problems)
			}
		}
		reportPages(b, pages)
	})
}

// BenchmarkPlan lists every page of the site.
func BenchmarkPlan(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		for b.Loop() {
			if _, err := site.Plan(p.cat, p.langs); err != nil {
				b.Fatal(err)
			}
		}
		reportPages(b, len(p.pages))
	})
}

// BenchmarkTemplates parses, minifies, escapes and folds the templates.
func BenchmarkTemplates(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		m := publish.NewMinifier()
		for b.Loop() {
			if _, err := site.NewRenderer(src, p.cat, site.Options{BaseURL: p.baseURL, Languages: p.langs, Assets: p.assetPaths,
				MinifyTemplate: m.MinifyTemplate}); err != nil {
				b.Fatal(err)
			}
		}
		reportPages(b, len(p.pages))
	})
}

// BenchmarkRender renders every page on one goroutine, into a buffer that
// is reused, so the figure is html/template's and the page data's cost
// alone. The build renders on every core.
func BenchmarkRender(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		var buf bytes.Buffer
		for b.Loop() {
			for _, pg := range p.pages {
				buf.Reset()
				if err := p.renderer.Render(&buf, pg); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportPages(b, len(p.pages))
	})
}

// BenchmarkMinify: "templates" is what the build minifies (the template
// sources and the assets, once); "pages" is what minifying every rendered
// page would cost instead, the way the build used to work.
func BenchmarkMinify(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		b.Run("templates", func(b *testing.B) {
			m := publish.NewMinifier()
			names, err := fs.Glob(src, "templates/*.html")
			if err != nil {
				b.Fatal(err)
			}
			partials, _ := fs.Glob(src, "templates/partials/*.html")
			for b.Loop() {
				for _, name := range append(names, partials...) {
					data, err := fs.ReadFile(src, name)
					if err == nil {
						_, err = m.MinifyTemplate(data)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				if _, _, err := loadAssets(src, m, nil); err != nil {
					b.Fatal(err)
				}
			}
			reportPages(b, len(p.pages))
		})
		b.Run("pages", func(b *testing.B) {
			pages := renderAllToMemory(b, p)
			m := publish.NewMinifier()
			for b.Loop() {
				for _, html := range pages {
					if _, err := m.Minify("text/html", html); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportPages(b, len(p.pages))
		})
	})
}

// BenchmarkGenerate runs the generators: the search index, sitemap,
// feeds, open-data downloads and _headers, as they are added to
// generators() in generate.go, and writes the streamed files to nowhere.
func BenchmarkGenerate(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		_, loaded, err := loadAssets(src, publish.NewMinifier(), nil)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			assets := map[string]string{}
			for k, v := range loaded {
				assets[k] = v
			}
			in := &Input{Cat: p.cat, Lang: p.langs[0], Pages: p.pages, BaseURL: p.baseURL, Assets: assets}
			files, err := generate(in, firstGenerators(), nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			later, err := generate(in, laterGenerators(), headersFile, nil)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, later...)
			// Streamed files are written with the pages; they are made
			// here all the same.
			for _, f := range files {
				if f.stream != nil {
					if err := f.stream(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		reportPages(b, len(p.pages))
	})
}

// BenchmarkWrite publishes pages rendered beforehand: the staging
// directory, its directories and files, and the swap.
func BenchmarkWrite(b *testing.B) {
	scales(b, func(b *testing.B, src fs.FS) {
		p := mustPrepare(b, src)
		pages := renderAllToMemory(b, p)
		outputs(b, func(b *testing.B, dir string) {
			out := filepath.Join(dir, "public")
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				stage, err := publish.NewStage(out)
				if err != nil {
					b.Fatal(err)
				}
				if err := writeRendered(stage, p, pages); err != nil {
					b.Fatal(err)
				}
				if err := stage.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			reportPages(b, len(p.pages))
		})
	})
}

// renderAllToMemory renders every page of p, outside any timing.
func renderAllToMemory(b *testing.B, p *prepared) [][]byte {
	b.Helper()
	out := make([][]byte, len(p.pages))
	for i, pg := range p.pages {
		var buf bytes.Buffer
		if err := p.renderer.Render(&buf, pg); err != nil {
			b.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	return out
}

// writeRendered writes p's assets and the given pages to sink the way the
// build does, but without rendering.
func writeRendered(sink publish.Sink, p *prepared, pages [][]byte) error {
	for _, a := range p.assets {
		if err := p.putAsset(sink, a); err != nil {
			return err
		}
	}
	if _, err := p.writeLater(func(a asset) error { return p.putAsset(sink, a) }); err != nil {
		return err
	}
	for i, pg := range p.pages {
		if err := sink.Write(pg.File(), pages[i]); err != nil {
			return err
		}
	}
	return nil
}
