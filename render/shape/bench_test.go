package shape

import (
	"testing"

	"nashra/render/bidi"
)

// BenchmarkShaper shapes a seed headline into a reused Shaper, as render
// does: no allocation once its buffers have grown.
func BenchmarkShaper(b *testing.B) {
	text := []rune(seedHeadline(b, 8))
	levels := make([]bidi.Level, len(text))
	for i := range levels {
		levels[i] = 1
	}
	var s Shaper
	b.ReportAllocs()
	for b.Loop() {
		s.RunesAt(text, levels)
	}
}
