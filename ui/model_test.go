package ui

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
	"nashra/render"
)

func TestMain(m *testing.M) {
	// Article dates are shown in local time; goldens must not depend on
	// the machine's zone.
	time.Local = time.UTC
	os.Exit(m.Run())
}

func demoHarness(t *testing.T) *harness {
	return newHarness(t, feed.DemoSources)
}

func TestListGolden(t *testing.T) {
	h := demoHarness(t)
	golden(t, "list.golden", h.screen())
}

func TestArticleGolden(t *testing.T) {
	h := demoHarness(t)
	// The opinion article is the second newest item of the demo.
	h.press("j", "enter")
	golden(t, "article_arabic.golden", h.screen())
}

func TestEnglishArticleGolden(t *testing.T) {
	h := demoHarness(t)
	h.press("enter")
	golden(t, "article_english.golden", h.screen())
}

func TestHelpGolden(t *testing.T) {
	h := demoHarness(t)
	h.press("?")
	golden(t, "help.golden", h.screen())
	h.press("?")
	if strings.Contains(h.screen(), "Keys in the headline list") {
		t.Error("help overlay still shown after a second key press")
	}
}

func TestScreenFillsWindow(t *testing.T) {
	h := demoHarness(t)
	for _, keys := range [][]string{nil, {"enter"}, {"?"}} {
		h.press(keys...)
		lines := h.lines()
		if len(lines) != screenH {
			t.Errorf("after %v: %d lines, want %d", keys, len(lines), screenH)
		}
		for i, l := range lines {
			if w := displayWidth(l); w > screenW {
				t.Errorf("after %v: line %d is %d cells wide, more than %d: %q", keys, i, w, screenW, l)
			}
		}
		h.press("esc")
	}
}

func TestMoveAndOpen(t *testing.T) {
	h := demoHarness(t)
	first := h.selected()
	h.press("j", "j", "k")
	second := h.selected()
	if second.ID == first.ID {
		t.Fatal("j then k from the top should select the second item")
	}
	if !strings.Contains(h.status(), "2/66") {
		t.Errorf("status %q should say 2/66", h.status())
	}
	h.press("G")
	if h.m.list.cursor != 65 {
		t.Errorf("G: cursor %d, want 65", h.m.list.cursor)
	}
	h.press("g")
	if h.m.list.cursor != 0 {
		t.Errorf("g: cursor %d, want 0", h.m.list.cursor)
	}
	h.press("pgdown")
	if h.m.list.cursor != screenH-2 {
		t.Errorf("pgdown: cursor %d, want %d", h.m.list.cursor, screenH-2)
	}
	h.press("pgup", "down", "up", "end")
	if h.m.list.cursor != 65 {
		t.Errorf("end: cursor %d, want 65", h.m.list.cursor)
	}
	h.press("home")
	if h.m.list.cursor != 0 {
		t.Errorf("home: cursor %d, want 0", h.m.list.cursor)
	}
}

func TestOpenMarksReadAndBackReturnsToList(t *testing.T) {
	h := demoHarness(t)
	h.press("j")
	it := h.selected()
	if it.Read {
		t.Fatal("demo item starts read")
	}
	h.press("enter")
	if h.m.screen != articleScreen {
		t.Fatal("enter did not open the article")
	}
	if !strings.Contains(h.screen(), h.m.ts.Line("لا شك أن النهج الحديث", "ar", 100).Text) {
		t.Error("article body not shown")
	}
	if !h.storedItem(it.ID).Read {
		t.Error("opening did not mark the item read in the store")
	}
	if !strings.Contains(h.status(), "65 unread") {
		t.Errorf("status %q should count 65 unread", h.status())
	}
	h.press("q")
	if h.m.screen != listScreen {
		t.Fatal("q in an article should go back to the list")
	}
	if h.quit {
		t.Fatal("q in an article quit the app")
	}
	if h.selected().ID != it.ID {
		t.Error("selection moved while reading")
	}
	h.press("q")
	if !h.quit {
		t.Error("q in the list should quit")
	}
}

