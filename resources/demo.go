// Package resources holds what the product ships inside its binaries: the
// demo project, icons, gazetteer, alias lists and lexicons, embedded so that
// the app and the CLI work from any folder.
package resources

//go:generate go run ./gendemo -out demo/05_northgate_review.pdf

import "embed"

// Demo is the demo project: short articles written for Parallax about a
// fictional event, in several formats, with a sidecar sources.csv.
//
//go:embed demo
var Demo embed.FS
