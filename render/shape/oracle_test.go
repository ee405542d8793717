package shape

// The oracle is GNU FriBidi, driven by testdata/fribidi_vis.py (a copy of
// the project's shared oracle). FriBidi shapes in logical order and then
// reorders; the script only prints the reordered (visual) line. To compare
// with Runes, which works in logical order, each paragraph is run three
// times with the same direction (auto, as the app resolves it): once for
// the resolved levels, once reordered without shaping, once reordered with
// shaping. Mirroring and the reordering of marks after their base are
// switched off, and BN characters are kept (so FriBidi's U+FEFF filler
// left by a lam-alef ligature stays), which makes the visual line a pure
// permutation of the logical one, fixed by the levels (UAX #9 rule L2).
// Undoing that permutation gives FriBidi's logical shaped text; undoing it
// on the unshaped run must give back the input, which proves the
// permutation right.

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite "+goldenFile+" from the live FriBidi oracle")

const (
	goldenFile = "testdata/fribidi_shaped.txt"
	oracleCmd  = "testdata/fribidi_vis.py"
	// fill is what FriBidi leaves at the lam's index when it puts a
	// lam-alef ligature at the alef's (U+FEFF ZERO WIDTH NO-BREAK SPACE).
	fill = 0xFEFF
)

// oracleCase is one paragraph and FriBidi's answers for it.
type oracleCase struct {
	name   string // where the text comes from
	text   string
	levels []uint8 // resolved embedding levels, one per rune
	plain  string  // visual order, not shaped
	shaped string  // visual order, shaped
}

// corpusEntry is one paragraph to ask the oracle about.
type corpusEntry struct{ name, text string }

