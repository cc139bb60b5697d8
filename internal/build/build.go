// Package build wires the stages together: load the catalogue, plan the
// pages, render them in parallel, minify, and publish the output directory
// in one step. Nothing is written to the output unless every stage passed.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing/fstest"
	"time"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/headers"
	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/site"
)

// Options say what to build and where.
type Options struct {
	Src     fs.FS  // the site's sources (site.yaml, data/, content/, templates/, assets/)
	Out     string // the output directory, replaced as a whole on success
	BaseURL string // overrides site.yaml's base_url when not empty
	Workers int    // render workers; 0 means one per CPU
	// Context, when not nil, stops the build when it is done (on Ctrl-C,
	// say): the build returns its error and the output stays as it was.
	// It is an option rather than a parameter so that callers that never
	// cancel need not pass one.
	Context context.Context
	// Languages, when not empty, builds only these of site.yaml's
	// languages (the first stays the default): tests and comparisons that
	// need one language need not build eight.
	Languages []string
	// Cache, when not nil, is kept between builds (by odop serve) so that
	// unchanged assets, templates and images are not made again.
	Cache *Cache

	// lazyTemplates parses each page kind's template when a page of that
	// kind is first rendered: for a rebuild whose templates the build
	// before has checked, and which renders a few kinds of page.
	lazyTemplates bool
	// templatesFrom, when set, is the renderer of the build before, whose
	// template sets this build takes over (see site.Renderer.Rebind): for
	// a rebuild whose templates and translations the build before read.
	templatesFrom *site.Renderer
	// alongside, when set, is run with the catalogue and the page plan
	// while the generators run; prepare returns once it has returned.
	alongside func(*catalog.Catalog, []*site.Page)
}

func (o Options) context() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// Stats describe a finished build.
type Stats struct {
	Pages    int
	Rendered int // of Pages, how many were rendered; the rest were kept from the build before
	Files    int64
	Bytes    int64
	Duration time.Duration
	Problems diag.List // warnings
}

func (s Stats) String() string {
	return fmt.Sprintf("%d pages, %d files, %d bytes, %d ms", s.Pages, s.Files, s.Bytes, s.Duration.Milliseconds())
}

// InputError is returned when the site's sources have defects; it holds
// all of them, sorted.
type InputError struct{ Problems diag.List }

func (e *InputError) Error() string { return diag.ErrorList(e.Problems).Error() }

// prepared is a site ready to render: everything but the writing.
type prepared struct {
	src        fs.FS
	cat        *catalog.Catalog
	langs      []*i18n.Lang
	baseURL    *url.URL
	assetPaths map[string]string // an asset's name to its output path, or a stand-in (see renderWithLater)
	pages      []*site.Page
	renderer   *site.Renderer
	renderOpts site.Options // what renderer was made with
	assets     []asset      // assets/ and generated files the pages name, ready to write as they are
	input      *Input       // for the generators that run while the pages render
	problems   diag.List
	minifier   *publish.Minifier // nil when checking
	files      atomic.Int64
	bytes      atomic.Int64
	// others are the names of the files written that are not pages.
	othersMu sync.Mutex
	others   []string
}

// wrote records the name of a file written that is not a page.
func (p *prepared) wrote(name string) {
	p.othersMu.Lock()
	p.others = append(p.others, name)
	p.othersMu.Unlock()
}

type asset struct {
	name string // path in the output
	data []byte // minified
	// stream writes a generated file too large to hold, instead of data.
	stream func(io.Writer) error
}

