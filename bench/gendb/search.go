package main

import "nashra/store"

// searchText is what the items.search column holds for an item: the
// store's own function, so the fast path writes rows the store would have
// written (verifySearch checks it on every run against rows that
// store.SaveFeed wrote itself).
func searchText(title, content string) string {
	return store.SearchText(title, content)
}
