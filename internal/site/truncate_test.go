package site

import (
	"strings"
	"testing"
)

// truncateRunes is truncate as it was first written, over a []rune: the
// reference the allocation-free version must match.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n-40 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}

func TestTruncate(t *testing.T) {
	words := []string{"turmeric", "हल्दी", "a", "Lakadong", "ऑर्गेनिक", "curcumin,", "香料", ""}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for j := 0; j < i%97; j++ {
			b.WriteString(words[(i*7+j*3)%len(words)])
			if (i+j)%5 != 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		for _, n := range []int{41, 60, 200} {
			if got, want := truncate(s, n), truncateRunes(s, n); got != want {
				t.Fatalf("truncate(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