// prepare loads and checks everything that can be checked without writing.
func prepare(opts Options, m *publish.Minifier) (*prepared, error) {
	// The assets do not depend on the catalogue: read and minify them
	// while it loads.
	var (
		assets  []asset
		amap    map[string]string
		errAsst error
		loaded  = make(chan struct{})
	)
	go func() {
		defer close(loaded)
		assets, amap, errAsst = loadAssets(opts.Src, m, opts.Cache)
	}()
	cat, problems := catalog.LoadCached(opts.Src, opts.Cache.catalogCache())
	<-loaded
	base := cat.Site.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
	}
	baseURL, err := catalog.ParseBaseURL(base)
	if err != nil {
		problems.Errorf(diag.Pos{File: "-base-url"}, "%v", err)
	}
	if errAsst != nil {
		problems.Errorf(diag.Pos{File: "assets"}, "%v", errAsst)
	}
	if problems.Errors() > 0 {
		problems.Sort()
		return nil, &InputError{problems}
	}
	// The search index is made while everything else is. Should prepare
	// fail, it waits for it, as the index uses the cache, which the next
	// build will.
	searchFiles := startSearchIndex(cat, opts.Cache)
	ready := false
	defer func() {
		if !ready {
			searchFiles()
		}
	}()
	langs, lp := loadLanguages(opts, cat)
	problems = append(problems, lp...)
	if problems.Errors() > 0 {
		problems.Sort()
		return nil, &InputError{problems}
	}
	// The files that pages name are made while the pages are planned.
	in := &Input{Cat: cat, Lang: langs[0], BaseURL: baseURL, Assets: amap, cache: opts.Cache, searchFiles: searchFiles}
	var (
		generated []asset
		errGen    error
		made      = make(chan struct{})
	)
	go func() {
		defer close(made)
		generated, errGen = generate(in, firstGenerators(), nil, nil)
	}()
	pages, err := site.Plan(cat, langs)
	<-made
	if err != nil {
		return nil, &InputError{diag.List{{Pos: diag.Pos{File: i18n.Dir}, Msg: err.Error()}}}
	}
	if errGen != nil {
		return nil, errGen
	}
	in.Pages = pages
	in.pagesSum = sync.OnceValue(func() [32]byte { return digestPages(pages) })
	if opts.alongside != nil {
		done := make(chan struct{})
		go func() {
			defer close(done)
			opts.alongside(cat, pages)
		}()
		defer func() { <-done }()
	}
	assets = append(assets, generated...)
	// Files made while the pages render are named by a stand-in until
	// they are made: see renderWithLater.
	for _, name := range namedLater() {
		if _, dup := amap[name]; dup {
			return nil, fmt.Errorf("generated file %s clashes with an asset", name)
		}
		amap[name] = standIn(name)
	}
	so := site.Options{BaseURL: baseURL, Languages: langs, Assets: amap, MetaCSP: headers.MetaCSP(), Lazy: opts.lazyTemplates}
	if m != nil {
		// The renderer, and so the build, keeps this function: it must
		// not hold opts, whose alongside holds a dev server's build
		// before (and so every build before that).
		cache := opts.Cache
		so.MinifyTemplate = func(src []byte) ([]byte, error) {
			return cache.do("template\x00"+string(src), func() ([]byte, error) { return m.MinifyTemplate(src) })
		}
	}
	var r *site.Renderer
	if opts.templatesFrom != nil {
		r, err = opts.templatesFrom.Rebind(cat, so)
	} else {
		r, err = site.NewRenderer(opts.Src, cat, so)
	}
	if err != nil {
		return nil, &InputError{diag.List{{Pos: diag.Pos{File: "templates"}, Msg: err.Error()}}}
	}
	names := make([]string, len(assets))
	for i, a := range assets {
		names[i] = a.name
	}
	for _, name := range collisions(pages, names) {
		problems.Errorf(diag.Pos{File: name}, "two pages would be written to %s", name)
	}
	if problems.Errors() > 0 {
		return nil, &InputError{problems}
	}
	ready = true
	return &prepared{src: opts.Src, cat: cat, langs: langs, renderOpts: so, baseURL: baseURL, assetPaths: amap, pages: pages, renderer: r,
		assets: assets, input: in, problems: problems, minifier: m}, nil
}

// loadLanguages reads the translation files of the languages to build:
// site.yaml's, or those of opts.Languages that site.yaml has.
func loadLanguages(opts Options, cat *catalog.Catalog) ([]*i18n.Lang, diag.List) {
	tags := cat.Site.Languages
	if len(opts.Languages) > 0 {
		var problems diag.List
		var keep []string
		for _, want := range opts.Languages {
			found := false
			for _, tag := range tags {
				if strings.EqualFold(tag, want) {
					keep = append(keep, tag)
					found = true
				}
			}
			if !found {
				problems.Errorf(diag.Pos{File: "-languages"}, "%s is not among site.yaml's languages (%s)", want, strings.Join(tags, ", "))
			}
		}
		if problems.Errors() > 0 {
			return nil, problems
		}
		tags = keep
	}
	// The files are read here, and loaded only if they changed since the
	// build before (odop serve's rebuilds keep a Cache).
	files := fstest.MapFS{}
	for _, tag := range tags {
		name := path.Join(i18n.Dir, tag+".yaml")
		if data, err := fs.ReadFile(opts.Src, name); err == nil {
			files[name] = &fstest.MapFile{Data: data}
		}
	}
	return opts.Cache.languages(tags, files)
}

