package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges the staging directory and the output directory with one
// renameat2(RENAME_EXCHANGE) call, so there is no moment without an output
// directory. It returns the path now holding the old output, to remove.
func swap(staged, out string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staged, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return staged, nil
	case errors.Is(err, unix.ENOENT):
		// No output yet: a plain rename is atomic.
		return "", os.Rename(staged, out)
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		// A file system without RENAME_EXCHANGE.
		return swapByRename(staged, out)
	}
	return "", err
}
