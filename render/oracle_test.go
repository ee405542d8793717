package render

// The layout of right-to-left text is checked against GNU FriBidi, driven
// by testdata/fribidi_vis.py (a copy of the project's ctypes wrapper; see
// its --help). Its answers for every paragraph of testdata/corpus.txt are
// recorded in testdata/fribidi.txt, so TestCorpusMatchesFriBidiGolden
// runs on any machine. To refresh them after editing the corpus, or after a change to
// how lines are broken (the questions depend on breakLines), run
//
//	go test ./render/ -run TestFriBidiLive -update-oracle
//
// which needs python3 and libfribidi0 (apt-get install -y python3
// libfribidi0). TestFriBidiLive skips without them, unless
// NASHRA_REQUIRE_ORACLE=1.
//
// Each paragraph is asked about in up to four ways, each shaped and not
// shaped (--shape), with the direction the app would give it (--dir auto:
// P2-P3 with an LTR fallback; --dir autortl, an RTL fallback, for a
// paragraph whose language hint is right to left):
//
//   - line: the paragraph on one line; compared with Line(s, lang, 10000).
//   - wrapN: the paragraph cut into the logical lines breakLines makes at
//     width N (20 and 37). FriBidi gets the whole paragraph, with a marker
//     (U+001F) at the end of each line, so it resolves levels over the
//     whole paragraph and reorders each line on its own (L1-L2 per line),
//     as Wrap must. The spaces Wrap drops between lines are given to the
//     end of the line before: L1 puts them at the paragraph level, at the
//     line's visual end, from where the test removes them.
//   - cut30: the paragraph cut as Line cuts it at width 30 (the longest
//     logical prefix of whole clusters that leaves a cell for the
//     ellipsis, less trailing spaces); FriBidi's first line is then
//     compared with Line's text less the ellipsis, which must stand at
//     the line's visual end: the left of a right-to-left line, the right
//     of a left-to-right one. (FriBidi knows no ellipsis. The app gives it
//     the paragraph level, at the logical end; appending "…" to the text
//     and resolving it would mostly agree, but inside an override or
//     embedding left open it would take their direction and land inside
//     the text.)
//
// FriBidi is asked with its defaults otherwise: mirroring on (L4), marks
// kept after their base (L3), explicit formatting characters and BN
// characters removed from the output (like `fribidi --clean`). Where the
// app is right and FriBidi is not, the difference is listed, with its
// reason, in knownDifferences; every other question must match exactly.

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var updateOracle = flag.Bool("update-oracle", false,
	"rewrite "+oracleGolden+" from the live FriBidi oracle (with -run TestFriBidiLive)")

const (
	corpusFile   = "testdata/corpus.txt"
	oracleGolden = "testdata/fribidi.txt"
	oracleScript = "testdata/fribidi_vis.py"
	// lineMark ends a display line in what FriBidi is given and separates
	// its visual lines in what it answers. singleLine drops control
	// characters, so a paragraph never holds one.
	lineMark = "\x1f"
	cutWidth = 30
	oneLine  = 10000 // a width no paragraph of the corpus reaches
)

var wrapWidths = []int{20, 37}

// corpusCase is one paragraph of the corpus.
type corpusCase struct {
	name string // "corpus.txt:LINE"
	lang string // language hint, from "@tag "
	text string
}

func loadCorpus(tb testing.TB) []corpusCase {
	tb.Helper()
	data, err := os.ReadFile(corpusFile)
	if err != nil {
		tb.Fatal(err)
	}
	var cases []corpusCase
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := corpusCase{name: fmt.Sprintf("corpus.txt:%d", i+1)}
		if tag, rest, ok := strings.Cut(line, " "); ok && strings.HasPrefix(tag, "@") {
			c.lang, line = tag[1:], rest
		}
		c.text, err = strconv.Unquote(`"` + strings.ReplaceAll(line, `"`, `\"`) + `"`)
		if err != nil {
			tb.Fatalf("%s: %v", c.name, err)
		}
		// What FriBidi is given must be exactly what the paragraph holds.
		if singleLine(c.text) != c.text {
			tb.Fatalf("%s: %q is not one folded line (singleLine gives %q)", c.name, c.text, singleLine(c.text))
		}
		cases = append(cases, c)
	}
	return cases
}

// oracleQuery is one question to FriBidi about a corpus paragraph.
type oracleQuery struct {
	name  string // the corpus case
	kind  string // "line", "wrap20", "wrap37", "cut30"
	shape bool
	dir   string // --dir: auto, or autortl for a right-to-left language hint
	input string // the paragraph, lineMark after each display line but the last

	// Not recorded: what the test needs to read the answer.
	c    corpusCase
	gaps []string // per line, the visible spaces Wrap drops after it
}

