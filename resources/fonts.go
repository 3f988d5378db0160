package resources

import "embed"

// Fonts holds the fonts the app and the reports embed: Noto Sans for Latin,
// Greek and Cyrillic and Noto Sans Arabic for Arabic and Persian, regular and
// bold, with their licence (fonts/README.txt says where they come from).
//
//go:embed fonts/*.ttf
var Fonts embed.FS

// The font files in Fonts, by role.
const (
	FontSans           = "fonts/NotoSans-Regular.ttf"
	FontSansBold       = "fonts/NotoSans-Bold.ttf"
	FontSansArabic     = "fonts/NotoSansArabic-Regular.ttf"
	FontSansArabicBold = "fonts/NotoSansArabic-Bold.ttf"
)