// corpus returns every headline and line of the seed news page, then the
// hand-written hard cases.
func corpus(t testing.TB) []corpusEntry {
	t.Helper()
	var c []corpusEntry
	seed, err := os.ReadFile("testdata/arabic-news-page.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(seed), "\n") {
		if i == 0 {
			// Line 1 is the headline strip: runs of four NO-BREAK SPACEs
			// separate the headlines.
			for j, h := range strings.Split(line, "\u00A0\u00A0\u00A0\u00A0") {
				if strings.TrimSpace(h) != "" {
					c = append(c, corpusEntry{fmt.Sprintf("seed headline %d", j+1), h})
				}
			}
			continue
		}
		if strings.TrimSpace(line) != "" {
			c = append(c, corpusEntry{fmt.Sprintf("seed line %d", i+1), line})
		}
	}
	hard, err := os.ReadFile("testdata/hard_cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(hard), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, err := strconv.Unquote(`"` + strings.ReplaceAll(line, `"`, `\"`) + `"`)
		if err != nil {
			t.Fatalf("hard_cases.txt:%d: %v", i+1, err)
		}
		c = append(c, corpusEntry{fmt.Sprintf("hard case line %d", i+1), text})
	}
	return c
}

// runOracle asks FriBidi about every paragraph of c.
func runOracle(c []corpusEntry) ([]oracleCase, error) {
	var in strings.Builder
	for _, e := range c {
		if strings.ContainsAny(e.text, "\n\r") {
			return nil, fmt.Errorf("%s: a paragraph cannot hold a line break", e.name)
		}
		in.WriteString(e.text + "\n")
	}
	run := func(extra ...string) ([]string, error) {
		args := append([]string{oracleCmd, "--dir", "auto", "--nomirror", "--noreordernsm", "--keep-marks"}, extra...)
		cmd := exec.Command("python3", args...)
		cmd.Stdin = strings.NewReader(in.String())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			// A missing libfribidi shows as a Python traceback; its last
			// line says what went wrong.
			if lines := strings.Split(strings.TrimSpace(stderr.String()), "\n"); lines[len(lines)-1] != "" {
				err = fmt.Errorf("%v: %s", err, lines[len(lines)-1])
			}
			return nil, fmt.Errorf("python3 %s: %v", strings.Join(args, " "), err)
		}
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if len(lines) != len(c) {
			return nil, fmt.Errorf("oracle answered %d lines for %d paragraphs", len(lines), len(c))
		}
		return lines, nil
	}
	levels, err := run("--levels")
	if err != nil {
		return nil, err
	}
	plain, err := run()
	if err != nil {
		return nil, err
	}
	shaped, err := run("--shape")
	if err != nil {
		return nil, err
	}
	cases := make([]oracleCase, len(c))
	for i, e := range c {
		lv, err := parseLevels(levels[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", e.name, err)
		}
		cases[i] = oracleCase{e.name, e.text, lv, plain[i], shaped[i]}
	}
	return cases, nil
}

func parseLevels(s string) ([]uint8, error) {
	var lv []uint8
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseUint(f, 10, 8)
		if err != nil {
			return nil, fmt.Errorf("level %q: %v", f, err)
		}
		lv = append(lv, uint8(v))
	}
	return lv, nil
}

func formatLevels(lv []uint8) string {
	f := make([]string, len(lv))
	for i, l := range lv {
		f[i] = strconv.Itoa(int(l))
	}
	return strings.Join(f, " ")
}

// The golden file holds one case per line: name, text, levels, plain and
// shaped visual, tab-separated, texts Go-quoted so that invisible
// characters show as escapes.
func writeGolden(cases []oracleCase) error {
	var b strings.Builder
	b.WriteString("# FriBidi's answers for the corpus of oracle_test.go. Do not edit: regenerate with\n")
	b.WriteString("#   go test ./render/shape/ -run TestFriBidiLive -update\n")
	b.WriteString("# name, text, levels, visual unshaped, visual shaped (fribidi_vis.py --dir auto --nomirror --noreordernsm --keep-marks)\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", c.name, strconv.QuoteToGraphic(c.text),
			formatLevels(c.levels), strconv.QuoteToGraphic(c.plain), strconv.QuoteToGraphic(c.shaped))
	}
	return os.WriteFile(goldenFile, []byte(b.String()), 0o644)
}

func readGolden(t *testing.T) []oracleCase {
	t.Helper()
	f, err := os.Open(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []oracleCase
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 5 {
			t.Fatalf("%s:%d: %d fields, want 5", goldenFile, n, len(fields))
		}
		var c oracleCase
		var errs []error
		unquote := func(s string) string {
			u, err := strconv.Unquote(s)
			errs = append(errs, err)
			return u
		}
		c.name, c.text, c.plain, c.shaped = fields[0], unquote(fields[1]), unquote(fields[3]), unquote(fields[4])
		c.levels, err = parseLevels(fields[2])
		if err := errors.Join(append(errs, err)...); err != nil {
			t.Fatalf("%s:%d: %v", goldenFile, n, err)
		}
		cases = append(cases, c)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// logicalOrder undoes the reordering of one line whose runes have the
// given levels (UAX #9 rule L2: from the highest level down to the lowest
// odd one, reverse every run at that level or above).
func logicalOrder(visual []rune, levels []uint8) []rune {
	n := len(levels)
	order := make([]int, n) // order[k]: logical index of the rune shown k-th
	var hi, lowOdd uint8 = 0, 255
	for i, l := range levels {
		order[i] = i
		hi = max(hi, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for l := hi; l >= lowOdd && l > 0; l-- {
		for k := 0; k < n; {
			if levels[order[k]] < l {
				k++
				continue
			}
			end := k
			for end < n && levels[order[end]] >= l {
				end++
			}
			slices.Reverse(order[k:end])
			k = end
		}
	}
	logical := make([]rune, n)
	for k, i := range order {
		logical[i] = visual[k]
	}
	return logical
}

// withFill spreads Runes' output back over the input's indices the way
// FriBidi lays out a lam-alef ligature: the filler at the lam's index and
// the ligature at the alef's.
func withFill(out []rune, src []int, n int) []rune {
	got := make([]rune, n)
	covered := make([]bool, n)
	for i, j := range src {
		got[j] = out[i]
		covered[j] = true
	}
	for j := 1; j < n; j++ {
		if !covered[j] {
			got[j], got[j-1] = got[j-1], fill
		}
	}
	return got
}

// checkCase compares Runes with FriBidi on one paragraph.
func checkCase(t *testing.T, c oracleCase) bool {
	t.Helper()
	text := []rune(c.text)
	plain, shaped := []rune(c.plain), []rune(c.shaped)
	if len(c.levels) != len(text) || len(plain) != len(text) || len(shaped) != len(text) {
		t.Errorf("%s: oracle answer has %d levels, %d and %d runes for %d runes of text",
			c.name, len(c.levels), len(plain), len(shaped), len(text))
		return false
	}
	if back := logicalOrder(plain, c.levels); string(back) != c.text {
		t.Errorf("%s: undoing FriBidi's reordering does not give the text back:\n got %s\nwant %s",
			c.name, strconv.QuoteToGraphic(string(back)), strconv.QuoteToGraphic(c.text))
		return false
	}
	want := logicalOrder(shaped, c.levels)
	out, src := Runes(text, c.levels)
	got := withFill(out, src, len(text))
	if i := firstDiff(got, want); i >= 0 {
		t.Errorf("%s: differs from FriBidi at rune %d (%U):\n got %s\nwant %s", c.name, i, text[i],
			strconv.QuoteToASCII(string(got)), strconv.QuoteToASCII(string(want)))
		return false
	}
	return true
}

func firstDiff(a, b []rune) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// TestFriBidiGolden compares Runes with FriBidi's recorded answers, so it
// runs anywhere, FriBidi installed or not.
func TestFriBidiGolden(t *testing.T) {
	cases := readGolden(t)
	c := corpus(t)
	if len(cases) != len(c) {
		t.Fatalf("%s has %d cases, the corpus %d: run go test -run TestFriBidiLive -update", goldenFile, len(cases), len(c))
	}
	match, ligatures := 0, 0
	for i, oc := range cases {
		if oc.name != c[i].name || oc.text != c[i].text {
			t.Fatalf("%s case %d is %q %q, the corpus has %q %q: run go test -run TestFriBidiLive -update",
				goldenFile, i, oc.name, oc.text, c[i].name, c[i].text)
		}
		if checkCase(t, oc) {
			match++
		}
		ligatures += strings.Count(oc.shaped, string(rune(fill)))
	}
	t.Logf("%d of %d paragraphs shaped as FriBidi shapes them (%d lam-alef ligatures)", match, len(cases), ligatures)
}

// TestFriBidiLive runs FriBidi itself on the corpus: it checks that the
// recorded answers are still FriBidi's and that Runes agrees. Without
// python3 and libfribidi it skips, unless NASHRA_REQUIRE_ORACLE=1.
func TestFriBidiLive(t *testing.T) {
	cases, err := runOracle(corpus(t))
	if err != nil {
		msg := fmt.Sprintf("FriBidi oracle unavailable (needs python3 and libfribidi0: apt-get install -y python3 libfribidi0): %v", err)
		if os.Getenv("NASHRA_REQUIRE_ORACLE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if *update {
		if err := writeGolden(cases); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d cases to %s", len(cases), goldenFile)
	}
	golden := readGolden(t)
	match := 0
	for i, c := range cases {
		if i >= len(golden) || !equalCases(c, golden[i]) {
			t.Errorf("%s: FriBidi's answer is not the recorded one in %s: run go test -run TestFriBidiLive -update", c.name, goldenFile)
		}
		if checkCase(t, c) {
			match++
		}
	}
	if len(golden) != len(cases) {
		t.Errorf("%s has %d cases, FriBidi answered %d", goldenFile, len(golden), len(cases))
	}
	t.Logf("%d of %d paragraphs shaped as the live FriBidi shapes them", match, len(cases))
}

func equalCases(a, b oracleCase) bool {
	return a.name == b.name && a.text == b.text && slices.Equal(a.levels, b.levels) &&
		a.plain == b.plain && a.shaped == b.shaped
}
