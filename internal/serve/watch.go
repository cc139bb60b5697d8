package serve

import (
	"io/fs"
	"path/filepath"
	"sort"
	"time"
)

// watched are the parts of a site's sources that a change to rebuilds:
// what build.Build reads. public/ and other directories are not looked at,
// so building into the source directory does not start a rebuild.
func watched() []string { return []string{"site.yaml", "data", "content", "templates", "assets"} }

// stamp is what tells a file has changed: its size and modification time.
// Comparing these, rather than trusting the kernel's notifications alone,
// works the same on every system, on network and container-mounted file
// systems, and with editors that save by renaming a new file over the
// old; a site's sources are a hundred files or so, which a look stats in
// well under a millisecond. On Linux, inotify only says when to look (see
// notifier). A file system with coarse timestamps can miss an edit that
// keeps the size within the same timestamp tick; saving again shows it.
type stamp struct {
	size    int64
	modTime time.Time
}

// snapshot maps each watched file (a slash path relative to the source
// directory) to its stamp.
type snapshot map[string]stamp

func takeSnapshot(src string) snapshot {
	snap := snapshot{}
	for _, w := range watched() {
		root := filepath.Join(src, w)
		// A missing directory is part of the state too: its files are
		// simply absent, and its coming back is a change.
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return nil
			}
			snap[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime()}
			return nil
		})
	}
	return snap
}

func (a snapshot) equal(b snapshot) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !v.modTime.Equal(w.modTime) || v.size != w.size {
			return false
		}
	}
	return true
}

// diff lists the files added, removed or changed from a to b, sorted.
func (a snapshot) diff(b snapshot) []string {
	var out []string
	for k, v := range b {
		if w, ok := a[k]; !ok || !v.modTime.Equal(w.modTime) || v.size != w.size {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
