package store

import (
	"context"
	"database/sql"
	"strings"

	"golang.org/x/net/html"

	"nashra/fold"
)

// searchLimit bounds how much of an item's text is kept for search: the
// title and the start of the summary are what a reader looks for.
const searchLimit = 2000

// SearchText is what search matches an item against, as the store writes
// it in the items' search column: its title and the start of the text of
// its content, folded. Exported for tools that fill a database directly
// (bench/gendb).
func SearchText(title, content string) string {
	return searchText(title, content)
}

func searchText(title, content string) string {
	return fold.String(title + "\n" + htmlText(content, searchLimit))
}

// htmlText returns up to limit bytes of the text of an HTML fragment.
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

// likePattern turns a folded query into a LIKE pattern matching it
// anywhere, with LIKE's own wildcards escaped.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// backfillSearch fills the search column of items stored before it
// existed.
func backfillSearch(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, title, content FROM items`)
	if err != nil {
		return err
	}
	type row struct {
		id             int64
		title, content string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.title, &r.content); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET search = ? WHERE id = ?`, searchText(r.title, r.content), r.id); err != nil {
			return err
		}
	}
	return nil
}
