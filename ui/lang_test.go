package ui

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
	"nashra/render"
)

func arabicHarness(t *testing.T) *harness {
	return newHarness(t, feed.DemoSources, func(c *Config) { c.Language = "ar" })
}

func TestArabicInterfaceList(t *testing.T) {
	h := arabicHarness(t)
	golden(t, "list_arabic_ui.golden", h.screen())
	lines := h.lines()
	header, status := lines[0], lines[len(lines)-1]
	// The header is mirrored: the app's name at the right edge.
	name := h.m.ts.Line("نشرة", "", 10).Text
	if !strings.HasSuffix(strings.TrimRight(header, " "), name) {
		t.Errorf("header does not end with the app's name at the right: %q", header)
	}
	// The counts stand at the right edge of the status bar.
	counts := h.m.ts.ChromeRTL("66 غير مقروء · 66 خبرًا · 1/66", render66) // 66: the accusative singular
	if !strings.HasSuffix(strings.TrimRight(status, " "), strings.TrimSpace(counts)) {
		t.Errorf("status bar does not end with the counts:\n%q\n%q", status, counts)
	}
	// Ages in Arabic units.
	if !strings.Contains(lines[1], h.m.ts.Line("15 د", "ar", 10).Text) {
		t.Errorf("first row's age is not in Arabic: %q", lines[1])
	}
}

// render66 is the width of the counts in the Arabic status bar.
const render66 = 29

func TestArabicInterfaceHelp(t *testing.T) {
	h := arabicHarness(t)
	h.press("?")
	golden(t, "help_arabic_ui.golden", h.screen())
	screen := h.screen()
	for _, desc := range []string{"مفاتيح قائمة العناوين", "التالي غير المقروء", "اضغط أي مفتاح للإغلاق"} {
		if !strings.Contains(screen, h.m.ts.Line(desc, "ar", 100).Text) {
			t.Errorf("help lacks %q in display order", desc)
		}
	}
	for _, english := range []string{"page up", "toggle read", "Keys in", "press any key"} {
		if strings.Contains(screen, english) {
			t.Errorf("English %q in the Arabic help", english)
		}
	}
}

// Every interface string has an Arabic translation: a new English string
// without one fails here.
func TestArabicCatalogIsComplete(t *testing.T) {
	en, ar := reflect.ValueOf(english), reflect.ValueOf(arabic)
	for i := range en.NumField() {
		f := en.Type().Field(i)
		if p, ok := en.Field(i).Interface().(Plural); ok {
			a := ar.Field(i).Interface().(Plural)
			if a.Other == "" || a.Other == p.Other {
				t.Errorf("no Arabic for %s (%q)", f.Name, p.Other)
			}
			continue
		}
		if f.Type.Kind() != reflect.String || f.Name == "Lang" {
			continue
		}
		if ar.Field(i).String() == "" {
			t.Errorf("no Arabic for %s (%q)", f.Name, en.Field(i).String())
		}
		if ar.Field(i).String() == en.Field(i).String() {
			t.Errorf("%s is the same in Arabic as in English: %q", f.Name, en.Field(i).String())
		}
	}
}

func TestCatalogFor(t *testing.T) {
	for lang, want := range map[string]string{"ar": "ar", "ar_EG.UTF-8": "ar", "ar-SA": "ar", "en_GB.UTF-8": "en", "": "en", "fr": "en", "C": "en"} {
		if got := CatalogFor(lang).Lang; got != want {
			t.Errorf("CatalogFor(%q) = %s, want %s", lang, got, want)
		}
	}
}

func TestNextUnreadSkipsReadItems(t *testing.T) {
	h := demoHarness(t)
	// Read items 2 and 3, then from the first, n jumps to the fourth.
	h.press("j", "m", "j", "m", "g", "n")
	if h.m.list.cursor != 3 {
		t.Errorf("n from the top: cursor %d, want 3 (items 1 and 2 are read)", h.m.list.cursor)
	}
	h.press("enter", "n")
	if h.m.screen != articleScreen || h.m.list.cursor != 4 {
		t.Errorf("n in an article: screen %v cursor %d, want the article of item 4", h.m.screen, h.m.list.cursor)
	}
	h.press("q", "A", "n")
	if !strings.Contains(h.status(), "no more unread") {
		t.Errorf("n with nothing unread: status %q", h.status())
	}
}

func TestArabicInterfaceFeedsAndSearch(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) {
		c.Language = "ar"
		c.Subscriptions = []feed.Subscription{{URL: "demo:arabic", Tags: []string{"أخبار"}}}
	})
	h.press("tab")
	golden(t, "feeds_arabic_ui.golden", h.screen())
	if row := h.lines()[1]; !strings.HasSuffix(row, "● ") {
		t.Errorf("feeds view row not mirrored: %q", row)
	}
	h.press("esc", "/", "ا", "ل", "ز", "م", "ا", "ل", "ك")
	status := h.status()
	if !strings.Contains(status, h.m.ts.Line("نتيجة واحدة", "ar", 50).Text) {
		t.Errorf("search line: %q", status)
	}
}

