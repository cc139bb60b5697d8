package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStream: a streamed file arrives whole in either sink, in pieces
// larger and smaller than the stage's buffer, and counts as written; a
// writer's error names the file.
func TestStream(t *testing.T) {
	want := strings.Repeat("row,of,data\r\n", 50_000) // 650 KB, over two buffers
	write := func(w io.Writer) error {
		for i := 0; i < len(want); i += 7_001 {
			if _, err := io.WriteString(w, want[i:min(i+7_001, len(want))]); err != nil {
				return err
			}
		}
		return nil
	}
	out := filepath.Join(t.TempDir(), "public")
	stage, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	n, err := stage.Stream("data/catalogue.csv", write)
	if err != nil || n != int64(len(want)) {
		t.Fatalf("Stage.Stream = %d, %v; want %d, nil", n, err, len(want))
	}
	if stage.Files() != 1 || stage.Bytes() != int64(len(want)) {
		t.Errorf("stage counts %d files, %d bytes; want 1, %d", stage.Files(), stage.Bytes(), len(want))
	}
	if _, err := stage.Stream("data/catalogue.csv", write); err == nil {
		t.Error("a file streamed twice: no error")
	}
	failed := errors.New("disk on fire")
	_, err = stage.Stream("broken.json", func(w io.Writer) error { return failed })
	if !errors.Is(err, failed) || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("a failing writer: error %v, want it to wrap %v and name the file", err, failed)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "data", "catalogue.csv"))
	if err != nil || string(got) != want {
		t.Errorf("the committed file: %d bytes, %v; want %d bytes as written", len(got), err, len(want))
	}

	mem := NewMemory()
	if n, err := mem.Stream("catalogue.csv", write); err != nil || n != int64(len(want)) {
		t.Fatalf("Memory.Stream = %d, %v", n, err)
	}
	if got, _ := mem.File("catalogue.csv"); string(got) != want {
		t.Errorf("Memory holds %d bytes, want %d as written", len(got), len(want))
	}
	if _, err := mem.Stream("broken.json", func(w io.Writer) error { return failed }); !errors.Is(err, failed) {
		t.Errorf("Memory: a failing writer: error %v", err)
	}
	if _, ok := mem.File("broken.json"); ok {
		t.Error("Memory kept a file whose writer failed")
	}
}
