// Package scalegen makes large catalogues for speed tests: it copies a
// site's sources and repeats every product row N times, each repeat in
// districts and under names of its own, so that a site N times the size
// has N times the pages and no page grows faster than the catalogue.
package scalegen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"os"

	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// productsDir holds the product lists that are multiplied.
const productsDir = "data/products"

// copied are the parts of a site taken over as they are. Stories and
// pages name rows of the first copy, which keeps the real names, so they
// stay valid at any scale.
var copied = []string{"site.yaml", "templates", "assets", "content", "data/gi.csv"}

// Write makes a site n times the size of the one in src (n >= 1) in the
// directory out, which must not exist or be empty. The same src and n
// always give the same files.
func Write(src fs.FS, out string, n int) error {
	if n < 1 {
		return fmt.Errorf("scale %d: want 1 or more", n)
	}
	for _, root := range copied {
		if err := copyTree(src, root, out); err != nil {
			return err
		}
	}
	names, err := fs.Glob(src, productsDir+"/*.csv")
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no %s/*.csv in the source site", productsDir)
	}
	sort.Strings(names)
	if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(productsDir)), 0o755); err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return err
		}
		scaled, err := Multiply(data, n)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(name)), scaled, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Multiply repeats the rows of a product list n times. The first copy is
// the list as it is; copy k (from 2) names each district "<district> k"
// and each product "<product> k", so districts, products and product
// families are all distinct between copies (a family groups products by
// name, and a shared name would make each product page list every copy),
// and gives LGD codes a distinct thousands digit group.
func Multiply(data []byte, n int) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no header")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	district, okD := col["district"]
	product, okP := col["product"]
	if !okD || !okP {
		return nil, fmt.Errorf("no district or product column")
	}
	lgd, hasLGD := col["lgd_code"]

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(rows[0]); err != nil {
		return nil, err
	}
	rec := make([]string, len(rows[0]))
	for k := 1; k <= n; k++ {
		suffix := " " + strconv.Itoa(k)
		for _, row := range rows[1:] {
			copy(rec, row)
			if k > 1 {
				rec[district] = strings.TrimSpace(row[district]) + suffix
				rec[product] = strings.TrimSpace(row[product]) + suffix
				if hasLGD {
					rec[lgd] = scaleLGD(row[lgd], k)
				}
			}
			if err := w.Write(rec); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// scaleLGD moves an LGD code (up to 3 digits in the real list) into copy
// k's own range, keeping it within the 6 digits the loader allows.
func scaleLGD(code string, k int) string {
	c, err := strconv.Atoi(strings.TrimSpace(code))
	if err != nil || c >= 1000 {
		return code
	}
	return strconv.Itoa(k*1000 + c)
}

// copyTree copies the file or directory root of src into out.
func copyTree(src fs.FS, root, out string) error {
	return fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(out, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return copyFile(src, p, dst)
	})
}

func copyFile(src fs.FS, name, dst string) error {
	in, err := src.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, in); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