// An Arabic reader reading the Arabic column in the Arabic interface sees
// no English word: the date is numeric, the link list is titled in Arabic.
func TestArabicInterfaceArticleHasNoEnglish(t *testing.T) {
	h := arabicHarness(t)
	h.press("j", "enter")
	golden(t, "article_arabic_ui.golden", h.screen())
	lines := h.lines()
	// The header, the byline and the article view's own words; the body is
	// the column's text (it names "Emplifi"), not the interface.
	own := lines[:6]
	for i, l := range own {
		if strings.Contains(l, "https://") {
			continue // the source's address
		}
		for _, w := range strings.Fields(l) {
			letters := 0
			for _, r := range w {
				if r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z' {
					letters++
				}
			}
			if letters > 1 {
				t.Errorf("line %d has the English word %q: %q", i, w, l)
			}
		}
	}
}

// TestCountedNouns: a count takes the noun's form its language gives the
// number. Arabic (as CLDR has it): خبر واحد, خبران, 3–10 أخبار, 11–99
// خبرًا, and by the last two digits above 100 (100 خبر, 103 أخبار,
// 111 خبرًا, 1000000 خبر).
func TestCountedNouns(t *testing.T) {
	for _, tc := range []struct {
		c    Catalog
		n    int
		want string
	}{
		{arabic, 0, "لا أخبار"},
		{arabic, 1, "خبر واحد"},
		{arabic, 2, "خبران"},
		{arabic, 3, "3 أخبار"},
		{arabic, 10, "10 أخبار"},
		{arabic, 11, "11 خبرًا"},
		{arabic, 66, "66 خبرًا"},
		{arabic, 99, "99 خبرًا"},
		{arabic, 100, "100 خبر"},
		{arabic, 102, "102 خبر"},
		{arabic, 103, "103 أخبار"},
		{arabic, 111, "111 خبرًا"},
		{arabic, 1000000, "1000000 خبر"},
		{english, 0, "0 items"},
		{english, 1, "1 item"},
		{english, 2, "2 items"},
		{english, 101, "101 items"},
	} {
		if got := tc.c.Items.Format(tc.c.Lang, tc.n); got != tc.want {
			t.Errorf("%s, %d items: %q, want %q", tc.c.Lang, tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		got, want string
	}{
		{arabic.counts(5, 12), "5 غير مقروء · 12 خبرًا"},
		{english.counts(1, 1), "1 unread · 1 item"},
		{arabic.FeedsFailed.Format("ar", 2, "x: y"), "تعذّر تحديث مصدرين؛ آخرهما: x: y"},
		{arabic.FeedsFailed.Format("ar", 7, "x: y"), "تعذّر تحديث 7 مصادر؛ آخرها: x: y"},
		{english.FeedsFailed.Format("en", 7, "x: y"), "7 feeds failed; last: x: y"},
		{arabic.Progress.Format("ar", 12, 3), "3/12 مصدرًا"},
		{arabic.Progress.Format("ar", 5, 3), "3/5 مصادر"},
		{english.Progress.Format("en", 50, 3), "3/50 feeds"},
		{arabic.NewItems.Format("ar", 1), "خبر جديد واحد"},
		{english.NewItems.Format("en", 1), "1 new item"},
		{arabic.matches(2), "نتيجتان"},
		{english.matches(1), "1 match"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

// TestHelpFitsTheWindow: the help overlay shows every key, whole, in
// windows narrower than its widest layout, in either language: its groups
// merge into fewer columns rather than lose the last (or, right to left,
// the first) off the edge.
func TestHelpFitsTheWindow(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		for _, size := range [][2]int{{100, 30}, {80, 24}, {60, 40}} {
			for _, screen := range []string{"list", "article"} {
				h := newHarness(t, feed.DemoSources, func(c *Config) { c.Language = lang })
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				groups := h.m.keys.listHelp()
				if screen == "article" {
					h.press("enter")
					groups = h.m.keys.articleHelp()
				}
				h.press("?")
				s := h.screen()
				for _, l := range strings.Split(s, "\n") {
					if w := render.Width(l); w > size[0] {
						t.Errorf("%s %s %dx%d: a line %d cells wide: %q", lang, screen, size[0], size[1], w, l)
					}
				}
				if !strings.Contains(s, "╮") || !strings.Contains(s, "╯") {
					t.Errorf("%s %s %dx%d: the box's right edge is cut off:\n%s", lang, screen, size[0], size[1], s)
				}
				for _, g := range groups {
					for _, b := range g {
						if k := b.Help().Key; !strings.Contains(s, k) {
							t.Errorf("%s %s %dx%d: the key %q is not shown:\n%s", lang, screen, size[0], size[1], k, s)
						}
					}
				}
			}
		}
	}
}
