package catalog

import (
	"os"
	"testing"
)

func TestLoadReal(t *testing.T) {
	c, errs := Load(os.DirFS("../.."))
	for _, e := range errs {
		t.Log(e)
	}
	t.Logf("states %d districts %d products %d families %d gi %d stories %d pages %d", len(c.States), len(c.Districts), len(c.Products), len(c.Families), len(c.GI), len(c.Stories), len(c.Pages))
	n := 0
	for _, p := range c.Products {
		if p.GIFlag {
			n++
			if p.GI != nil {
				t.Logf("GI %-45s | %s | %s", p.Name, p.GI.Name, p.State().Name)
			} else {
				t.Logf("NOGI %-45s | %s", p.Name, p.State().Name)
			}
		}
	}
}
