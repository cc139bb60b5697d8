package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLIsValid runs the Nu HTML Checker (vnu-jar from the npm registry)
// over every page of the real catalogue: 0 errors allowed. VNU_JAR names
// the jar; .ci/run installs it. Without it the test skips, except in CI.
func TestHTMLIsValid(t *testing.T) {
	jar := os.Getenv("VNU_JAR")
	java, err := exec.LookPath("java")
	if jar == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI needs java and VNU_JAR (the Nu HTML Checker); .ci/run installs them")
		}
		t.Skip("set VNU_JAR to vnu.jar (npm install vnu-jar) and install java to run the HTML checker")
	}
	if testing.Short() {
		t.Skip("builds the whole catalogue")
	}
	out := filepath.Join(t.TempDir(), "public")
	buildReal(t, out)
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "gnu", "--skip-non-html", out)
	msg, err := cmd.CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(msg))) > 0 {
		t.Errorf("the Nu HTML Checker found errors (%v):\n%.5000s", err, msg)
	}
}
