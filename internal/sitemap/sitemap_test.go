package sitemap_test

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/sitemap"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	Locs    []string `xml:"url>loc"`
}

type sitemapIndex struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Locs    []string `xml:"sitemap>loc"`
}

func pages(n int) []string {
	var urls []string
	// URLs with something to escape and without, as most are.
	for i := range n {
		if i%2 == 0 {
			urls = append(urls, fmt.Sprintf("https://example.org/odop/p%d/?a=1&b=2", i))
		} else {
			urls = append(urls, fmt.Sprintf("https://example.org/odop/states/p%d/", i))
		}
	}
	return urls
}

func TestOneFile(t *testing.T) {
	base, _ := url.Parse("https://example.org/odop/")
	files, err := sitemap.Files(base, pages(3), sitemap.MaxURLs)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "sitemap.xml" {
		t.Fatalf("files = %v", files)
	}
	var s urlset
	if err := xml.Unmarshal(files[0].Data, &s); err != nil {
		t.Fatal(err)
	}
	if strings.Join(s.Locs, " ") != strings.Join(pages(3), " ") {
		t.Errorf("locs = %q", s.Locs)
	}
}

func TestSplitIntoAnIndex(t *testing.T) {
	base, _ := url.Parse("https://example.org/odop/")
	urls := pages(7)
	files, err := sitemap.Files(base, urls, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "sitemap.xml sitemap-1.xml sitemap-2.xml sitemap-3.xml" {
		t.Fatalf("files: %s", got)
	}
	var idx sitemapIndex
	if err := xml.Unmarshal(files[0].Data, &idx); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://example.org/odop/sitemap-1.xml", "https://example.org/odop/sitemap-2.xml", "https://example.org/odop/sitemap-3.xml"}
	if strings.Join(idx.Locs, " ") != strings.Join(want, " ") {
		t.Errorf("index lists %q", idx.Locs)
	}
	var all []string
	for _, f := range files[1:] {
		var s urlset
		if err := xml.Unmarshal(f.Data, &s); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(s.Locs) > 3 {
			t.Errorf("%s holds %d URLs, more than the limit", f.Name, len(s.Locs))
		}
		all = append(all, s.Locs...)
	}
	if strings.Join(all, " ") != strings.Join(urls, " ") {
		t.Errorf("the parts hold %q", all)
	}
}

func TestLimit(t *testing.T) {
	base, _ := url.Parse("https://example.org/")
	for _, bad := range []int{0, -1, sitemap.MaxURLs + 1} {
		if _, err := sitemap.Files(base, pages(1), bad); err == nil {
			t.Errorf("limit %d: no error", bad)
		}
	}
}

func TestRobots(t *testing.T) {
	got := string(sitemap.Robots("https://example.org/sitemap.xml"))
	if !strings.Contains(got, "\nSitemap: https://example.org/sitemap.xml\n") || !strings.HasPrefix(got, "User-agent: *\n") {
		t.Errorf("robots.txt:\n%s", got)
	}
}
