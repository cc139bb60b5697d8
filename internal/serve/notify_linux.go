package serve

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// notifier wakes the watch loop as soon as the kernel reports a change
// under the watched directories (inotify), so that an edit is built
// within milliseconds rather than at the next look. It only wakes: what
// changed is still found by comparing snapshots, and the regular look
// still runs, for file systems that report nothing (network mounts, some
// container mounts).
type notifier struct {
	f    *os.File
	fd   int
	wake chan struct{}
	// done is true when the last change the kernel reported ended a
	// write: a file closed after writing, moved into place or removed.
	// Then the change has settled, and the wait for quiet is not needed.
	done atomic.Bool
}

const watchMask = unix.IN_CLOSE_WRITE | unix.IN_MODIFY | unix.IN_ATTRIB | unix.IN_CREATE |
	unix.IN_DELETE | unix.IN_MOVED_FROM | unix.IN_MOVED_TO | unix.IN_DELETE_SELF

// newNotifier starts watching src's watched directories; nil when the
// system cannot.
func newNotifier(src string) *notifier {
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		return nil
	}
	// A non-blocking descriptor in an *os.File is read through Go's
	// poller, so Close ends a pending Read.
	n := &notifier{f: os.NewFile(uintptr(fd), "inotify"), fd: fd, wake: make(chan struct{}, 1)}
	n.addWatches(src)
	go n.read()
	return n
}

// addWatches watches src itself (for site.yaml) and every directory of
// the watched trees. Watching a directory again is harmless, so it is
// called after every change, to take in directories made since.
func (n *notifier) addWatches(src string) {
	unix.InotifyAddWatch(n.fd, src, watchMask)
	for _, w := range watched() {
		filepath.WalkDir(filepath.Join(src, w), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				unix.InotifyAddWatch(n.fd, p, watchMask)
			}
			return nil
		})
	}
}

func (n *notifier) read() {
	buf := make([]byte, 64<<10)
	for {
		k, err := n.f.Read(buf)
		if err != nil {
			return
		}
		n.done.Store(writesEnded(buf[:k], n.done.Load()))
		select {
		case n.wake <- struct{}{}:
		default:
		}
	}
}

// writesEnded reads a batch of inotify events and reports whether, after
// them, every write has ended: it is so after a close of a file written
// to, a move or a removal, and not after a write, a new file, or a change
// of attributes alone (which leaves it as it was).
func writesEnded(events []byte, was bool) bool {
	done := was
	for len(events) >= unix.SizeofInotifyEvent {
		mask := binary.NativeEndian.Uint32(events[4:8])
		nameLen := binary.NativeEndian.Uint32(events[12:16])
		switch {
		case mask&(unix.IN_CLOSE_WRITE|unix.IN_MOVED_TO|unix.IN_MOVED_FROM|unix.IN_DELETE|unix.IN_DELETE_SELF) != 0:
			done = true
		case mask&unix.IN_ISDIR != 0:
			// A directory made: its files come with their own events.
		case mask&(unix.IN_MODIFY|unix.IN_CREATE) != 0:
			done = false
		}
		next := unix.SizeofInotifyEvent + int(nameLen)
		if next > len(events) {
			break
		}
		events = events[next:]
	}
	return done
}

// settled reports whether the changes reported so far have all ended
// (see notifier.done); false for a nil notifier.
func (n *notifier) settled() bool { return n != nil && n.done.Load() }

// C receives after each burst of changes; nil for a nil notifier.
func (n *notifier) C() <-chan struct{} {
	if n == nil {
		return nil
	}
	return n.wake
}

func (n *notifier) close() {
	if n != nil {
		n.f.Close()
	}
}
