package pdftext

import (
	"math"
	"os"
	"strconv"
)

var devMode = os.Getenv("DEVMODE")
var devGap, _ = strconv.ParseFloat(os.Getenv("DEVGAP"), 64)

func devSize(a, b float64) float64 {
	if devMode == "min" {
		return math.Min(a, b)
	}
	return math.Max(a, b)
}