func (q oracleQuery) label() string {
	if q.shape {
		return q.kind + " shaped"
	}
	return q.kind
}

// oracleQueries builds every question about the corpus, from the current
// line breaking. The golden file must hold the same questions.
func oracleQueries(cases []corpusCase) []oracleQuery {
	var qs []oracleQuery
	for _, c := range cases {
		dir := "auto"
		if langIsRTL(c.lang) {
			dir = "autortl"
		}
		runes := []rune(c.text)
		for _, shaped := range []bool{false, true} {
			ts := New(Options{Bidi: BidiApp, Shape: shaped})
			p := ts.newParagraph(c.text, c.lang)
			q := oracleQuery{name: c.name, shape: shaped, dir: dir, c: c}

			line := q
			line.kind, line.input, line.gaps = "line", c.text, []string{""}
			qs = append(qs, line)

			for _, w := range wrapWidths {
				spans := p.breakLines(w)
				if len(spans) < 2 {
					continue
				}
				wq := q
				wq.kind = fmt.Sprintf("wrap%d", w)
				var in strings.Builder
				for i, sp := range spans {
					from := p.clusters[sp.from].start
					if i == 0 {
						from = 0
					}
					end := p.clusters[sp.to-1].end
					next := len(runes)
					if i+1 < len(spans) {
						next = p.clusters[spans[i+1].from].start
					}
					if i > 0 {
						in.WriteString(lineMark)
					}
					in.WriteString(string(runes[from:next]))
					wq.gaps = append(wq.gaps, visible(string(runes[end:next])))
				}
				wq.input = in.String()
				qs = append(qs, wq)
			}

			if n := cutPoint(&p, cutWidth); n < len(p.clusters) && n > 0 {
				cq := q
				cq.kind = fmt.Sprintf("cut%d", cutWidth)
				end := p.clusters[n-1].end
				cq.input = string(runes[:end]) + lineMark + string(runes[end:])
				cq.gaps = []string{"", ""}
				qs = append(qs, cq)
			}
		}
	}
	return qs
}

// cutPoint is where Line cuts p at width cells, as a number of clusters:
// the longest prefix of whole clusters that leaves room for the ellipsis,
// without the spaces it ends with.
func cutPoint(p *paragraph, width int) int {
	room := width - Width(Ellipsis)
	n, w := 0, 0
	for n < len(p.clusters) && w+p.clusters[n].width <= room {
		w += p.clusters[n].width
		n++
	}
	for n > 0 && p.clusters[n-1].space {
		n--
	}
	return n
}

// askFriBidi runs the oracle on every query, one python3 run per set of
// flags, and returns its answers in the order of qs.
func askFriBidi(qs []oracleQuery) ([]string, error) {
	answers := make([]string, len(qs))
	type flags struct {
		dir   string
		shape bool
	}
	groups := map[flags][]int{}
	var order []flags
	for i, q := range qs {
		f := flags{q.dir, q.shape}
		if _, ok := groups[f]; !ok {
			order = append(order, f)
		}
		groups[f] = append(groups[f], i)
	}
	for _, f := range order {
		idx := groups[f]
		var in strings.Builder
		for _, i := range idx {
			if strings.ContainsAny(qs[i].input, "\n\r") {
				return nil, fmt.Errorf("%s: a paragraph cannot hold a line break", qs[i].name)
			}
			in.WriteString(qs[i].input + "\n")
		}
		args := []string{oracleScript, "--dir", f.dir, "--marker", lineMark}
		if f.shape {
			args = append(args, "--shape")
		}
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
		if len(lines) != len(idx) {
			return nil, fmt.Errorf("oracle answered %d lines for %d questions", len(lines), len(idx))
		}
		for k, i := range idx {
			answers[i] = lines[k]
		}
	}
	return answers, nil
}

// The golden file holds one question per line: case, kind, --dir, input
// and FriBidi's answer, tab-separated, texts Go-quoted so that invisible
// characters show as escapes.
func writeOracleGolden(qs []oracleQuery, answers []string) error {
	var b strings.Builder
	b.WriteString("# GNU FriBidi's visual order for testdata/corpus.txt. Do not edit: regenerate with\n")
	b.WriteString("#   go test ./render/ -run TestFriBidiLive -update-oracle\n")
	b.WriteString("# case, kind, --dir, input (\\x1f ends a display line), FriBidi's answer (fribidi_vis.py --marker '\\x1f' [--shape])\n")
	for i, q := range qs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", q.name, q.label(), q.dir,
			strconv.QuoteToGraphic(q.input), strconv.QuoteToGraphic(answers[i]))
	}
	return os.WriteFile(oracleGolden, []byte(b.String()), 0o644)
}

