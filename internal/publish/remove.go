package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// removeTree removes dir and everything in it, like os.RemoveAll, but
// removes the subtrees two levels down (a site's states/<state>/, say) on
// several goroutines: a retired site has thousands of files and
// directories, and on a disk file system each removal waits on the
// kernel, so they overlap well.
func removeTree(dir string) error {
	var subtrees []string
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			subtrees = append(subtrees, p)
			continue
		}
		inner, err := os.ReadDir(p)
		if err != nil {
			subtrees = append(subtrees, p)
			continue
		}
		for _, f := range inner {
			subtrees = append(subtrees, filepath.Join(p, f.Name()))
		}
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				os.RemoveAll(p) // what is left is caught below
			}
		})
	}
	for _, p := range subtrees {
		work <- p
	}
	close(work)
	wg.Wait()
	return os.RemoveAll(dir)
}
