package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain عربي עברית":                     "plain عربي עברית",
		"  padded  ":                           "padded",
		"a\x1b[1;31mb\x1b[m":                   "ab",
		"a\x1b[?1049hb":                        "ab",    // alternate screen
		"a\x1b[2Jb\x1b[Hc":                     "abc",   // clear, home
		"a\x1b]0;evil title\x07b":              "ab",    // window title, BEL
		"a\x1b]2;evil title\x1b\\b":            "ab",    // window title, ST
		"a\x1b]52;c;ZXZpbA==\x07b":             "ab",    // clipboard
		"a\x1b]8;;file:///etc/passwd\x07b":     "ab",    // hyperlink
		"a\x1bP+q544e\x1b\\b":                  "ab",    // DCS
		"a\x1b_apc\x1b\\b\x1b^pm\x1b\\c":       "abc",   // APC, PM
		"a\x1bXsos\x1b\\b":                     "ab",    // SOS
		"a\x1b(Bb\x1b=c\x1b7d\x1bce":           "abcde", // nF, Fp, Fs (ESC c resets)
		"a\u009b1mb\u009d0;x\u009cc":           "abc",   // 8-bit CSI, OSC, ST
		"a\u00900;q\u009cb\u009fapc\u009cc":    "abc",   // 8-bit DCS, APC
		"a\u009b31;1mb":                        "ab",
		"tab\tnl\ncr\rcrlf\r\nend":             "tab nl cr crlf  end",
		"bad \xff byte \xc2":                   "bad \uFFFD byte \uFFFD",
		"raw c1 byte \x9b31m":                  "raw c1 byte \uFFFD31m", // not UTF-8: no terminal reads it as CSI
		"nul\x00del\x7fnel\u0085bs\x08bel\x07": "nuldelnelbsbel",
		"rlm\u200fkept \u202eRLO kept":         "rlm\u200fkept \u202eRLO kept",
		"trailing esc\x1b":                     "trailing esc",
		"unterminated \x1b]0;title":            "unterminated",
		"unterminated csi \x1b[12;":            "unterminated csi",
		"esc then letter \x1bé":                "esc then letter é",
		"ls\u2028ps\u2029":                     "ls ps",
		"osc aborted by CAN \x1b]0;x\x18kept":  "osc aborted by CAN kept",
		"":                                     "",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"para one\n\tindented\r\nwindows\rmac": "para one\n\tindented\nwindows\nmac",
		"a\x1b]0;title\x07b\n":                 "ab\n",
		// An unterminated string ends with its line, not the article.
		"a\x1b]0;runaway\nnext line": "a\nnext line",
		"x\u009b2Jy\x0cz\x0bw":       "xyzw",
		"ls\u2028kept":               "ls\u2028kept",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocument(t *testing.T) {
	for in, want := range map[string]string{
		"<title>a\x1b]0;evil\x07b</title>":       "<title>ab</title>",
		"<title>a\x1b]0;unterminated</title><x>": "<title>a</title><x>",
		"<t>a\x1b[<i>b</i>":                      "<t>a<i>b</i>",
		"<t>\u009d52;c;x</t>":                    "<t></t>",
	} {
		if got := Document(in); got != want {
			t.Errorf("Document(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanTextIsReturnedAsIs(t *testing.T) {
	s := strings.Repeat("clean عربي text\n\twith tabs ", 100)
	if got := Text(s); got != s {
		t.Fatal("Text changed clean text")
	}
	allocs := testing.AllocsPerRun(10, func() { _ = Text(s) })
	if allocs != 0 {
		t.Errorf("Text allocates %v times on clean text", allocs)
	}
}

func TestCloseBidi(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                  "plain",
		"\u202eevil":             "\u202eevil\u202c",
		"\u2067rli":              "\u2067rli\u2069",
		"stray \u202c\u2069 end": "stray  end",
		"\u202bA\u2066B\u202cC":  "\u202bA\u2066BC\u2069\u202c", // a PDF cannot close past an isolate
		"\u2066A\u202eB\u2069C":  "\u2066A\u202eB\u2069C",       // a PDI closes the RLO inside it
		"\u202a\u202b\u202c":     "\u202a\u202b\u202c\u202c",
	} {
		if got := CloseBidi(in); got != want {
			t.Errorf("CloseBidi(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

// checkSafe fails if s holds anything a terminal would act on.
func checkSafe(t *testing.T, what, s string, keep string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 in %q", what, s)
	}
	for _, r := range s {
		if (r < 0x20 && !strings.ContainsRune(keep, r)) || (r >= 0x7f && r <= 0x9f) {
			t.Errorf("%s: control %U left in %q", what, r, s)
			return
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"plain", "a\x1b[1;31mb", "\x1b]52;c;ZXZpbA==\x07", "\u009b2J", "\u009d0;t\u009c",
		"\x1bP+q\x1b\\", "\xff\xfe", "a\tb\r\nc", "\u202eRLO", "<t>\x1b]0;x</t>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, text, doc := Line(s), Text(s), Document(s)
		checkSafe(t, "Line", line, "")
		checkSafe(t, "Text", text, "\t\n")
		checkSafe(t, "Document", doc, "\t\n")
		if Has(line) {
			t.Errorf("Has(Line(%q)) = true", s)
		}
		if Line(line) != line || Text(text) != text || Document(doc) != doc {
			t.Errorf("cleaning %q is not idempotent", s)
		}
		if !Has(s) && line != strings.TrimSpace(s) {
			t.Errorf("Has(%q) = false but Line changed it", s)
		}
		closed := CloseBidi(s)
		if CloseBidi(closed) != closed {
			t.Errorf("CloseBidi(%+q) is not idempotent", s)
		}
	})
}

func TestExpandControlRefs(t *testing.T) {
	for in, want := range map[string]string{
		"no refs":                    "no refs",
		"a&#27;]0;x&#7;b":            "a\x1b]0;x\x07b",
		"&#x1b;&#X1B;&#x9b;&#157;":   "\x1b\x1b\u009b\u009d",
		"kept: &#9;&#10;&#13;&#32;":  "kept: &#9;&#10;&#13;&#32;",
		"kept: &#xe9; &#1575; &#amp": "kept: &#xe9; &#1575; &#amp",
		"&amp;#27; is text":          "&amp;#27; is text",
		"unterminated &#27":          "unterminated &#27",
		"huge &#99999999999;":        "huge &#99999999999;",
	} {
		if got := ExpandControlRefs(in); got != want {
			t.Errorf("ExpandControlRefs(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Line(ExpandControlRefs("a&#x1b;]52;c;ZXZpbA==&#x07;b &#x9b;31mc")); got != "ab c" {
		t.Errorf("refs not removed with their sequences: %q", got)
	}
}
