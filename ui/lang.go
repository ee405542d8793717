package ui

import (
	"fmt"
	"strings"
	"time"
)

// Catalog holds every string of the interface in one language. Adding a
// language is one file: a Catalog value registered in catalogs. Key names
// (j, k, enter…) are not translated: the keys are the same letters in
// every language.
type Catalog struct {
	Lang string // BCP 47 tag
	RTL  bool   // the interface reads right to left: the chrome is mirrored

	AppName, AllItems, UnreadView, FeedsView, HelpView, SearchView string
	All, Starred                                                   string

	Counts, FeedCounts, NewItems, Progress, FeedsFailed   string // formats
	AlreadyRefreshing, NoItems, NothingMatches, NoStarred string
	NoUnread, Fetching, ShowingUnread, ShowingAll         string
	StarredMsg, UnstarredMsg, MarkedAllRead               string
	FirstItem, LastItem, NoMoreUnread, NoLink             string
	Opened, Refusing, InvalidLink                         string // formats
	Matches, OneMatch, SearchHints, Searching             string
	PressAnyKey, HelpList, HelpArticle, HelpFeeds         string
	LongArticle, CannotShow, Failed                       string
	DemoAddFeeds, DemoOwnFeeds, DemoNoFeeds               string // formats with the config path

	AgeNow, AgeMinutes, AgeHours, AgeDays, AgeMonths, AgeYears string // formats

	// Key descriptions for the help overlay and the status bar hints.
	KeyUp, KeyDown, KeyPageUp, KeyPageDown, KeyFirst, KeyLast     string
	KeyOpen, KeyBack, KeyNext, KeyPrev, KeyToggleRead, KeyMarkAll string
	KeyUnreadOnly, KeyOpenLink, KeyRefresh, KeyHelp, KeyQuit      string
	KeyQuitAnywhere, KeySuspend, KeyStar, KeyFeeds, KeySearch     string
	KeyScrollUp, KeyScrollDown, KeyHalfPageUp, KeyHalfPageDown    string
	KeyFullText, FetchingFullText, FullTextDone                   string
	KeyCopyLink, KeyFollowLink, Copied, LinkNumber, NoSuchLink    string
	LinksTitle, NoText, ArticleCut                                string // the article view's own words
	DateLayout                                                    string // how an article's date is written (a Go time layout)
}

// catalogs are the interface languages, by primary language subtag.
var catalogs = map[string]Catalog{
	"en": english,
	"ar": arabic,
}

// CatalogFor returns the catalogue for a language tag or locale name
// ("ar", "ar_EG.UTF-8", "en-GB"); English when there is none.
func CatalogFor(lang string) Catalog {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	if c, ok := catalogs[base]; ok {
		return c
	}
	return english
}

// age says how long ago t was, in the catalogue's short units.
func (c Catalog) age(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return c.AgeNow
	case d < time.Hour:
		return fmt.Sprintf(c.AgeMinutes, int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf(c.AgeHours, int(d/time.Hour))
	case d < 60*24*time.Hour:
		return fmt.Sprintf(c.AgeDays, int(d/(24*time.Hour)))
	case d < 365*24*time.Hour:
		return fmt.Sprintf(c.AgeMonths, int(d/(30*24*time.Hour)))
	default:
		return fmt.Sprintf(c.AgeYears, int(d/(365*24*time.Hour)))
	}
}

// matches says how many items a search found.
func (c Catalog) matches(n int) string {
	if n == 1 {
		return c.OneMatch
	}
	return fmt.Sprintf(c.Matches, n)
}
