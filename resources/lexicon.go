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

// Lang holds the language profiles, one folder per ISO 639-1 code
// (lang/<code>/profile.txt names the language and its script; the other
// files are word lists the analyses read). See lang/README.txt.
//
//go:embed lang
var Lang embed.FS
