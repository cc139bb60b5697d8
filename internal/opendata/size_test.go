package opendata

import (
	"net/url"
	"os"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/sitetest"
)

// TestCSVSizeIsAnUpperBound: catalogue.csv's buffer is sized once, from
// csvSize; for the real catalogue that must be enough, and not much more.
func TestCSVSizeIsAnUpperBound(t *testing.T) {
	c, problems := catalog.Load(os.DirFS(sitetest.RepoRoot(t)))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	base, _ := url.Parse("https://odop-india.github.io/odop/")
	data, err := CSV(c, base)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := csvSize(c, base), len(data); got < want || got > want+want/10 {
		t.Errorf("csvSize = %d for a file of %d bytes: want at least that, and at most 10%% more", got, want)
	}
}

// TestJSONSizeIsAnUpperBound: the same for catalogue.json's buffer.
func TestJSONSizeIsAnUpperBound(t *testing.T) {
	c, problems := catalog.Load(os.DirFS(sitetest.RepoRoot(t)))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	base, _ := url.Parse("https://odop-india.github.io/odop/")
	data, err := JSON(c, base)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := csvSize(c, base)+260*len(c.Products), len(data); got < want || got > want+want/5 {
		t.Errorf("the buffer of catalogue.json is %d bytes for a file of %d: want at least that, and at most 20%% more", got, want)
	}
}