func TestNextPreviousInArticle(t *testing.T) {
	h := demoHarness(t)
	h.press("enter")
	first := h.m.article.item.ID
	h.press("n")
	second := h.m.article.item.ID
	if second == first || h.m.screen != articleScreen {
		t.Fatal("n did not open the next item in place")
	}
	if !h.storedItem(second).Read {
		t.Error("n did not mark the next item read")
	}
	h.press("p")
	if h.m.article.item.ID != first {
		t.Error("p did not go back to the previous item")
	}
	h.press("p")
	if !strings.Contains(h.status(), "first item") {
		t.Errorf("p on the first item: status %q", h.status())
	}
}

func TestArticleScrolls(t *testing.T) {
	h := demoHarness(t)
	h.press("j", "enter")
	top := h.screen()
	h.press("j", "j")
	if h.m.article.vp.YOffset() != 2 {
		t.Errorf("j j: offset %d, want 2", h.m.article.vp.YOffset())
	}
	h.press("G")
	if !h.m.article.vp.AtBottom() {
		t.Error("G did not reach the bottom")
	}
	if !strings.Contains(h.status(), "100%") {
		t.Errorf("status %q should say 100%%", h.status())
	}
	h.press("g")
	if h.screen() != top {
		t.Error("g did not return to the top")
	}
	h.press("space")
	if h.m.article.vp.YOffset() == 0 {
		t.Error("space did not page down")
	}
}

func TestToggleReadAndMarkAll(t *testing.T) {
	h := demoHarness(t)
	it := h.selected()
	h.press("m")
	if !h.storedItem(it.ID).Read || !h.selected().Read {
		t.Fatal("m did not mark the item read")
	}
	if !strings.Contains(h.status(), "65 unread") {
		t.Errorf("status %q", h.status())
	}
	h.press("m")
	if h.storedItem(it.ID).Read {
		t.Fatal("second m did not mark the item unread again")
	}
	h.press("A")
	if !strings.Contains(h.status(), "0 unread · 66 items") {
		t.Errorf("after A, status %q", h.status())
	}
	if h.storedItem(it.ID).Read != true {
		t.Error("A did not reach the store")
	}
	if strings.Contains(h.screen(), "●") {
		t.Error("an unread marker is still shown after A")
	}
}

func TestUnreadOnlyFilter(t *testing.T) {
	h := demoHarness(t)
	h.press("enter", "q", "j", "enter", "q") // read the two newest
	h.press("u")
	if n := h.m.list.total; n != 64 {
		t.Fatalf("unread only: %d items listed, want 64", n)
	}
	if !strings.Contains(h.lines()[0], "All items · unread") {
		t.Errorf("header %q should name the view", h.lines()[0])
	}
	for _, it := range h.m.list.items {
		if it.Read {
			t.Fatalf("read item %q listed in unread-only view", it.Title)
		}
	}
	h.press("u")
	if n := h.m.list.total; n != 66 {
		t.Fatalf("all items: %d listed, want 66", n)
	}
}

func TestReadStateSurvivesRestart(t *testing.T) {
	h := demoHarness(t)
	h.press("j", "enter", "q", "j", "m")
	read := []int64{h.m.list.items[1].ID, h.m.list.items[2].ID}
	h.press("q")
	h.close()

	// Start again on the same database: the demo is fetched again too.
	h2 := openHarness(t, h.dbPath, feed.DemoSources)
	if !strings.Contains(h2.status(), "64 unread · 66 items") {
		t.Errorf("after restart, status %q", h2.status())
	}
	for _, id := range read {
		if !h2.storedItem(id).Read {
			t.Errorf("item %d lost its read state", id)
		}
	}
	rows := h2.lines()
	if strings.Contains(rows[2], "●") || strings.Contains(rows[3], "●") {
		t.Errorf("rows read before restart still marked unread:\n%s\n%s", rows[2], rows[3])
	}
	if !strings.Contains(rows[1], "●") {
		t.Errorf("unread row lost its marker: %s", rows[1])
	}
}

