package ui

// arabic is the interface in Modern Standard Arabic. Numbers stay in
// Western digits, as Egyptian and most Arab news sites print them.
var arabic = Catalog{
	Lang: "ar", RTL: true,

	AppName: "نشرة", AllItems: "كل الأخبار", UnreadView: "غير المقروءة", FeedsView: "المصادر",
	HelpView: "المساعدة", SearchView: "بحث", All: "الكل", Starred: "المميزة بنجمة",

	// The counted noun agrees with the number: singular with 1 and with
	// 100, 1000 …, dual with 2, plural with 3–10, accusative singular
	// with 11–99 (and the same by the last two digits above 100).
	Counts: "%d غير مقروء · %s", FeedCounts: "%d غير مقروء · %d",
	Items: Plural{Zero: "لا أخبار", One: "خبر واحد", Two: "خبران", Few: "%d أخبار", Many: "%d خبرًا", Other: "%d خبر"},
	NewItems: Plural{One: "خبر جديد واحد", Two: "خبران جديدان", Few: "%d أخبار جديدة",
		Many: "%d خبرًا جديدًا", Other: "%d خبر جديد"},
	// "3/12 مصدرًا": the noun follows the number of feeds in all.
	Progress: Plural{Few: "%[2]d/%[1]d مصادر", Many: "%[2]d/%[1]d مصدرًا", Other: "%[2]d/%[1]d مصدر"},
	FeedsFailed: Plural{One: "تعذّر تحديث مصدر؛ %[2]s", Two: "تعذّر تحديث مصدرين؛ آخرهما: %[2]s",
		Few: "تعذّر تحديث %d مصادر؛ آخرها: %s", Many: "تعذّر تحديث %d مصدرًا؛ آخرها: %s",
		Other: "تعذّر تحديث %d مصدر؛ آخرها: %s"},
	Matches: Plural{Zero: "لا نتائج", One: "نتيجة واحدة", Two: "نتيجتان", Few: "%d نتائج",
		Many: "%d نتيجة", Other: "%d نتيجة"},
	AlreadyRefreshing: "التحديث جارٍ بالفعل…", NoItems: "لا أخبار بعد.",
	NothingMatches: "لا نتائج. يمسح Esc البحث.",
	NoStarred:      "لا أخبار مميزة. اضغط s على خبر لتمييزه بنجمة.",
	NoUnread:       "لا أخبار غير مقروءة. اضغط u لعرض الكل.", Fetching: "جارٍ جلب المصادر…",
	ShowingUnread: "عرض غير المقروء فقط (u لعرض الكل)", ShowingAll: "عرض كل الأخبار",
	StarredMsg: "مُيّز بنجمة", UnstarredMsg: "أُزيلت النجمة", MarkedAllRead: "عُلّمت كل الأخبار مقروءة",
	MarkedShownRead: "عُلّمت الأخبار المعروضة مقروءة",
	FirstItem:       "هذا أول خبر", LastItem: "هذا آخر خبر",
	NoMoreUnread: "لا مزيد من الأخبار غير المقروءة", NoLink: "لا رابط لهذا الخبر",
	Opened: "فُتح %s", Refusing: "لن يُفتح رابط من نوع %q", InvalidLink: "رابط غير صالح: %q",
	SearchHints: "enter للإبقاء · esc للمسح",
	Searching:   "يبحث…",
	PressAnyKey: "اضغط أي مفتاح للإغلاق", HelpList: "مفاتيح قائمة العناوين",
	HelpArticle: "مفاتيح المقال", HelpFeeds: "مفاتيح قائمة المصادر",
	LongArticle: "جارٍ تنسيق مقال طويل…", CannotShow: "تعذّر عرض هذا المقال: %s",
	Failed:       "فشل",
	DemoAddFeeds: "عرض تجريبي · أضف مصادرك في %s", DemoOwnFeeds: "عرض تجريبي · مصادرك في %s",
	DemoNoFeeds: "عرض تجريبي · لا مصادر في %s",

	FetchTimeout:       "%s: لم يردّ الخادم في الوقت المحدد",
	FetchUnreachable:   "%s: تعذّر الاتصال بالخادم",
	FetchSecurity:      "%s: تعذّر إنشاء اتصال آمن بالخادم",
	FetchTooLarge:      "%s: المصدر أكبر من الحجم المسموح به",
	FetchNotAFeed:      "%s: ليس مصدر أخبار (RSS أو Atom أو JSON Feed)",
	FetchNotFoundHTTP:  "%s: الصفحة غير موجودة (HTTP %d)",
	FetchForbiddenHTTP: "%s: الخادم يرفض الوصول (HTTP %d)",
	FetchServerHTTP:    "%s: خطأ في الخادم (HTTP %d)",
	FetchOtherHTTP:     "%s: ردّ الخادم بخطأ (HTTP %d)",

	// Short units (دقيقة، ساعة، يوم، شهر، عام) to fit the age column.
	AgeNow: "الآن", AgeMinutes: "%d د", AgeHours: "%d س", AgeDays: "%d ي", AgeMonths: "%d ش", AgeYears: "%d ع",

	KeyUp: "أعلى", KeyDown: "أسفل", KeyPageUp: "الصفحة السابقة", KeyPageDown: "الصفحة التالية",
	KeyFirst: "الأول", KeyLast: "الأخير", KeyOpen: "فتح", KeyBack: "رجوع",
	KeyNext: "التالي غير المقروء", KeyPrev: "الخبر السابق", KeyToggleRead: "مقروء أو غير مقروء",
	KeyMarkAll: "تعليم الكل مقروءًا", KeyUnreadOnly: "غير المقروء فقط", KeyOpenLink: "فتح في المتصفح",
	KeyRefresh: "تحديث", KeyHelp: "المساعدة", KeyQuit: "خروج", KeyQuitAnywhere: "خروج من أي مكان",
	KeySuspend: "إيقاف مؤقت", KeyStar: "نجمة", KeyFeeds: "المصادر والوسوم", KeySearch: "بحث",
	KeyScrollUp: "تمرير لأعلى", KeyScrollDown: "تمرير لأسفل",
	KeyHalfPageUp: "نصف صفحة لأعلى", KeyHalfPageDown: "نصف صفحة لأسفل",
	KeyFullText: "جلب النص الكامل", FetchingFullText: "جارٍ جلب المقال كاملًا…",
	FullTextDone: "جُلب المقال كاملًا وحُفظ",
	KeyCopyLink:  "نسخ الرابط", KeyFollowLink: "فتح الرابط برقمه", Copied: "نُسخ %s",
	LinkNumber: "الرابط %s — enter لفتحه، esc للإلغاء", NoSuchLink: "لا يوجد رابط رقم %d",
	DateLayout: "2006-01-02 15:04",
	LinksTitle: "الروابط", NoText: "لا نص لهذا الخبر. اضغط o لفتح رابطه.",
	ArticleCut: "بقية هذا المقال (%s أخرى) أطول من أن تُعرض هنا. اضغط o لفتح رابطه.",
}
