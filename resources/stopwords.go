package resources

import "embed"

// Stopwords holds a short stop-word list per language (stopwords/xx.txt,
// ISO 639-1), used by the distinctive-vocabulary analysis.
//
//go:embed stopwords/*.txt
var Stopwords embed.FS
