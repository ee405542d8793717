package feed

import (
	"context"
	"os"
	"strings"
	"testing"
)

// seedHeadlines reads the headline strip of the seed page: line 1, items
// separated by runs of four no-break spaces.
func seedHeadlines(t *testing.T) (headlines []string, title string, paragraphs []string) {
	t.Helper()
	data, err := os.ReadFile("testdata/arabic-news-page.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, h := range strings.Split(lines[0], "\u00a0\u00a0\u00a0\u00a0") {
		if h = strings.TrimSpace(h); h != "" {
			headlines = append(headlines, h)
		}
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "باسم دياب يكتب:") {
			title = l
			for _, p := range lines[i+1:] {
				if p = strings.TrimSpace(p); p != "" && !strings.HasPrefix(p, "انقر هنا") {
					paragraphs = append(paragraphs, p)
				}
			}
		}
	}
	return headlines, title, paragraphs
}

func TestDemoArabicFeedHasEverySeedHeadline(t *testing.T) {
	headlines, title, paragraphs := seedHeadlines(t)
	if len(headlines) != 58 || len(paragraphs) != 12 {
		t.Fatalf("seed: %d headlines and %d paragraphs, want 58 and 12", len(headlines), len(paragraphs))
	}
	f, err := (&Fetcher{}).Fetch(context.Background(), "demo:arabic")
	if err != nil {
		t.Fatal(err)
	}
	if f.Language != "ar" {
		t.Errorf("language %q, want ar", f.Language)
	}
	if len(f.Items) != 59 {
		t.Fatalf("%d items, want 58 headlines + 1 article", len(f.Items))
	}
	titles := map[string]Item{}
	for _, it := range f.Items {
		titles[it.Title] = it
	}
	for _, h := range headlines {
		if _, ok := titles[h]; !ok {
			t.Errorf("headline missing or altered: %q", h)
		}
	}
	article, ok := titles[title]
	if !ok {
		t.Fatalf("article %q missing", title)
	}
	for _, p := range paragraphs {
		if !strings.Contains(article.Content, "<p>"+p+"</p>") {
			t.Errorf("article lacks paragraph %q", p)
		}
	}
	if strings.Contains(article.Content, "شكرا على الإبلاغ") {
		t.Error("site boilerplate leaked into the article")
	}
	if article.Author != "باسم دياب" || article.Link == "" {
		t.Errorf("article author %q link %q", article.Author, article.Link)
	}
	keys := map[string]bool{}
	for _, it := range f.Items {
		if it.Published.IsZero() {
			t.Errorf("%q has no date", it.Title)
		}
		if keys[it.Key()] {
			t.Errorf("duplicate key %s", it.Key())
		}
		keys[it.Key()] = true
	}
}

func TestDemoEnglishFeedMixesDirections(t *testing.T) {
	f, err := (&Fetcher{}).Fetch(context.Background(), "demo:english")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Items); n < 5 || n > 10 {
		t.Fatalf("%d items, want 5–10", n)
	}
	arabic, hebrew := 0, 0
	for _, it := range f.Items {
		for _, r := range it.Title {
			if r >= 0x0600 && r <= 0x06FF {
				arabic++
				break
			}
		}
		for _, r := range it.Title {
			if r >= 0x0590 && r <= 0x05FF {
				hebrew++
				break
			}
		}
	}
	if arabic < 2 || hebrew < 1 {
		t.Errorf("%d titles with Arabic and %d with Hebrew, want ≥2 and ≥1", arabic, hebrew)
	}
}

func TestUnknownDemo(t *testing.T) {
	_, err := (&Fetcher{}).Fetch(context.Background(), "demo:nope")
	if err == nil || !strings.Contains(err.Error(), "no such demo feed") {
		t.Fatalf("err = %v", err)
	}
}
