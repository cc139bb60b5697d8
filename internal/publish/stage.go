package publish

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// Stage is an output directory being built. Files go into a hidden
// directory beside the real output; Commit swaps it in as a whole, Abort
// throws it away. Until Commit, the existing output is untouched.
type Stage struct {
	out   string // the output directory to replace
	dir   string // the staging directory
	files atomic.Int64
	bytes atomic.Int64
}

// stagingPrefix names staging and retired directories, so that a build can
// clear out what a killed build left behind.
func stagingPrefix(out string) string {
	return "." + filepath.Base(out) + ".odop-"
}

// NewStage makes a staging directory for out. It removes leftovers of
// earlier builds that were killed before they could clean up.
func NewStage(out string) (*Stage, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if old, err := filepath.Glob(filepath.Join(parent, stagingPrefix(out)+"*")); err == nil {
		for _, o := range old {
			removeTree(o)
		}
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix(out)+"stage-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Stage{out: out, dir: dir}, nil
}

// Dir is the staging directory.
func (s *Stage) Dir() string { return s.dir }

// Write writes data to name, a slash-separated path relative to the site
// root, making its directory if it is missing. It is safe for concurrent
// use. A name written twice is an error, not a silent overwrite.
func (s *Stage) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if path.Base(name) == "index.html" && name != "index.html" {
		// A page is the index.html of a directory of its own, which is
		// new unless a page below it came first: making it before trying
		// the file spares the failed try.
		if err := makeDirs(filepath.Dir(p)); err != nil {
			return err
		}
	}
	err := createFile(p, data)
	if errors.Is(err, fs.ErrNotExist) {
		// Directories are made when the first file needs them, by whichever
		// worker writes it, so that making them overlaps rendering.
		if err = makeDirs(filepath.Dir(p)); err == nil {
			err = createFile(p, data)
		}
	}
	if err != nil {
		return err
	}
	s.files.Add(1)
	s.bytes.Add(int64(len(data)))
	return nil
}

// streamBuffer is the buffer between a streamed file's writer and the
// file: large enough that a 100 MB file takes few system calls.
const streamBuffer = 256 << 10

// Stream writes what write writes to the new file name, through a buffer,
// so that the file is never held whole.
func (s *Stage) Stream(name string, write func(io.Writer) error) (int64, error) {
	if err := checkName(name); err != nil {
		return 0, err
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := makeDirs(filepath.Dir(p)); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	bw := bufio.NewWriterSize(cw, streamBuffer)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	s.files.Add(1)
	s.bytes.Add(cw.n)
	return cw.n, nil
}

// countingWriter counts what goes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// makeDirs makes dir and any missing parents. Unlike os.MkdirAll it does
// not stat first: on most calls the parent exists and one mkdir is all it
// takes, and another writer making the same directory at the same time is
// not an error.
func makeDirs(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = makeDirs(filepath.Dir(dir)); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// Files and Bytes count what was written so far.
func (s *Stage) Files() int64 { return s.files.Load() }
func (s *Stage) Bytes() int64 { return s.bytes.Load() }

// Abort removes the staging directory; the output stays as it was.
func (s *Stage) Abort() error { return removeTree(s.dir) }

// Commit puts the staged site in place of the output directory: in one
// atomic step where the system allows it (see swap), so that a reader or a
// build killed at any moment sees either the old site or the new one.
func (s *Stage) Commit() error {
	retired, err := swap(s.dir, s.out)
	if err != nil {
		return err
	}
	if retired != "" {
		return removeTree(retired)
	}
	return nil
}

// checkName refuses paths that would escape the site root.
func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." {
		return fmt.Errorf("bad output path %q", name)
	}
	return nil
}

// Fingerprint returns name with a short hash of data before its
// extension: "assets/app.css" becomes "assets/app.3f9a1c2e.css". Files
// named so can be cached for ever.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
