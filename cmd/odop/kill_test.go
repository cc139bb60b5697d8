package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/odop-india/odop/internal/sitetest"
)

// TestMain lets the kill test run this test binary as the odop command.
func TestMain(m *testing.M) {
	if os.Getenv("ODOP_TEST_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// copySite copies the repository's site sources (the real catalogue) to a
// new directory.
func copySite(t *testing.T) string {
	t.Helper()
	root := sitetest.RepoRoot(t)
	dst := t.TempDir()
	for _, d := range []string{"data", "content", "templates", "assets"} {
		if err := os.CopyFS(filepath.Join(dst, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	site, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "site.yaml"), site, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// killLanguages are the languages the kill test builds: two, one of them
// below its own directory, rather than all eight, whose 16,000 pages
// would make its dozens of builds slow without testing more.
const killLanguages = "en,ar"

// TestKilledBuildLeavesOldOrNew builds the real catalogue again and again
// into one output directory, alternating between two versions of the data,
// and interrupts each build (SIGINT or SIGKILL) at a different moment. After
// every kill the output must be exactly the old site or exactly the new
// one, never a mix, and the next build must still succeed.
func TestKilledBuildLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real catalogue many times")
	}
	srcA := copySite(t)
	srcB := copySite(t)
	csv := filepath.Join(srcB, "data", "products", "meghalaya.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "Lakadong turmeric", "Lakadong turmeric (edited)", 1))
	if err := os.WriteFile(csv, data, 0o644); err != nil {
		t.Fatal(err)
	}

	tmp := t.TempDir()
	trees := map[string]map[string]string{}
	for name, src := range map[string]string{"A": srcA, "B": srcB} {
		out := filepath.Join(tmp, "ref"+name)
		if code, _, stderr := runCmd("build", "-languages", killLanguages, "-src", src, "-out", out); code != 0 {
			t.Fatalf("build %s: %s", name, stderr)
		}
		trees[name] = sitetest.ReadTree(t, out)
	}
	if maps.Equal(trees["A"], trees["B"]) {
		t.Fatal("the two versions build the same site")
	}

	out := filepath.Join(tmp, "public")
	if err := os.CopyFS(out, os.DirFS(filepath.Join(tmp, "refA"))); err != nil {
		t.Fatal(err)
	}
	current, killedMidway := "A", 0
	start := func(src string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "build", "-languages", killLanguages, "-src", src, "-out", out)
		cmd.Env = append(os.Environ(), "ODOP_TEST_RUN_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// A whole build in a new process, to time the kills by.
	t0 := time.Now()
	if err := start(srcA).Wait(); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(t0)
	signals := []os.Signal{os.Interrupt, os.Kill}
	const rounds = 6
	for i := range rounds {
		next := map[string]string{"A": "B", "B": "A"}[current]
		sig := signals[i%len(signals)]
		// Spread the kills over the whole build, and a little past it.
		delay := whole * time.Duration(i+1) * 5 / (4 * rounds)
		cmd := start(map[string]string{"A": srcA, "B": srcB}[next])
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && (ws.Signaled() || ws.ExitStatus() == 1) {
			killedMidway++
		}
		got := sitetest.ReadTree(t, out)
		switch {
		case maps.Equal(got, trees[current]):
		case maps.Equal(got, trees[next]):
			current = next
		default:
			t.Fatalf("round %d (%v after %v, %v): the output is neither the old site nor the new one", i, sig, delay, err)
		}
		t.Logf("round %d: %v after %v: %v; output is site %s", i, sig, delay, err, current)
	}
	if killedMidway == 0 {
		t.Errorf("no build was interrupted before it finished; the test proved nothing")
	}

	// A build after all that succeeds and clears what killed builds left.
	if code, _, stderr := runCmd("build", "-languages", killLanguages, "-src", srcA, "-out", out); code != 0 {
		t.Fatalf("build after kills: %s", stderr)
	}
	sitetest.SameTree(t, "the build after the kills", trees["A"], sitetest.ReadTree(t, out))
	left, _ := filepath.Glob(filepath.Join(tmp, ".public.odop-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
