package resources

import "embed"

// Fonts holds the fonts the app and the reports embed: Noto Sans for Latin,
// Greek and Cyrillic and Noto Sans Arabic for Arabic and Persian, regular and
// bold, with their licence (fonts/README.txt says where they come from).
//
//go:embed fonts/Noto*.ttf
var Fonts embed.FS

// The font files in Fonts, by role.
const (
	FontSans           = "fonts/NotoSans-Regular.ttf"
	FontSansBold       = "fonts/NotoSans-Bold.ttf"
	FontSansArabic     = "fonts/NotoSansArabic-Regular.ttf"
	FontSansArabicBold = "fonts/NotoSansArabic-Bold.ttf"
)

// ThemeFonts holds Parallax Sans, regular and bold: Noto Sans and Noto Sans
// Arabic merged into one face with Noto Sans's line height, built by
// fonts/merge.sh. The app's theme draws Fyne's own widgets (entries,
// labels) with it, so that they show Arabic and Persian on machines
// without an Arabic system font. A separate FS keeps it out of binaries
// that only write reports.
//
//go:generate sh fonts/merge.sh
//go:embed fonts/ParallaxSans-*.ttf
var ThemeFonts embed.FS

// The font files in ThemeFonts.
const (
	FontTheme     = "fonts/ParallaxSans-Regular.ttf"
	FontThemeBold = "fonts/ParallaxSans-Bold.ttf"
)
