package bidi

import (
	"os"
	"strings"
	"testing"
)

// benchHeadline is the longest headline of the seed news page (134 runes),
// the one render's BenchmarkHeadline lays out.
func benchHeadline(b *testing.B) []rune {
	b.Helper()
	data, err := os.ReadFile("../../feed/testdata/arabic-news-page.txt")
	if err != nil {
		b.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	var best []rune
	for _, h := range strings.Split(first, "\u00a0\u00a0\u00a0\u00a0") {
		if r := []rune(strings.TrimSpace(h)); len(r) > len(best) {
			best = r
		}
	}
	return best
}

// BenchmarkReset resolves the levels of a long headline into a reused
// Paragraph, then lays it out as one line, as render does.
func BenchmarkReset(b *testing.B) {
	text := benchHeadline(b)
	var (
		p     Paragraph
		line  []Level
		order []int
	)
	b.ReportAllocs()
	for b.Loop() {
		p.Reset(text, Auto)
		line = p.AppendLineLevels(line[:0], 0, p.Len())
		order = AppendReorder(order[:0], line)
	}
}