func TestOpenLink(t *testing.T) {
	h := demoHarness(t)
	it := h.selected()
	h.press("o")
	if len(h.opened) != 1 || h.opened[0] != it.Link {
		t.Fatalf("o opened %v, want %s", h.opened, it.Link)
	}
}

func TestUnreadRowsStandOut(t *testing.T) {
	h := demoHarness(t)
	h.press("j", "m", "k")
	raw := strings.Split(h.m.Render(), "\n")
	unreadRow, readRow := raw[3], raw[2] // row 2 is the one marked read
	if !strings.Contains(unreadRow, "\x1b[1;") && !strings.Contains(unreadRow, ";1m") && !strings.Contains(unreadRow, "[1m") {
		t.Errorf("unread row is not bold: %q", unreadRow)
	}
	if strings.Contains(readRow, "●") {
		t.Error("read row has the unread marker")
	}
	sel := raw[1]
	if !strings.Contains(sel, "48;5;238") {
		t.Errorf("selected row is not highlighted: %q", sel)
	}
}

func TestResizeRelaysOut(t *testing.T) {
	h := demoHarness(t)
	h.send(teaSize(60, 12))
	lines := h.lines()
	if len(lines) != 12 {
		t.Fatalf("%d lines after resize, want 12", len(lines))
	}
	for i, l := range lines {
		if w := displayWidth(l); w > 60 {
			t.Errorf("line %d is %d cells wide after resize to 60: %q", i, w, l)
		}
	}
	h.press("enter")
	for i, l := range h.lines() {
		if w := displayWidth(l); w > 60 {
			t.Errorf("article line %d is %d cells wide: %q", i, w, l)
		}
	}
}

// A terminal left in explicit bidi mode would show the shell's Arabic
// unordered: suspending restores implicit mode, resuming sets explicit again.
func TestSuspendRestoresImplicitBidi(t *testing.T) {
	h := demoHarness(t)
	_, cmd := h.m.Update(keyPress("ctrl+z"))
	if cmd == nil {
		t.Fatal("ctrl+z did nothing")
	}
	var msgs []tea.Msg
	seq := reflect.ValueOf(cmd())
	if seq.Kind() != reflect.Slice {
		t.Fatalf("ctrl+z: %T, want a sequence of commands", cmd())
	}
	for i := 0; i < seq.Len(); i++ {
		msgs = append(msgs, seq.Index(i).Interface().(tea.Cmd)())
	}
	if len(msgs) != 2 || msgs[0] != (tea.RawMsg{Msg: render.BidiImplicit}) || msgs[1] != (tea.SuspendMsg{}) {
		t.Errorf("ctrl+z sends %#v, want implicit mode then suspend", msgs)
	}
	_, cmd = h.m.Update(tea.ResumeMsg{})
	if cmd == nil || cmd() != (tea.RawMsg{Msg: render.BidiExplicit}) {
		t.Error("resume does not switch back to explicit bidi mode")
	}
}

// In terminal mode text leaves in logical order and unshaped, for
// terminals that reorder it themselves; rows keep the left-to-right layout.
func TestListGoldenTerminalMode(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) {
		c.Typesetter = render.New(render.Options{Bidi: render.BidiTerminal})
	})
	golden(t, "list_terminal.golden", h.screen())
	if !strings.Contains(h.screen(), "باسم دياب يكتب: ما وراء الأرقام") {
		t.Error("an Arabic headline is not in logical order in terminal mode")
	}
}

// With shaping off, Arabic is reordered but keeps its base letters.
func TestListGoldenUnshaped(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) {
		c.Typesetter = render.New(render.Options{Bidi: render.BidiApp})
	})
	golden(t, "list_unshaped.golden", h.screen())
	for _, r := range h.screen() {
		if r >= 0xFB50 && r <= 0xFEFF {
			t.Fatalf("presentation form %U shown with shaping off", r)
		}
	}
}

