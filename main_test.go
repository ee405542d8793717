package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"nashra/feed"
	"nashra/render"
	"nashra/ui"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrorsAreOneLineAndExit2(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--frobnicate"}, "flag provided but not defined: -frobnicate"},
		{"missing file", []string{filepath.Join(dir, "nope.xml")}, "cannot read"},
		{"directory", []string{dir}, "is a directory"},
		{"flag without value", []string{"--db"}, "flag needs an argument"},
		{"command after a flag", []string{"--bidi", "app", "items"}, "put it first: nashra items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "nashra: ") || !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q: want one line saying %q", stderr, tc.want)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, stdout, _ := runCLI(t, "--help")
	if code != 0 || !strings.Contains(stdout, "--demo") || !strings.Contains(stdout, "config.toml") {
		t.Errorf("--help: code %d, output %q", code, stdout)
	}
	code, stdout, _ = runCLI(t, "--version")
	if code != 0 || stdout != "nashra "+feed.Version+"\n" {
		t.Errorf("--version: code %d, output %q", code, stdout)
	}
}

func TestChooseSources(t *testing.T) {
	cfgHome := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	// adrg/xdg reads the environment once; configPath must follow it.
	reloadXDG()

	src, _, hint, err := chooseSources(options{})
	if err != nil || !equal(src, feed.DemoSources) || !strings.Contains(hint, "config.toml") {
		t.Errorf("no config: %v %q %v, want the demo and a hint", src, hint, err)
	}

	path := filepath.Join(cfgHome, "nashra", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(`feeds = ["https://a.invalid/rss"]`), 0o644); err != nil {
		t.Fatal(err)
	}
	src, _, _, err = chooseSources(options{})
	if err != nil || !equal(src, []string{"https://a.invalid/rss"}) {
		t.Errorf("config: %v %v", src, err)
	}
	src, _, _, _ = chooseSources(options{demo: true})
	if !equal(src, feed.DemoSources) {
		t.Errorf("--demo with a config: %v, want the demo", src)
	}
	file := filepath.Join(t.TempDir(), "f.xml")
	os.WriteFile(file, []byte("<rss/>"), 0o644)
	src, _, _, err = chooseSources(options{sources: []string{"https://b.invalid/atom", file}})
	if err != nil || !equal(src, []string{"https://b.invalid/atom", file}) {
		t.Errorf("command line: %v %v", src, err)
	}

	if err := os.WriteFile(path, []byte(`feeds = [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := chooseSources(options{}); err == nil || !strings.Contains(err.Error(), "config.toml") {
		t.Errorf("broken config: err = %v, want it to name the file", err)
	}
}

func equal(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

func reloadXDG() { xdg.Reload() }

func TestTextOptions(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	plain := env(nil)
	for _, tc := range []struct {
		bidi, shape string
		getenv      func(string) string
		want        render.Options
	}{
		{"", "", plain, render.Options{Bidi: render.BidiApp, Shape: true}},
		{"auto", "auto", env(map[string]string{"VTE_VERSION": "7600"}), render.Options{Bidi: render.BidiApp, Shape: true}},
		{"auto", "", env(map[string]string{"KONSOLE_VERSION": "230804"}), render.Options{Bidi: render.BidiTerminal}},
		{"", "", env(map[string]string{"TERM": "mlterm-256color"}), render.Options{Bidi: render.BidiTerminal}},
		{"app", "", env(map[string]string{"KONSOLE_VERSION": "230804"}), render.Options{Bidi: render.BidiApp, Shape: true}},
		{"terminal", "", plain, render.Options{Bidi: render.BidiTerminal}},
		{"app", "off", plain, render.Options{Bidi: render.BidiApp}},
		{"terminal", "on", plain, render.Options{Bidi: render.BidiTerminal, Shape: true}},
	} {
		got, err := textOptions(tc.bidi, tc.shape, tc.getenv)
		if err != nil || got != tc.want {
			t.Errorf("textOptions(%q, %q) = %+v, %v; want %+v", tc.bidi, tc.shape, got, err, tc.want)
		}
	}
	if _, err := textOptions("ltr", "", plain); err == nil {
		t.Error("bidi=ltr accepted")
	}
	if code, _, stderr := runCLI(t, "--shape", "maybe", "--demo"); code != 2 || !strings.Contains(stderr, "shape must be") {
		t.Errorf("--shape maybe: code %d, %q", code, stderr)
	}
}

func TestInterfaceLanguage(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tc := range []struct {
		flag, config string
		env          map[string]string
		want         string
	}{
		{"", "", nil, "en"},
		{"", "", map[string]string{"LANG": "ar_EG.UTF-8"}, "ar_EG.UTF-8"},
		{"", "", map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "ar_SA.UTF-8"}, "ar_SA.UTF-8"},
		{"", "ar", map[string]string{"LANG": "en_US.UTF-8"}, "ar"},
		{"en", "ar", map[string]string{"LC_ALL": "ar_EG"}, "en"},
	} {
		if got := interfaceLanguage(tc.flag, tc.config, env(tc.env)); got != tc.want {
			t.Errorf("interfaceLanguage(%q, %q, %v) = %q, want %q", tc.flag, tc.config, tc.env, got, tc.want)
		}
	}
	if got := localHint("demo · add feeds to /x/config.toml", ui.CatalogFor("ar")); got != "عرض تجريبي · أضف مصادرك في \u2066/x/config.toml\u2069" {
		t.Errorf("Arabic hint: %q", got)
	}
}

// TestBadLanguageOrThemeStopsAtStart: an interface language asked for by
// name that nashra does not have, and an article theme it cannot read,
// are reported when it starts (before the screen is taken), not ignored or
// shown in place of every article.
func TestBadLanguageOrThemeStopsAtStart(t *testing.T) {
	cfgHome := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	reloadXDG()
	t.Cleanup(reloadXDG)
	db := filepath.Join(t.TempDir(), "n.db")
	code, _, stderr := runCLI(t, "--lang", "fr", "--demo", "--db", db)
	if code != 2 || !strings.Contains(stderr, `no interface in "fr"`) || !strings.Contains(stderr, "ar, en") {
		t.Errorf("--lang fr: exit %d, stderr %q", code, stderr)
	}
	path := filepath.Join(cfgHome, "nashra", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []string{`ui_language = "fr"`, `theme = "/nonexistent/style.json"`} {
		if err := os.WriteFile(path, []byte(cfg+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "--demo", "--db", db)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !(strings.Contains(stderr, "fr") || strings.Contains(stderr, "theme:")) {
			t.Errorf("%s: exit %d, stderr %q", cfg, code, stderr)
		}
	}
	if !ui.HasCatalog("ar_EG.UTF-8") || ui.HasCatalog("fr_FR.UTF-8") || !ui.HasCatalog("en") {
		t.Error("HasCatalog")
	}
}
