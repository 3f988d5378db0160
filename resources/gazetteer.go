// Package resources holds the data files Parallax ships inside its binaries.
package resources

// The Cyrillic and Arabic-script place tables in gazetteer/native are
// generated from GeoNames and Debian's iso-codes: see
// gazetteer/native/SOURCES.txt for how to fetch the inputs.
//go:generate go run ./gennative -out gazetteer/native

import "embed"

// Gazetteer is the shipped gazetteer: tab-separated lists of places,
// organisations and people with their aliases and demonyms, plus the cue
// words (titles, head words, common capitalised words) the entity extractor
// uses. Every file explains its format in a header comment; see
// gazetteer/README.txt.
//
//go:embed gazetteer
var Gazetteer embed.FS
