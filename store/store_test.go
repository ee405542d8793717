package store

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nashra/feed"
)

func TestOpenCreatesDirAndConfigures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	s := openAt(t, filepath.Join(dir, "nashra.db"))

	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("parent dir mode = %o, want 700", perm)
	}

	var mode string
	if err := s.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	// Per-connection settings must hold on both pools.
	for name, db := range map[string]*sql.DB{"writer": s.w, "reader": s.r} {
		var fk, busy int
		if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || busy != busyTimeoutMS {
			t.Errorf("%s: foreign_keys=%d busy_timeout=%d, want 1 and %d", name, fk, busy, busyTimeoutMS)
		}
	}
	if _, err := s.r.Exec("UPDATE items SET read = 1"); err == nil {
		t.Error("reader pool accepted a write; it should be query_only")
	}
}

func TestFreshDatabaseGetsLatestVersion(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	v, err := userVersion(ctx, s.r)
	if err != nil {
		t.Fatal(err)
	}
	if v != latestVersion() || v < 1 {
		t.Fatalf("user_version = %d, want %d", v, latestVersion())
	}
	s.Close()

	// Reopening an up-to-date database applies nothing and fails nothing.
	s2 := openAt(t, path)
	if v, _ := userVersion(ctx, s2.r); v != latestVersion() {
		t.Fatalf("after reopen user_version = %d, want %d", v, latestVersion())
	}
}

func TestOpenRejectsNewerSchemaWithoutTouchingIt(t *testing.T) {
	path := dbPath(t)
	// A database as a future nashra might leave it, in rollback-journal
	// mode so that an accidental switch to WAL would show in the bytes.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	newer := latestVersion() + 1
	for _, q := range []string{
		"CREATE TABLE future (x)",
		"INSERT INTO future VALUES (42)",
		"PRAGMA user_version = " + strconv.Itoa(newer),
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded on a database from a newer version")
	}
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("error %v does not wrap ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), strconv.Itoa(newer)) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q should name the path and version %d", err, newer)
	}

	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("database file was modified by the failed Open")
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a -wal file appeared next to the database (stat err %v)", err)
	}
}

// Quit and start again: read state and counts come back from the file.
func TestRoundTripAcrossReopen(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	f := feed.Feed{URL: "https://example.org/feed", Title: "Example", Language: "ar", Items: []feed.Item{
		{GUID: "1", Title: "one", Published: at(1)},
		{GUID: "2", Title: "two", Published: at(2)},
		{GUID: "3", Title: "three", Published: at(3)},
	}}
	mustSave(t, s, f)
	items := mustItems(t, s, Query{})
	k := byKey(items)
	for _, key := range []string{"guid:1", "guid:3"} {
		if err := s.SetRead(ctx, k[key].ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, k["guid:2"].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2 := openAt(t, path)
	wantCounts(t, s2, 1, 3)
	k2 := byKey(mustItems(t, s2, Query{}))
	if !k2["guid:1"].Read || k2["guid:2"].Read || !k2["guid:3"].Read {
		t.Errorf("read state lost across reopen: %+v", k2)
	}
	if !k2["guid:2"].Starred {
		t.Error("starred state lost across reopen")
	}
	got := k2["guid:2"]
	if got.FeedTitle != "Example" || got.FeedLanguage != "ar" || got.FeedURL != f.URL {
		t.Errorf("feed fields = %q %q %q", got.FeedTitle, got.FeedLanguage, got.FeedURL)
	}
	if !got.Published.Equal(at(2)) {
		t.Errorf("published = %v, want %v", got.Published, at(2))
	}
}

// TestUpgradeRefoldsGreekFinalSigma: a database whose search text was
// folded before final sigma folded to sigma is brought in line when it is
// opened, index included.
func TestUpgradeRefoldsGreekFinalSigma(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	mustSave(t, s, feed.Feed{URL: "https://greek.example/", Items: []feed.Item{{GUID: "1", Title: "ΝΈΟΣ ΝΌΜΟΣ"}, {GUID: "2", Title: "άλλο"}}})
	// As the previous version left it: ς kept in the folded text.
	for _, stmt := range []string{
		`UPDATE items SET search = replace(search, 'σ', 'ς')`,
		"PRAGMA user_version = " + strconv.Itoa(latestVersion()-1),
	} {
		if _, err := s.w.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s2 := openAt(t, path)
	var folded string
	if err := s2.r.QueryRow(`SELECT search FROM items WHERE guid = '1'`).Scan(&folded); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(folded, "ς") || !strings.Contains(folded, "νόμοσ") {
		t.Errorf("search text after the upgrade: %q", folded)
	}
	if _, err := s2.w.Exec(`INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("the search index does not match the refolded text: %v", err)
	}
	for _, q := range []string{"νόμος", "ος"} { // through the index, and directly
		if got := mustItems(t, s2, Query{Search: q}); len(got) != 1 {
			t.Errorf("search %q after the upgrade: %d items", q, len(got))
		}
	}
}
