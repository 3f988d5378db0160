package resources

import "embed"

// CIDMaps holds CID → Unicode tables of the Adobe character collections
// (cidmaps/*.bin.gz, format in gencidmaps), with their licence
// (cidmaps/LICENSE.txt).
//
//go:generate go run ./gencidmaps -src /usr/share/poppler/cMap -out cidmaps
//go:embed cidmaps/*.bin.gz cidmaps/LICENSE.txt
var CIDMaps embed.FS
