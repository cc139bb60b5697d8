//go:build !linux

package publish

import (
	"errors"
	"io/fs"
	"os"
)

func swap(staged, out string) (string, error) {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(staged, out)
	}
	return swapByRename(staged, out)
}
