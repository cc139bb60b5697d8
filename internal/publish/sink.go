package publish

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"sort"
	"sync"
)

// A Sink receives a built site's files. Stage writes them to disk; Memory
// keeps them, for the dev server and for tests.
type Sink interface {
	// Write stores data as the file name, a slash-separated path relative
	// to the site root, making any directories it needs. It must be safe
	// for concurrent use, and must not keep data after it returns: the
	// caller may reuse it.
	Write(name string, data []byte) error
	// Stream stores as the file name what write writes to the writer it
	// is given, and returns how many bytes that was. It is for files too
	// large to hold whole (a big catalogue's open data runs to 100 MB).
	Stream(name string, write func(io.Writer) error) (int64, error)
}

var (
	_ Sink = (*Stage)(nil)
	_ Sink = (*Memory)(nil)
)

// Memory is a Sink that holds the site in memory.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	// deleted are the sizes of the files deleted: a file streamed again
	// under the same name, as a rebuild's open data is, likely has about
	// the same size, and its buffer is made that large at once.
	deleted map[string]int
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// NewMemorySized returns an empty Memory with room for n files, for a
// rebuild that knows about how many the build before had.
func NewMemorySized(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

// Write stores a copy of data.
func (m *Memory) Write(name string, data []byte) error {
	return m.Adopt(name, append([]byte(nil), data...))
}

// Stream stores what write writes.
func (m *Memory) Stream(name string, write func(io.Writer) error) (int64, error) {
	var b bytes.Buffer
	m.mu.RLock()
	size := m.deleted[name]
	m.mu.RUnlock()
	b.Grow(size + size/8)
	if err := write(&b); err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return int64(b.Len()), m.Adopt(name, b.Bytes())
}

// Adopt stores data as the file name without copying it: the caller
// hands it over and must never change it. A dev server's rebuild uses it
// to carry a page over from the build before, which it got from File.
func (m *Memory) Adopt(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = data
	return nil
}

// Clone returns a Memory that holds the same files, sharing their bytes:
// a dev server's rebuild starts from the build before, then forgets what
// it makes again (see Delete).
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{files: maps.Clone(m.files)}
}

// Delete forgets the file name, if it is stored.
func (m *Memory) Delete(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	if !ok {
		return
	}
	if m.deleted == nil {
		m.deleted = map[string]int{}
	}
	m.deleted[name] = len(data)
	delete(m.files, name)
}

// Size is the number of files stored and their bytes.
func (m *Memory) Size() (files int, bytes int64) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	for _, b := range m.files {
		bytes += int64(len(b))
	}
	return len(m.files), bytes
}

// File returns the file stored as name. The bytes are shared: do not
// change them.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the stored files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
