package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/sitetest"
)

const good = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes
-- content/about.md --
---
title: About
description: About the site.
---
Hello.
`

// bad has three defects in one file; check must report all of them.
const bad = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Maybe
Meghalya,Ri-Bhoi,2x7,Pineapple,Primary,Agriculture,No
Meghalaya,,275,Ginger,Primary,Agriculture,No
`

func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"build", "-nope"}, 2},
		{[]string{"build", "extra"}, 2},
		{[]string{"-h"}, 0},
		{[]string{"build", "-h"}, 0},
		{[]string{"check", "-h"}, 0},
		{[]string{"serve", "-h"}, 0},
	} {
		if code, _, _ := runCmd(tc.args...); code != tc.code {
			t.Errorf("odop %s: exit %d, want %d", strings.Join(tc.args, " "), code, tc.code)
		}
	}
	_, _, stderr := runCmd("build", "-h")
	for _, flag := range []string{"-src", "-out", "-base-url"} {
		if !strings.Contains(stderr, flag) {
			t.Errorf("build -h does not mention %s:\n%s", flag, stderr)
		}
	}
}

func TestCheckReportsEveryDefect(t *testing.T) {
	dir := sitetest.Dir(t, bad)
	code, _, stderr := runCmd("check", "-src", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`data/products/meghalaya.csv:2:74: gi_status "Maybe": want Yes or No`,
		`data/products/meghalaya.csv:3:1: state "Meghalya" is not one of the 36 States and Union Territories; did you mean "Meghalaya"?`,
		`data/products/meghalaya.csv:3:18: lgd_code "2x7": want the district's LGD code, 1 to 6 digits`,
		`data/products/meghalaya.csv:4:11: empty district`,
		`odop: 4 errors; nothing was written`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check output lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

func TestBuildSummaryAndFailedBuild(t *testing.T) {
	dir := sitetest.Dir(t, good)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCmd("build", "-src", dir, "-base-url", "https://example.org/")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^odop: built \d+ pages \(\d+ files, \d+ bytes\) in \d+ ms into `).MatchString(stdout) {
		t.Errorf("summary line = %q", stdout)
	}
	before := sitetest.ReadTree(t, out)

	// Break the data and build again: exit 1, public/ untouched.
	csv := filepath.Join(dir, "data/products/meghalaya.csv")
	if err := os.WriteFile(csv, []byte(strings.Split(bad, "-- data/products/meghalaya.csv --\n")[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("build", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "meghalaya.csv:2:74:") {
		t.Errorf("build of bad input: exit %d\n%s", code, stderr)
	}
	sitetest.SameTree(t, "public/ before and after a failed build", before, sitetest.ReadTree(t, out))
}
