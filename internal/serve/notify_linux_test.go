package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestNotifierSettles: the kernel's events tell a write under way from
// one that ended, for each way an editor saves.
func TestNotifierSettles(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	n := newNotifier(dir)
	if n == nil {
		t.Skip("no inotify")
	}
	defer n.close()
	waitFor := func(what string, want bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Second)
		for n.settled() != want {
			if time.Now().After(deadline) {
				t.Fatalf("%s: settled is %v, want %v", what, !want, want)
			}
			select {
			case <-n.C():
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	file := filepath.Join(data, "a.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("state,district\n"); err != nil {
		t.Fatal(err)
	}
	waitFor("a file open for writing", false)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor("the file closed", true)

	// Save by writing a new file and moving it over the old.
	tmp := filepath.Join(data, ".a.csv.tmp")
	f, err = os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("state,district,product\n")
	waitFor("the new file open", false)
	f.Close()
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitFor("the new file moved into place", true)
}
