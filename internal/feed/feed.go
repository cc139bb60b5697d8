// Package feed writes an Atom feed (RFC 4287), so that feed readers can
// follow the site's success stories.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// Feed is what the feed says about itself.
type Feed struct {
	Title    string
	Subtitle string
	Lang     string // such as "en"
	SiteURL  string // the site, absolute; relative links in content resolve against it
	FeedURL  string // where the feed is published: its id and self link
	Author   string // who publishes the feed
	// Updated is the date the feed gives when it has no entries, since
	// Atom requires one: YYYY-MM-DD or YYYY-MM. With entries, the newest
	// entry's date is used.
	Updated string
	Entries []Entry
}

// Entry is one item of the feed.
type Entry struct {
	Title   string
	URL     string // the entry's page, absolute: its id and link
	Date    string // YYYY-MM-DD, or YYYY-MM when only the month is known
	Summary string // plain text
	Content string // HTML, safe to show
	Sources []string
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Base     string      `xml:"xml:base,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Links     []atomLink `xml:"link"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   *atomText  `xml:"content,omitempty"`
}

// Atom writes the feed. Its bytes depend only on f: dates come from the
// entries, never from the clock, so two builds give the same feed.
func Atom(f Feed) ([]byte, error) {
	a := atomFeed{
		Lang: f.Lang, Base: f.SiteURL, ID: f.FeedURL, Title: f.Title, Subtitle: f.Subtitle,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: f.FeedURL},
			{Rel: "alternate", Type: "text/html", Href: f.SiteURL},
		},
		Author: atomPerson{Name: f.Author, URI: f.SiteURL},
	}
	newest := f.Updated
	for _, e := range f.Entries {
		when, err := timestamp(e.Date)
		if err != nil {
			return nil, fmt.Errorf("feed entry %q: %w", e.Title, err)
		}
		if e.Date > newest {
			newest = e.Date
		}
		ae := atomEntry{ID: e.URL, Title: e.Title, Published: when, Updated: when,
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: e.URL}}}
		for _, s := range e.Sources {
			ae.Links = append(ae.Links, atomLink{Rel: "related", Href: s})
		}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Body: e.Summary}
		}
		if e.Content != "" {
			ae.Content = &atomText{Type: "html", Body: e.Content}
		}
		a.Entries = append(a.Entries, ae)
	}
	updated, err := timestamp(newest)
	if err != nil {
		return nil, fmt.Errorf("feed: no date for <updated>: %w", err)
	}
	a.Updated = updated
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(a); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// timestamp turns a date of the catalogue into the RFC 3339 date-time Atom
// requires. The sources give a day or only a month, never a time, so the
// time is the start of that day or month, in UTC.
func timestamp(date string) (string, error) {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, date); err == nil {
			return t.Format(time.RFC3339), nil
		}
	}
	return "", fmt.Errorf("date %q: want YYYY-MM-DD or YYYY-MM", date)
}
