package bidi

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// The conformance files of the Unicode version in UnicodeVersion, with
// their licence headers, compressed with gzip -9.
const (
	characterTestFile = "testdata/BidiCharacterTest.txt.gz"
	classTestFile     = "testdata/BidiTest.txt.gz"
)

// maxReported is how many failing cases a conformance test prints.
const maxReported = 5

// readLines calls fn with every non-comment, non-empty line of a gzipped
// test file, and its line number.
func readLines(t *testing.T, path string, fn func(n int, line []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fn(n, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// failures counts failing cases and keeps the first few descriptions.
type failures struct {
	count   int
	reports []string
}

func (f *failures) add(format string, args ...any) {
	f.count++
	if len(f.reports) < maxReported {
		f.reports = append(f.reports, fmt.Sprintf(format, args...))
	}
}

func (f *failures) check(t *testing.T, total int) {
	t.Helper()
	t.Logf("%d/%d cases pass (%.2f%%)", total-f.count, total, 100*float64(total-f.count)/float64(max(total, 1)))
	if f.count > 0 {
		t.Errorf("%d of %d cases fail; first ones:", f.count, total)
		for _, r := range f.reports {
			t.Error(r)
		}
	}
}

// fields splits s at spaces and tabs without allocating strings.
func fields(dst [][]byte, s []byte) [][]byte {
	dst = dst[:0]
	for len(s) > 0 {
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			dst = append(dst, s[i:j])
		}
		s = s[j:]
	}
	return dst
}

// expectedLevels parses levels or indices from a test file, -1 for "x".
func expectedLevels(dst []int, toks [][]byte) ([]int, error) {
	dst = dst[:0]
	for _, tok := range toks {
		if len(tok) == 1 && tok[0] == 'x' {
			dst = append(dst, -1)
			continue
		}
		v, err := strconv.Atoi(string(tok))
		if err != nil {
			return nil, err
		}
		dst = append(dst, v)
	}
	return dst, nil
}

// checker compares a resolved paragraph with the expected levels and
// visual order, reusing its buffers between cases.
type checker struct {
	line     []Level
	kept     []int
	keptLvls []Level
	order    []int
}

// check returns "" if p (as one line) has the expected levels (-1 for
// characters removed by X9) and visual order of the kept characters.
func (c *checker) check(p *Paragraph, wantLevels, wantOrder []int) string {
	c.line = p.appendLineLevels(c.line[:0], 0, p.Len())
	if len(wantLevels) != len(c.line) {
		return fmt.Sprintf("%d levels expected for %d characters", len(wantLevels), len(c.line))
	}
	c.kept, c.keptLvls = c.kept[:0], c.keptLvls[:0]
	for i, want := range wantLevels {
		removed := removedByX9.has(p.classes[i])
		if removed != (want < 0) {
			return fmt.Sprintf("character %d (%v): removed by X9 = %t, want %t", i, p.classes[i], removed, want < 0)
		}
		if removed {
			continue
		}
		if int(c.line[i]) != want {
			return fmt.Sprintf("levels %v, want %v", c.line, wantLevels)
		}
		c.kept = append(c.kept, i)
		c.keptLvls = append(c.keptLvls, c.line[i])
	}
	c.order = reorder(resize(c.order, len(c.keptLvls)), c.keptLvls)
	if len(c.order) != len(wantOrder) {
		return fmt.Sprintf("order of %d characters, want %d", len(c.order), len(wantOrder))
	}
	for k, o := range c.order {
		if c.kept[o] != wantOrder[k] {
			got := make([]int, len(c.order))
			for k, o := range c.order {
				got[k] = c.kept[o]
			}
			return fmt.Sprintf("order %v, want %v", got, wantOrder)
		}
	}
	return ""
}

func TestBidiCharacterTest(t *testing.T) {
	var (
		p        Paragraph
		c        checker
		fails    failures
		total    int
		text     []rune
		toks     [][]byte
		levels   []int
		order    []int
		fieldSep = []byte(";")
	)
	readLines(t, characterTestFile, func(n int, line []byte) {
		f := bytes.Split(line, fieldSep)
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", n, len(f))
		}
		total++
		text = text[:0]
		for _, tok := range fields(toks, f[0]) {
			v, err := strconv.ParseUint(string(tok), 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			text = append(text, rune(v))
		}
		var dir Dir
		switch string(bytes.TrimSpace(f[1])) {
		case "0":
			dir = LTR
		case "1":
			dir = RTL
		case "2":
			dir = Auto
		default:
			t.Fatalf("line %d: bad direction %q", n, f[1])
		}
		wantPara, err := strconv.Atoi(string(bytes.TrimSpace(f[2])))
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		toks = fields(toks, f[3])
		if levels, err = expectedLevels(levels, toks); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		toks = fields(toks, f[4])
		if order, err = expectedLevels(order, toks); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}

		p.init(text, nil, dir)
		if int(p.Level()) != wantPara {
			fails.add("line %d: paragraph level %d, want %d: %s", n, p.Level(), wantPara, line)
			return
		}
		if msg := c.check(&p, levels, order); msg != "" {
			fails.add("line %d: %s: %s", n, msg, line)
		}
	})
	if total != 91707 {
		t.Errorf("read %d cases, want 91707", total)
	}
	fails.check(t, total)
}

func TestBidiTest(t *testing.T) {
	var (
		p       Paragraph
		c       checker
		fails   failures
		total   int
		classes []Class
		toks    [][]byte
		levels  []int
		order   []int
		err     error
	)
	readLines(t, classTestFile, func(n int, line []byte) {
		if rest, ok := bytes.CutPrefix(line, []byte("@Levels:")); ok {
			if levels, err = expectedLevels(levels, fields(toks, rest)); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			return
		}
		if rest, ok := bytes.CutPrefix(line, []byte("@Reorder:")); ok {
			if order, err = expectedLevels(order, fields(toks, rest)); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			return
		}
		if line[0] == '@' {
			return // other @ lines are to be ignored, says the file
		}
		input, bits, ok := bytes.Cut(line, []byte(";"))
		if !ok {
			t.Fatalf("line %d: no bitset", n)
		}
		classes = classes[:0]
		for _, tok := range fields(toks, input) {
			cl, ok := classByName(tok)
			if !ok {
				t.Fatalf("line %d: unknown class %q", n, tok)
			}
			classes = append(classes, cl)
		}
		set, err := strconv.ParseUint(string(bytes.TrimSpace(bits)), 16, 8)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for bit, dir := range [3]Dir{Auto, LTR, RTL} {
			if set&(1<<bit) == 0 {
				continue
			}
			total++
			p.init(nil, classes, dir)
			if msg := c.check(&p, levels, order); msg != "" {
				fails.add("line %d, %v paragraph: %s: %s", n, dir, msg, line)
			}
		}
	})
	fails.check(t, total)
}

func classByName(name []byte) (Class, bool) {
	for c, s := range classNames {
		if s == string(name) {
			return Class(c), true
		}
	}
	return 0, false
}
