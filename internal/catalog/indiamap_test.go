package catalog

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRoundPath(t *testing.T) {
	d, box, err := roundPath("m 10.04,20.06 1.01,-0.02 0.001,0.001 L 5,5 z m 1,1 l 0.5,0 z")
	if err != nil {
		t.Fatal(err)
	}
	// Rounded points: (10,20.1) (11,20) (11.1,20) (5,5), z back to
	// (10,20.1); m 1,1 to (11,21.1); l .5,0 to (11.5,21.1). Moves are
	// between rounded points, so the error never exceeds half a tenth.
	if want := "m10 20.1l1-.1 .1 0-6.1-15zm1 1l.5 0z"; d != want {
		t.Errorf("path = %q, want %q", d, want)
	}
	if box[0] != 5 || box[1] != 5 || box[2] < 6.5 || box[3] < 16 {
		t.Errorf("box = %v", box)
	}
	if _, _, err := roundPath("m 1,2 c 1,2 3,4 5,6"); err == nil || !strings.Contains(err.Error(), `"c"`) {
		t.Errorf("curves: err = %v", err)
	}
}

// TestRealMap: every State/UT of the shipped data is on the shipped map.
func TestRealMap(t *testing.T) {
	c, probs := Load(os.DirFS("../.."))
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	if c.Map == nil || len(c.Map.Regions) != 36 {
		t.Fatalf("map = %+v", c.Map)
	}
	states := map[string]int{}
	for _, r := range c.Map.Regions {
		for _, s := range r.States {
			states[s.Name]++
		}
		if r.ID == "jk" && len(r.States) != 2 {
			t.Errorf("the map's Jammu and Kashmir should stand for Jammu and Kashmir and Ladakh: %v", r.States)
		}
	}
	if len(states) != 36 || states["Dadra & Nagar Haveli and Daman & Diu"] != 2 {
		t.Errorf("states on the map: %v", states)
	}
}

// TestMapCache: a Load with a cache ties its own copy of the map's
// shapes to its States/UTs, the same as a Load without one, and reads the
// map again when its file changes.
func TestMapCache(t *testing.T) {
	real := os.DirFS("../..")
	want, _ := Load(real)
	cache := NewCache()
	for i := 0; i < 2; i++ {
		got, _ := LoadCached(real, cache)
		own := map[*State]bool{}
		for _, s := range got.States {
			own[s] = true
		}
		if len(got.Map.Regions) != len(want.Map.Regions) || len(got.Map.Regions) == 0 {
			t.Fatalf("load %d: %d regions, want %d", i, len(got.Map.Regions), len(want.Map.Regions))
		}
		for j, r := range got.Map.Regions {
			w := want.Map.Regions[j]
			if r.ID != w.ID || r.Path != w.Path || r.Box != w.Box || len(r.States) != len(w.States) {
				t.Errorf("load %d, region %s: not as loaded without a cache", i, r.ID)
			}
			for k, s := range r.States {
				if s.Name != w.States[k].Name || !own[s] {
					t.Errorf("load %d, region %s: state %s is not this load's", i, r.ID, s.Name)
				}
			}
		}
	}
	src, err := fs.ReadFile(real, mapFile)
	if err != nil {
		t.Fatal(err)
	}
	changed := fstest.MapFS{mapFile: {Data: bytes.Replace(src, []byte(`viewBox="`), []byte(`viewBox="1 `), 1)}}
	if s := cache.mapShapes(changed); s.m == nil || s.m.ViewBox == want.Map.ViewBox {
		t.Errorf("a changed map file gave the cached shapes (viewBox %q)", s.m.ViewBox)
	}
}
