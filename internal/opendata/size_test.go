package opendata

import (
	"net/url"
	"os"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/sitetest"
)

// TestBufferSizes: catalogue.csv's and catalogue.json's buffers are sized
// once, from CSVSize and JSONSize; for the real catalogue that must be enough (no
// growing, which holds the file twice), and not much more.
func TestBufferSizes(t *testing.T) {
	c, problems := catalog.Load(os.DirFS(sitetest.RepoRoot(t)))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	base, _ := url.Parse("https://odop-india.github.io/odop/")
	for _, f := range []struct {
		name  string
		write func(*catalog.Catalog, *url.URL) ([]byte, error)
		size  int // the buffer made for it
		slack int // at most this share of the file's size more, in percent
	}{
		{CSVName, CSV, CSVSize(c, base), 10},
		{JSONName, JSON, JSONSize(c, base), 20},
	} {
		data, err := f.write(c, base)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := f.size, len(data); got < want || got > want+want*f.slack/100 {
			t.Errorf("%s: a buffer of %d bytes for a file of %d: want at least that, and at most %d%% more", f.name, got, want, f.slack)
		}
	}
}
