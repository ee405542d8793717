package main

import (
	"strings"

	"golang.org/x/net/html"

	"nashra/fold"
)

// searchText is a copy of store's unexported searchText (store/search.go):
// what the items.search column holds for an item. The fast path needs it
// to write rows the store would have written. It is checked on every run
// against rows that store.SaveFeed wrote itself (see verifySearch), so a
// change in the store cannot go unnoticed; exporting the store's own
// function would remove the copy.
func searchText(title, content string) string {
	return fold.String(title + "\n" + htmlText(content, searchLimit))
}

const searchLimit = 2000

func htmlText(fragment string, limit int) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	for b.Len() < limit {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
			b.WriteByte(' ')
		}
	}
	return b.String()[:limit]
}
