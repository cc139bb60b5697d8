package catalog

import (
	"strings"
	"testing"
)

// collapseSpace has a fast path for fields that need nothing done; it must
// agree with the plain definition everywhere.
func TestCollapseSpaceIsFieldsJoined(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\u00a0b", "ü b", "  ", "a b c", "a b  ", "x\ny"} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("%q: %q want %q", s, got, want)
		}
	}
}