// goldenRecord is one line of the golden file.
type goldenRecord struct{ name, label, dir, input, answer string }

func readOracleGolden(t *testing.T) []goldenRecord {
	t.Helper()
	f, err := os.Open(oracleGolden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []goldenRecord
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 5 {
			t.Fatalf("%s:%d: %d fields, want 5", oracleGolden, n, len(fields))
		}
		in, err1 := strconv.Unquote(fields[3])
		out, err2 := strconv.Unquote(fields[4])
		if err1 != nil || err2 != nil {
			t.Fatalf("%s:%d: bad quoting: %v %v", oracleGolden, n, err1, err2)
		}
		recs = append(recs, goldenRecord{fields[0], fields[1], fields[2], in, out})
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// ours lays the query's paragraph out as the app does, one string per
// display line.
func (q oracleQuery) ours() []string {
	ts := New(Options{Bidi: BidiApp, Shape: q.shape})
	switch {
	case q.kind == "line":
		return []string{ts.Line(q.c.text, q.c.lang, oneLine).Text}
	case strings.HasPrefix(q.kind, "wrap"):
		w, _ := strconv.Atoi(strings.TrimPrefix(q.kind, "wrap"))
		var out []string
		for _, l := range ts.Wrap(q.c.text, q.c.lang, w) {
			out = append(out, l.Text)
		}
		return out
	case strings.HasPrefix(q.kind, "cut"):
		return []string{ts.Line(q.c.text, q.c.lang, cutWidth).Text}
	}
	panic("unknown kind " + q.kind)
}

// expected turns FriBidi's answer into the display lines the app must
// produce: the gaps Wrap drops come off each line's visual end, and a cut
// line gets the ellipsis there.
func (q oracleQuery) expected(answer string) ([]string, error) {
	rtl := New(Options{}).newParagraph(q.c.text, q.c.lang).dir == RTL
	segs := strings.Split(answer, lineMark)
	if len(segs) != len(q.gaps) {
		return nil, fmt.Errorf("FriBidi answered %d lines, %d were asked", len(segs), len(q.gaps))
	}
	var out []string
	for i, s := range segs {
		gap := q.gaps[i]
		var ok bool
		if rtl {
			s, ok = strings.CutPrefix(s, gap)
		} else {
			s, ok = strings.CutSuffix(s, gap)
		}
		if !ok {
			return nil, fmt.Errorf("FriBidi's line %d %q does not have the dropped spaces %q at its visual end", i+1, s, gap)
		}
		out = append(out, s)
	}
	if strings.HasPrefix(q.kind, "cut") {
		if rtl {
			return []string{Ellipsis + out[0]}, nil
		}
		return []string{out[0] + Ellipsis}, nil
	}
	return out, nil
}

// verdict is how the app's layout of a question compares with FriBidi's.
type verdict uint8

const (
	matches verdict = iota
	knownDiff
	differs
)

// oracleTally counts verdicts per label ("line", "wrap20 shaped", ...).
type oracleTally struct {
	labels []string
	n      map[string]*[3]int
}

func newOracleTally() *oracleTally { return &oracleTally{n: map[string]*[3]int{}} }

func (ot *oracleTally) add(label string, v verdict) {
	if ot.n[label] == nil {
		ot.labels = append(ot.labels, label)
		ot.n[label] = new([3]int)
	}
	ot.n[label][v]++
}

func (ot *oracleTally) String() string {
	var b strings.Builder
	for _, l := range ot.labels {
		n := ot.n[l]
		fmt.Fprintf(&b, "\n  %-14s %3d of %3d match FriBidi, %d known differences, %d mismatches",
			l, n[matches], n[matches]+n[knownDiff]+n[differs], n[knownDiff], n[differs])
	}
	return b.String()
}

// knownDifference is a paragraph on which the app is right and FriBidi's
// answer is not what a terminal must be sent.
type knownDifference struct {
	why string
	// fix turns FriBidi's visual line into the app's, given the logical
	// line FriBidi was asked about (with the spaces Wrap drops after it);
	// on every question about the paragraph that the fix changes, the
	// app must produce exactly the fixed answer. At least one question
	// must need the fix.
	fix func(visual, logical string) string
}

// knownDifferences, by paragraph text. They come from FriBidi working on
// code points where the app works on grapheme clusters and on what a
// terminal can draw, and from one place where FriBidi lags UAX #9.
var knownDifferences = func() map[string]knownDifference {
	// FriBidi reverses every code point of a right-to-left run except
	// marks (class NSM) after their base. An emoji modifier or a ZWJ
	// sequence is a grapheme cluster of several code points of class ON:
	// FriBidi turns 👍🏽 into 🏽👍, the skin tone before the hand, and
	// reverses the family. The app moves clusters whole (its clusters are
	// what the terminal draws as one glyph), which is what a renderer
	// must do: UAX #9 orders characters for display, and UAX #29 says a
	// grapheme cluster is not to be split.
	emoji := func(rev, whole string) func(string, string) string {
		return func(s, _ string) string { return strings.ReplaceAll(s, rev, whole) }
	}
	// ARABIC LETTER MARK is an invisible format character (bidi class AL)
	// that fribidi_remove_bidi_marks does not remove, as it removes LRM
	// and RLM; the app drops it like them, since a terminal draws it as a
	// box or as nothing, shifting the cells after it.
	alm := func(s, _ string) string { return strings.ReplaceAll(s, "\u061c", "") }
	// Rule L1 puts "any sequence of whitespace characters and/or isolate
	// formatting characters at the end of the line" back to the paragraph
	// level. FriBidi does so at the end of the paragraph
	// (fribidi_get_par_embedding_levels_ex), but at the end of each line
	// fribidi_reorder_line stops at the first isolate formatting
	// character (it tests FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS only). So when
	// a line ends with "… \u2069", FriBidi leaves the space inside the
	// right-to-left isolate, at the left of its text, where the app puts
	// it at the line's end, as L1 says.
	l1 := func(s, logical string) string {
		if strings.HasSuffix(strings.TrimRight(logical, " "), " \u2069") {
			if rest, ok := strings.CutPrefix(s, " "); ok {
				return rest + " "
			}
		}
		return s
	}
	return map[string]knownDifference{
		"ب\u061c 123":   {"ALM is not drawn", alm},
		"أعجبني 👍🏽 جدا": {"an emoji with a skin tone moves whole", emoji("🏽👍", "👍🏽")},
		// FriBidi drops the joiners (BN); the app keeps the family's
		// cluster as visible leaves it (see TestEmojiZWJSequenceIsKeptWhole).
		"العائلة 👨\u200d👩\u200d👧 سعيدة": {"a ZWJ family moves whole", emoji("👧👩👨", visible("👨\u200d👩\u200d👧"))},
		"Family 👨\u200d👩\u200d👧 day":    {"a ZWJ family keeps its joiners", emoji("👨👩👧", visible("👨\u200d👩\u200d👧"))},
		"The spokesman said \u2067خبر عاجل من القاهرة \u2069 and then left the room": {
			"L1 at a line's end includes isolate formatting characters", l1},
	}
}()

// checkKnownDifferencesUsed fails for a known difference that no question
// needed: it is not a difference any more, or its paragraph left the
// corpus.
func checkKnownDifferencesUsed(t *testing.T, used map[string]bool) {
	t.Helper()
	for text, kd := range knownDifferences {
		if !used[text] {
			t.Errorf("known difference %q (%s) was not needed: drop it from knownDifferences", text, kd.why)
		}
	}
}

// checkAgainstOracle compares the app's layout of q with FriBidi's answer.
func checkAgainstOracle(t *testing.T, q oracleQuery, answer string, used map[string]bool) verdict {
	t.Helper()
	got := q.ours()
	key := q.name + " " + q.label()
	want, err := q.expected(answer)
	if kd, ok := knownDifferences[q.c.text]; ok {
		// The fix applies to FriBidi's raw lines, before the spaces the
		// app drops at line ends are accounted for.
		logical := strings.Split(q.input, lineMark)
		raw := strings.Split(answer, lineMark)
		for i := range raw {
			raw[i] = kd.fix(raw[i], logical[min(i, len(logical)-1)])
		}
		fixedAnswer := strings.Join(raw, lineMark)
		if fixedAnswer != answer {
			used[q.c.text] = true
			fixed, ferr := q.expected(fixedAnswer)
			if ferr == nil && equalLines(got, fixed) {
				t.Logf("%s: known difference, FriBidi's answer fixed: %s", key, kd.why)
				return knownDiff
			}
			want, err = fixed, ferr
		}
	}
	if err == nil && equalLines(got, want) {
		return matches
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: layout differs from FriBidi's\n  text:    %s (lang %q)", key, strconv.QuoteToGraphic(q.c.text), q.c.lang)
	if err != nil {
		fmt.Fprintf(&b, "\n  oracle:  %v\n  answer:  %s", err, strconv.QuoteToGraphic(answer))
	}
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := " "
		if g != w {
			mark = "≠"
		}
		fmt.Fprintf(&b, "\n %s line %d\n    ours:    %s\n    FriBidi: %s", mark, i+1, strconv.QuoteToGraphic(g), strconv.QuoteToGraphic(w))
		if g != w {
			fmt.Fprintf(&b, "\n    ours:    %s\n    FriBidi: %s", codePoints(g), codePoints(w))
		}
	}
	t.Error(b.String())
	return differs
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func codePoints(s string) string {
	f := make([]string, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		f = append(f, fmt.Sprintf("%04X", r))
	}
	return strings.Join(f, " ")
}

// TestCorpusMatchesFriBidiGolden lays out every paragraph of the corpus and
// compares it with FriBidi's recorded answers, so it runs anywhere,
// FriBidi installed or not.
func TestCorpusMatchesFriBidiGolden(t *testing.T) {
	qs := oracleQueries(loadCorpus(t))
	recs := readOracleGolden(t)
	if !goldenInSync(t, qs, recs) {
		return
	}
	tally, used := newOracleTally(), map[string]bool{}
	for i, q := range qs {
		tally.add(q.label(), checkAgainstOracle(t, q, recs[i].answer, used))
	}
	checkKnownDifferencesUsed(t, used)
	t.Logf("%d questions about %d paragraphs:%s", len(qs), len(loadCorpus(t)), tally)
}

// TestFriBidiGoldenInSyncWithCorpus checks that the recorded questions are
// the ones the corpus and the current line breaking ask: same cases, same
// inputs, same flags, in the same order.
func TestFriBidiGoldenInSyncWithCorpus(t *testing.T) {
	goldenInSync(t, oracleQueries(loadCorpus(t)), readOracleGolden(t))
}

func goldenInSync(t *testing.T, qs []oracleQuery, recs []goldenRecord) bool {
	t.Helper()
	const fix = "run go test ./render/ -run TestFriBidiLive -update-oracle"
	if len(recs) != len(qs) {
		t.Errorf("%s has %d questions, the corpus asks %d: %s", oracleGolden, len(recs), len(qs), fix)
		return false
	}
	for i, q := range qs {
		r := recs[i]
		if r.name != q.name || r.label != q.label() || r.dir != q.dir || r.input != q.input {
			t.Errorf("%s question %d is %s %s --dir %s %s; the corpus asks %s %s --dir %s %s: %s",
				oracleGolden, i+1, r.name, r.label, r.dir, strconv.QuoteToGraphic(r.input),
				q.name, q.label(), q.dir, strconv.QuoteToGraphic(q.input), fix)
			return false
		}
	}
	return true
}

// TestFriBidiLive asks FriBidi itself: its answers must be the recorded
// ones and the app's layout must match them. Without python3 and
// libfribidi it skips, unless NASHRA_REQUIRE_ORACLE=1.
func TestFriBidiLive(t *testing.T) {
	qs := oracleQueries(loadCorpus(t))
	answers, err := askFriBidi(qs)
	if err != nil {
		msg := fmt.Sprintf("FriBidi oracle unavailable (needs python3 and libfribidi0: apt-get install -y python3 libfribidi0): %v", err)
		if os.Getenv("NASHRA_REQUIRE_ORACLE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if *updateOracle {
		if err := writeOracleGolden(qs, answers); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d answers to %s", len(qs), oracleGolden)
	}
	recs := readOracleGolden(t)
	if goldenInSync(t, qs, recs) {
		for i, q := range qs {
			if recs[i].answer != answers[i] {
				t.Errorf("%s %s: FriBidi now answers %s, %s recorded %s: run with -update-oracle",
					q.name, q.label(), strconv.QuoteToGraphic(answers[i]), oracleGolden, strconv.QuoteToGraphic(recs[i].answer))
			}
		}
	}
	tally, used := newOracleTally(), map[string]bool{}
	for i, q := range qs {
		tally.add(q.label(), checkAgainstOracle(t, q, answers[i], used))
	}
	checkKnownDifferencesUsed(t, used)
	t.Logf("live FriBidi, %d questions:%s", len(qs), tally)
}
