package publish

import "os"

// swapByRename replaces out with staged in two renames. Between them there
// is a moment with no output directory, but never a mix of old and new: the
// old site is kept whole under a retired name until the new one is in.
func swapByRename(staged, out string) (string, error) {
	retired := staged + ".retired"
	if err := os.Rename(out, retired); err != nil {
		return "", err
	}
	if err := os.Rename(staged, out); err != nil {
		os.Rename(retired, out)
		return "", err
	}
	return retired, nil
}
