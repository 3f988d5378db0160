package resources

import "embed"

// Lexicon is the shipped lexicon of loaded and framing terms by category
// (delegitimising and valorising labels, violence, attribution and hedging
// verbs, othering identity labels). Its .tsv files explain their format in a
// header comment; a project adds to or overrides it with
// <project>/.parallax/lexicon.tsv.
//
//go:embed lexicon
var Lexicon embed.FS
