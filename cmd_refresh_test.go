package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func rssWith(title string, guids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>%s</title>`, title)
	for _, g := range guids {
		fmt.Fprintf(&b, `<item><guid>%s</guid><title>item %s</title></item>`, g, g)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRefreshCommand(t *testing.T) {
	var broken, moved atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			w.Header().Set("ETag", `"a1"`)
			if r.Header.Get("If-None-Match") == `"a1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, rssWith("Alpha", "1", "2"))
		case "/b":
			if broken.Load() {
				http.NotFound(w, r)
				return
			}
			if moved.Load() {
				http.Redirect(w, r, "/b2", http.StatusMovedPermanently)
				return
			}
			fmt.Fprint(w, rssWith("Beta", "3"))
		case "/b2":
			fmt.Fprint(w, rssWith("Beta", "3", "4"))
		}
	}))
	defer srv.Close()
	cfg := writeConfig(t, fmt.Sprintf("[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\ntitle = \"My B\"\n", srv.URL+"/a", srv.URL+"/b"))
	db := filepath.Join(t.TempDir(), "nashra.db")
	refresh := func(args ...string) (int, string, string) {
		return runCLI(t, append([]string{"refresh", "--db", db, "--config", cfg}, args...)...)
	}

	if code, out, errOut := refresh(); code != 0 || out != "2 feeds, 2 ok\n" || errOut != "" {
		t.Errorf("first run: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := refresh(); code != 0 || out != "2 feeds, 1 ok, 1 not modified\n" {
		t.Errorf("second run: exit %d, stdout %q", code, out)
	}

	// Quiet, for cron: nothing at all when every feed is fine.
	if code, out, errOut := refresh("-q"); code != 0 || out != "" || errOut != "" {
		t.Errorf("quiet run: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}

	broken.Store(true)
	want := fmt.Sprintf("2 feeds, 0 ok, 1 not modified, 1 failed: %s/b: HTTP 404 Not Found\n", srv.URL)
	if code, out, _ := refresh(); code != 1 || out != want {
		t.Errorf("with a failing feed: exit %d, stdout %q, want 1 and %q", code, out, want)
	}
	if code, out, errOut := refresh("--quiet"); code != 1 || out != "" || errOut != "nashra: "+want {
		t.Errorf("quiet with a failing feed: exit %d, stdout %q, stderr %q; want 1 and the line on stderr", code, out, errOut)
	}
	// Only the named feeds, by title (the configuration's or the feed's
	// own) or URL.
	if code, out, _ := refresh("alpha"); code != 0 || out != "1 feed, 0 ok, 1 not modified\n" {
		t.Errorf("refresh alpha: exit %d, stdout %q", code, out)
	}
	if code, out, _ := refresh("my b"); code != 1 || !strings.Contains(out, "1 feed, 0 ok, 1 failed") {
		t.Errorf("refresh \"my b\": exit %d, stdout %q", code, out)
	}
	if code, _, errOut := refresh("nope"); code != 2 || !strings.Contains(errOut, `no subscribed feed has the URL or title "nope"`) {
		t.Errorf("refresh nope: exit %d, stderr %q", code, errOut)
	}

	// A permanent move is passed on to the configuration.
	broken.Store(false)
	moved.Store(true)
	var renames []string
	old := renameSubscription
	renameSubscription = func(path, o, n string) error {
		renames = append(renames, path+" "+o+" "+n)
		return nil
	}
	defer func() { renameSubscription = old }()
	if code, out, _ := refresh(srv.URL + "/b"); code != 0 || out != "1 feed, 1 ok\n" {
		t.Errorf("moved feed: exit %d, stdout %q", code, out)
	}
	if want := cfg + " " + srv.URL + "/b " + srv.URL + "/b2"; len(renames) != 1 || renames[0] != want {
		t.Errorf("renameSubscription calls %q, want %q", renames, want)
	}
}

func TestRefreshCommandWithoutSubscriptions(t *testing.T) {
	dir := t.TempDir()
	for name, cfg := range map[string]string{
		"no file":  filepath.Join(dir, "none.toml"),
		"no feeds": writeConfig(t, "bidi = \"auto\"\n"),
	} {
		code, out, errOut := runCLI(t, "refresh", "--db", filepath.Join(dir, "db"), "--config", cfg)
		if code != 1 || out != "" || errOut != "nashra: no subscriptions: add feeds with nashra add URL or nashra import FILE\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "refresh", "--bogus"); code != 2 || !strings.Contains(errOut, "bogus") {
		t.Errorf("bad flag: exit %d, stderr %q", code, errOut)
	}
}
