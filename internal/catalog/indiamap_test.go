package catalog

import (
	"os"
	"strings"
	"testing"
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