// loadAssets reads every file under assets/, minifies it and names it by
// its content hash, so it can be cached for ever. It returns the files
// and a map from each asset's name (relative to assets/) to its output
// path.
func loadAssets(src fs.FS, m *publish.Minifier, cache *Cache) ([]asset, map[string]string, error) {
	var out []asset
	names := map[string]string{}
	err := fs.WalkDir(src, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if m != nil {
			in := data
			data, err = cache.do("asset\x00"+p+"\x00"+string(in), func() ([]byte, error) {
				return m.Minify(publish.MediaType(p), in)
			})
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		name := publish.Fingerprint(p, data)
		names[strings.TrimPrefix(p, "assets/")] = name
		out = append(out, asset{name: name, data: data})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, names, err
}

// Check loads the site and renders every page without writing anything,
// so that template errors are found too.
func Check(opts Options) (diag.List, error) {
	p, err := prepare(opts, nil)
	if err != nil {
		return nil, err
	}
	if _, _, err := p.generateLater(nil); err != nil {
		return p.problems, err
	}
	for _, pg := range p.pages {
		if err := p.renderer.Render(io.Discard, pg); err != nil {
			return p.problems, err
		}
	}
	return p.problems, nil
}

// Build builds the site into opts.Out. On any error the output directory
// is left exactly as it was.
func Build(opts Options) (Stats, error) {
	start := time.Now()
	stage, err := publish.NewStage(opts.Out)
	if err != nil {
		return Stats{}, err
	}
	st, err := BuildTo(opts, stage)
	if err == nil {
		err = opts.context().Err() // the last moment to give up
	}
	if err != nil {
		stage.Abort()
		return Stats{}, err
	}
	if err := stage.Commit(); err != nil {
		stage.Abort()
		return Stats{}, err
	}
	st.Duration = time.Since(start)
	return st, nil
}

// BuildTo builds the site into any Sink, such as a publish.Memory; opts.Out
// is not used. On error the sink may hold part of the site.
func BuildTo(opts Options, sink publish.Sink) (Stats, error) {
	start := time.Now()
	p, err := prepare(opts, publish.NewMinifier())
	if err != nil {
		return Stats{}, err
	}
	if err := write(opts.context(), sink, p, opts.Workers); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: len(p.pages), Rendered: len(p.pages), Files: p.files.Load(), Bytes: p.bytes.Load(), Problems: p.problems,
		Duration: time.Since(start)}, nil
}

// put writes one finished file to the sink and counts it.
func (p *prepared) put(sink publish.Sink, name string, data []byte) error {
	if err := sink.Write(name, data); err != nil {
		return err
	}
	p.files.Add(1)
	p.bytes.Add(int64(len(data)))
	return nil
}

// putAsset writes an asset or generated file.
func (p *prepared) putAsset(sink publish.Sink, a asset) error {
	p.wrote(a.name)
	if a.stream == nil {
		return p.put(sink, a.name, a.data)
	}
	n, err := sink.Stream(a.name, a.stream)
	if err != nil {
		return err
	}
	p.files.Add(1)
	p.bytes.Add(n)
	return nil
}

// write writes the assets and the generated files the pages name, then
// every page, while the other generators make and write their files. The
// sink makes directories as files need them, so they are made by the
// workers in parallel rather than all up front.
func write(ctx context.Context, sink publish.Sink, p *prepared, workers int) error {
	put := func(a asset) error { return p.putAsset(sink, a) }
	for _, a := range p.assets {
		if err := put(a); err != nil {
			p.settle()
			return err
		}
	}
	// Written: the search index is a large file of a big catalogue, and
	// need not be held while pages render.
	p.assets = nil
	return p.renderWithLater(ctx, sink, p.pages, workers, put)
}

// settle waits for what prepare left running (the search index), for a
// build that gives up before renderWithLater, which waits for it.
func (p *prepared) settle() { p.input.searchFiles() }

// renderWithLater renders pages into sink while the later generators run
// and put writes their files. A page that names a file they make, by its
// stand-in name, is held back and rendered again once the file is made,
// with its name: the search page waits for the search index, and no other
// page need.
func (p *prepared) renderWithLater(ctx context.Context, sink publish.Sink, pages []*site.Page, workers int, put func(asset) error) error {
	var (
		named  map[string]string
		errGen error
		made   = make(chan struct{})
	)
	go func() {
		defer close(made)
		named, errGen = p.writeLater(put)
	}()
	held, err := renderAll(ctx, sink, p, p.renderer, pages, workers, true)
	<-made
	if err == nil {
		err = errGen
	}
	if err != nil || len(held) == 0 {
		return err
	}
	so := p.renderOpts
	so.Assets = named
	// A few pages: the sets of the renderer before, where it has sets
	// for any catalogue, serve.
	r, err := p.renderer.Rebind(p.cat, so)
	if err != nil {
		return err
	}
	p.renderer = r
	_, err = renderAll(ctx, sink, p, r, held, workers, false)
	return err
}

// generateLater runs the later generators and returns their files and
// the names of every asset and hashed file; stream is as generate's. p
// stays as it was: it can run again.
func (p *prepared) generateLater(stream func(asset)) ([]asset, map[string]string, error) {
	in := *p.input
	in.Files = slices.Clip(in.Files) // appended to, as a copy
	in.Assets = maps.Clone(in.Assets)
	for _, name := range namedLater() {
		delete(in.Assets, name) // the stand-in
	}
	files, err := generate(&in, laterGenerators(), headersFile, stream)
	return files, in.Assets, err
}

// writeLater runs the later generators, writes each file with put, and
// returns the names of every asset and hashed file. Streamed files (the
// open data) are written as soon as their generator returns, while the
// others (the search index) are still being made.
func (p *prepared) writeLater(put func(asset) error) (map[string]string, error) {
	var (
		wg      sync.WaitGroup
		errOnce sync.Once
		errPut  error
	)
	start := func(a asset) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := put(a); err != nil {
				errOnce.Do(func() { errPut = err })
			}
		}()
	}
	files, named, err := p.generateLater(start)
	for _, a := range files {
		if err != nil {
			break
		}
		if a.stream == nil { // streamed ones were started
			err = put(a)
		}
	}
	wg.Wait()
	if err == nil {
		err = errPut
	}
	return named, err
}

