package browsertest

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/serve"
	"github.com/odop-india/odop/internal/sitetest"
)

const devCSV = `state,district,lgd_code,product,category,sector,gi_status,description
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,Grown in the hills.
`

// TestDevServerReloads runs odop serve's server on a copy of a small site
// and edits it under an open page: a broken edit shows its error over the
// page, under the site's CSP; fixing it reloads the page with the change.
func TestDevServerReloads(t *testing.T) {
	exe := findBrowser(t)
	dir := sitetest.Dir(t, "-- data/products/meghalaya.csv --\n"+devCSV)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(sctx, ln, serve.Options{Src: dir}) }()
	t.Cleanup(func() { stop(); <-done })
	page := "http://" + ln.Addr().String() + "/states/meghalaya/west-jaintia-hills/turmeric-lakadong/"

	ctx := newBrowser(t, exe)
	v := watchViolations(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// The reload script has connected when the server has a listener.
	if err := pause(ctx, 200); err != nil {
		t.Fatal(err)
	}
	edit := func(csv string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "data", "products", "meghalaya.csv"), []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// wait evaluates js until it is true. The page reloads meanwhile, so
	// an evaluation may fail; the next one runs in the new page.
	wait := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: %v", what, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	edit(strings.Replace(devCSV, "Agriculture,Yes", "Agriculture,Maybe", 1))
	wait("the error overlay", `(() => {
		const box = document.getElementById("odop-errors");
		return box !== null && box.textContent.includes('gi_status "Maybe": want Yes or No') && box.checkVisibility();
	})()`)
	if text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || !strings.Contains(text, "Grown in the hills.") {
		t.Errorf("under the overlay: %q, %v; want the last good page", text, err)
	}

	edit(strings.Replace(devCSV, "Grown in the hills.", "Grown in the Jaintia hills.", 1))
	wait("the reloaded page", `document.querySelector("main") !== null &&
		document.querySelector("main").textContent.includes("Grown in the Jaintia hills.") &&
		document.getElementById("odop-errors") === null`)
	for _, s := range v.take() {
		t.Errorf("%s", s)
	}
}
