package feed_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/feed"
)

// parsed is what a feed reader needs of a feed.
type parsed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func sample() feed.Feed {
	return feed.Feed{
		Title: "Stories & more", Lang: "en", SiteURL: "https://example.org/odop/",
		FeedURL: "https://example.org/odop/feed.xml", Author: "ODOP <catalogue>", Updated: "2020-01-01",
		Entries: []feed.Entry{
			{Title: "Walnuts <leave> Budgam", URL: "https://example.org/odop/stories/walnuts/", Date: "2021-09-26",
				Summary: "A & B", Content: `<p>See <a href="/odop/states/">states</a></p>`, Sources: []string{"https://example.org/a?x=1&y=2"}},
			{Title: "An award", URL: "https://example.org/odop/stories/award/", Date: "2022-12"},
		},
	}
}

func TestAtom(t *testing.T) {
	data, err := feed.Atom(sample())
	if err != nil {
		t.Fatal(err)
	}
	var f parsed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if f.Lang != "en" || f.ID != "https://example.org/odop/feed.xml" || f.Author != "ODOP <catalogue>" {
		t.Errorf("feed: lang %q, id %q, author %q", f.Lang, f.ID, f.Author)
	}
	if f.Updated != "2022-12-01T00:00:00Z" {
		t.Errorf("updated = %s, want the newest entry's date", f.Updated)
	}
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title != "Walnuts <leave> Budgam" || e.Updated != "2021-09-26T00:00:00Z" || !strings.Contains(e.Content, `<a href="/odop/states/">`) {
		t.Errorf("entry: %+v", e)
	}
	if len(e.Links) != 2 || e.Links[1].Rel != "related" || e.Links[1].Href != "https://example.org/a?x=1&y=2" {
		t.Errorf("links: %+v", e.Links)
	}
	again, _ := feed.Atom(sample())
	if !bytes.Equal(data, again) {
		t.Error("two feeds of the same stories differ")
	}
}

func TestEmptyFeedUsesItsDate(t *testing.T) {
	f := sample()
	f.Entries = nil
	data, err := feed.Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("<updated>2020-01-01T00:00:00Z</updated>")) {
		t.Errorf("feed:\n%s", data)
	}
	f.Updated = ""
	if _, err := feed.Atom(f); err == nil {
		t.Error("an empty feed without a date: no error")
	}
}

func TestBadDate(t *testing.T) {
	f := sample()
	f.Entries[1].Date = "last year"
	if _, err := feed.Atom(f); err == nil {
		t.Error("no error for a bad date")
	}
}
