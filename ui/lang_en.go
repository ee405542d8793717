package ui

var english = Catalog{
	Lang: "en",

	AppName: "nashra", AllItems: "All items", UnreadView: "unread", FeedsView: "Feeds",
	HelpView: "Help", SearchView: "search", All: "All", Starred: "Starred",

	Counts: "%d unread · %d items", FeedCounts: "%d unread · %d", NewItems: "%d new items",
	Progress: "%d/%d feeds", FeedsFailed: "%d feeds failed; last: %s",
	AlreadyRefreshing: "already refreshing…", NoItems: "No items yet.",
	NothingMatches: "Nothing matches. Esc clears the search.",
	NoStarred:      "No starred items. Press s on an item to star it.",
	NoUnread:       "No unread items. Press u to show all.", Fetching: "Fetching feeds…",
	ShowingUnread: "showing unread items only (u shows all)", ShowingAll: "showing all items",
	StarredMsg: "starred", UnstarredMsg: "unstarred", MarkedAllRead: "marked all items read",
	FirstItem: "this is the first item", LastItem: "this is the last item",
	NoMoreUnread: "no more unread items", NoLink: "this item has no link",
	Opened: "opened %s", Refusing: "refusing to open a %q link", InvalidLink: "not a valid link: %q",
	Matches: "%d matches", OneMatch: "1 match", SearchHints: "enter keep · esc clear",
	PressAnyKey: "press any key to close", HelpList: "Keys in the headline list",
	HelpArticle: "Keys in an article", HelpFeeds: "Keys in the feeds view",
	LongArticle: "Laying out a long article…", CannotShow: "Cannot show this article: %s",
	Failed:       "failed",
	DemoAddFeeds: "demo · add feeds to %s", DemoOwnFeeds: "demo · your own feeds: %s",
	DemoNoFeeds: "demo · no feeds in %s",

	AgeNow: "now", AgeMinutes: "%dm", AgeHours: "%dh", AgeDays: "%dd", AgeMonths: "%dmo", AgeYears: "%dy",

	KeyUp: "up", KeyDown: "down", KeyPageUp: "page up", KeyPageDown: "page down",
	KeyFirst: "first", KeyLast: "last", KeyOpen: "open", KeyBack: "back",
	KeyNext: "next unread", KeyPrev: "previous item", KeyToggleRead: "toggle read",
	KeyMarkAll: "mark all read", KeyUnreadOnly: "unread only", KeyOpenLink: "open in browser",
	KeyRefresh: "refresh", KeyHelp: "help", KeyQuit: "quit", KeyQuitAnywhere: "quit anywhere",
	KeySuspend: "suspend", KeyStar: "star", KeyFeeds: "feeds and tags", KeySearch: "search",
	KeyScrollUp: "scroll up", KeyScrollDown: "scroll down",
	KeyHalfPageUp: "half page up", KeyHalfPageDown: "half page down",
	KeyFullText: "fetch full text", FetchingFullText: "fetching the full article…",
	FullTextDone: "full article fetched and saved",
	KeyCopyLink:  "copy the link", KeyFollowLink: "open link number", Copied: "copied %s",
	LinkNumber: "link %s — enter opens it, esc cancels", NoSuchLink: "there is no link %d",
}
