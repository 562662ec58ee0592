package codec_test

import (
	"testing"

	"github.com/nlbatch/nlbatch/codec"
)

// TestSuggestIsStable checks that a tie between equally close names
// always gives the same suggestion, whatever order they come in.
func TestSuggestIsStable(t *testing.T) {
	want := codec.Suggest("on", []string{"host", "link"})
	for _, known := range [][]string{{"link", "host"}, {"host", "link"}, {"nowhere", "link", "host"}} {
		if got := codec.Suggest("on", known); got != want {
			t.Errorf("codec.Suggest(%q, %q) = %q, want %q", "on", known, got, want)
		}
	}
	if want == "" {
		t.Fatal("no suggestion for a name two edits away")
	}
}