// renderAll renders pages with r and writes them on several goroutines;
// each page is written as soon as it is rendered, so memory holds a page
// per worker, not the site. The first error stops the rest. With hold,
// pages that show a stand-in name are not written but returned.
func renderAll(ctx context.Context, sink publish.Sink, p *prepared, r *site.Renderer, pages []*site.Page, workers int, hold bool) ([]*site.Page, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *site.Page)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		stop     = make(chan struct{})
		heldMu   sync.Mutex
		held     []*site.Page
		mark     = []byte(pendingMark)
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; close(stop) })
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One buffer per worker, reused for every page it renders: a
			// sink does not keep what it is given. The templates were
			// minified when parsed, so the page is written as rendered.
			var buf bytes.Buffer
			for pg := range jobs {
				buf.Reset()
				err := r.Render(&buf, pg)
				if err == nil && hold && bytes.Contains(buf.Bytes(), mark) {
					heldMu.Lock()
					held = append(held, pg)
					heldMu.Unlock()
					continue
				}
				if err == nil {
					err = p.put(sink, pg.File(), buf.Bytes())
				}
				if err != nil {
					fail(err)
				}
			}
		}()
	}
feed:
	for _, pg := range pages {
		select {
		case jobs <- pg:
		case <-stop:
			break feed
		case <-ctx.Done():
			fail(ctx.Err())
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return held, firstErr
}

// DirFS is os.DirFS, named here so callers need not import os for it.
func DirFS(dir string) fs.FS { return os.DirFS(dir) }