// Every Arabic headline on the first screen stands right-aligned, its
// unread marker at the right edge, its title as the typesetter lays it out.
func TestArabicRowsAreRightAligned(t *testing.T) {
	h := demoHarness(t)
	lines := h.lines()
	arabicRows := 0
	for i, it := range h.m.list.items[:screenH-2] {
		row := lines[i+1]
		title := h.m.ts.Line(it.Title, "ar", 200).Text
		if it.FeedLanguage != "ar" {
			continue
		}
		arabicRows++
		if !strings.HasSuffix(row, " ● ") {
			t.Errorf("row %d: unread marker not at the right edge: %q", i, row)
		}
		if !strings.Contains(row, title) && !strings.Contains(row, "…") {
			t.Errorf("row %d: title not in display order: %q", i, row)
		}
		if age := english.age(it.Published, clock); !strings.HasPrefix(strings.TrimLeft(row, " "), age+" ") {
			t.Errorf("row %d: age %q not at the left: %q", i, age, row)
		}
	}
	if arabicRows < 15 {
		t.Errorf("only %d Arabic rows checked", arabicRows)
	}
}

func TestMouseWheelScrolls(t *testing.T) {
	h := demoHarness(t)
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.list.cursor != 3 {
		t.Errorf("wheel down in the list: cursor %d, want 3", h.m.list.cursor)
	}
	h.press("g", "j", "enter")
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if h.m.article.vp.YOffset() == 0 {
		t.Error("wheel down in an article did not scroll")
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if h.m.article.vp.YOffset() != 0 {
		t.Error("wheel up did not scroll back")
	}
}

func TestCtrlCQuitsFromAnywhere(t *testing.T) {
	for _, keys := range [][]string{nil, {"enter"}, {"?"}, {"enter", "?"}} {
		h := demoHarness(t)
		h.press(keys...)
		h.press("ctrl+c")
		if !h.quit {
			t.Errorf("ctrl+c after %v did not quit", keys)
		}
	}
}

func TestRefusesNonWebLinks(t *testing.T) {
	h := demoHarness(t)
	for _, link := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "; rm -rf ~"} {
		h.m.list.items[0].Link = link
		h.press("o")
		if len(h.opened) != 0 {
			t.Fatalf("opened %q", h.opened)
		}
		if !strings.Contains(h.status(), "refusing") && !strings.Contains(h.status(), "not a valid link") {
			t.Errorf("%q: status %q does not say it was refused", link, h.status())
		}
	}
}

// Reopening an article returns to where the reader left it, also after
// quitting and starting again.
func TestReadingPositionKept(t *testing.T) {
	h := demoHarness(t)
	h.press("j", "enter", "space", "space")
	at := h.m.article.vp.YOffset()
	if at == 0 {
		t.Fatal("the article did not scroll")
	}
	h.press("q", "enter")
	if got := h.m.article.vp.YOffset(); got != at {
		t.Errorf("reopened at line %d, left at %d", got, at)
	}
	h.press("q")
	h.close()
	h2 := openHarness(t, h.dbPath, feed.DemoSources)
	h2.press("j", "enter")
	if got := h2.m.article.vp.YOffset(); got != at {
		t.Errorf("after restarting, reopened at line %d, left at %d", got, at)
	}
}

// An English article with a link: the link is numbered in the text and
// listed at the end.
func TestEnglishArticleWithLinksGolden(t *testing.T) {
	h := demoHarness(t)
	h.press("j", "j", "enter", "G")
	golden(t, "article_links_english.golden", h.screen())
	if !strings.Contains(h.screen(), "list of keys\u00a0[1]") || !strings.Contains(h.screen(), "1. https://demo.nashra.invalid/en/keys") {
		t.Errorf("the link is not numbered and listed:\n%s", h.screen())
	}
}
