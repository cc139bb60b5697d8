package browsertest

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/sitetest"
)

// hostile puts a different attack in every free-text field of a product,
// a district, a GI entry, a story and a page. Each attack, if it ran,
// would open a dialog and set window.__pwned. The category is not among
// them: check accepts only Primary, Secondary, Tertiary or Others there.
const hostile = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status,ministry_department,description,photo_url,hs_code
Meghalaya,"Hills ""><svg onload=""window.__pwned=2;alert(2)"">",275,"<img src=x onerror=""window.__pwned=1;alert(1)"">",Primary,</script><script>window.__pwned=3;alert(3)</script>,yes,'-alert(4)-',"{{.}} ${alert(5)} javascript:alert(6) </textarea><script>alert(6)</script>","https://example.org/p?a=""><img src=x onerror=alert(8)>",0910.30
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,,,,
-- data/gi.csv --
row_id,s_no,gi_name,goods_category,states,is_foreign,same_name_as_s_no
1,575,"<img src=x onerror=""window.__pwned=12;alert(12)""> Turmeric","<b onmouseover=alert(13)>Agri</b>",Meghalaya,no,
-- content/stories/s.yaml --
title: <img src=x onerror="window.__pwned=9;alert(9)">
date: 2024-01-02
state: Meghalaya
district: West Jaintia Hills
product: Turmeric (Lakadong)
figures: ["</script><script>window.__pwned=10;alert(10)</script>"]
summary: '"><svg onload="window.__pwned=11;alert(11)">'
body: |
  Raw HTML is dropped: <script>window.__pwned=15;alert(15)</script>
  <img src=x onerror="window.__pwned=16;alert(16)">
  and [a link](https://example.org/?q="><script>alert(17)</script>).
note: "'-alert(18)-'"
sources: ['https://example.org/s?"><script>alert(19)</script>']
-- content/about.md --
---
title: <img src=x onerror="window.__pwned=20;alert(20)">
description: '"><script>alert(21)</script>'
menu: <b onclick=alert(22)>About</b>
---
Hello <iframe src="javascript:alert(23)"></iframe>
`

// TestHostileDataRunsNothing builds a site whose every text field holds an
// attack, opens every page in Chromium and finds that none of them ran:
// no dialog, no window.__pwned, no element with an event handler, no
// script but the site's own, and the text shown as it was written.
func TestHostileDataRunsNothing(t *testing.T) {
	exe := findBrowser(t)
	src := sitetest.Dir(t, hostile)
	out := filepath.Join(t.TempDir(), "site")
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	if _, err := build.Build(build.Options{Src: os.DirFS(src), Out: out, BaseURL: srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	var pages []string
	fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, strings.TrimSuffix(p, "index.html"))
		}
		return err
	})
	sort.Strings(pages)

	ctx := newBrowser(t, exe)
	var (
		mu      sync.Mutex
		dialogs []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			// A dialog blocks the page until it is answered.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatal(err)
	}

	type verdict struct {
		Pwned    any      `json:"pwned"`
		Handlers []string `json:"handlers"`
		Scripts  []string `json:"scripts"`
		Frames   int      `json:"frames"`
		Text     string   `json:"text"`
	}
	const inspect = `(() => {
		const handlers = [];
		for (const el of document.querySelectorAll("*")) {
			for (const a of el.attributes) {
				if (a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)) handlers.push(el.tagName + " " + a.name + "=" + a.value);
			}
		}
		const scripts = Array.from(document.scripts)
			.filter(s => s.type !== "application/ld+json" && !(s.src && new URL(s.src).origin === location.origin && /\/assets\//.test(s.src)))
			.map(s => s.outerHTML);
		return {pwned: window.__pwned ?? null, handlers, scripts,
			frames: document.querySelectorAll("iframe, object, embed").length,
			text: document.body.innerText};
	})()`
	var all strings.Builder
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+p)); err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
		v, err := chromedp.Run(ctx, chromedp.Evaluate[verdict](inspect))
		if err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
		if v.Pwned != nil {
			t.Errorf("/%s: an attack ran: window.__pwned = %v", p, v.Pwned)
		}
		for _, h := range v.Handlers {
			t.Errorf("/%s: element with a handler or javascript: URL: %s", p, h)
		}
		for _, s := range v.Scripts {
			t.Errorf("/%s: a script that is not the site's: %s", p, s)
		}
		if v.Frames > 0 {
			t.Errorf("/%s: %d frames or embedded objects", p, v.Frames)
		}
		fmt.Fprintln(&all, v.Text)
	}
	mu.Lock()
	for _, d := range dialogs {
		t.Errorf("a dialog opened: %q", d)
	}
	mu.Unlock()

	// What the visitor reads is the data as written: the attacks show as
	// text, which is how an editor finds and fixes them.
	text := all.String()
	for _, want := range []string{
		`<img src=x onerror="window.__pwned=1;alert(1)">`,
		`Hills "><svg onload="window.__pwned=2;alert(2)">`,
		`</script><script>window.__pwned=3;alert(3)</script>`,
		`'-alert(4)-'`,
		`{{.}} ${alert(5)} javascript:alert(6) </textarea><script>alert(6)</script>`,
		`<img src=x onerror="window.__pwned=9;alert(9)">`,
		`"><svg onload="window.__pwned=11;alert(11)">`,
		`<img src=x onerror="window.__pwned=12;alert(12)"> Turmeric`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no page shows %q as text", want)
		}
	}
	t.Logf("%d pages opened", len(pages))
}
