package resources

import _ "embed"

//go:generate go run ./icons/gen -out icons/parallax.png

// IconPNG is Parallax's application icon, a 512×512 PNG drawn by
// icons/gen. It is plain bytes so that packages without Fyne (the CLI) can
// import this package; the desktop app wraps it in a fyne.Resource.
//
//go:embed icons/parallax.png
var IconPNG []byte
