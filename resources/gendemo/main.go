// Command gendemo writes the PDF article of the demo project. The demo's
// other articles are plain files; this one is generated so that the product
// ships a real, text-bearing PDF made by our own code.
package main

import (
	"flag"
	"log"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

const (
	title  = "A valley's water is its lifeline. Part one"
	byline = "Northgate Review  |  Commentary by Amira Solberg  |  16 March 2025"
	footer = "Northgate Review - independent analysis since 2009. All Content by Northgate Review is licensed under a Creative Commons Attribution 4.0 International License."
)

var paragraphs = []string{
	"The strike on the pumping station at Tell al-Hamra was not only an attack on a building. It was an attack on the one thing that still tied the two banks of the Seren together.",
	"Since the 2019 border accord, engineers from Marvania and Tolos have run the station side by side. The farmers of the valley draw their water from one river, their electricity from one grid and their wages from one harvest. That shared dependence kept the peace for six years.",
	"Marvania blames the Northern Valley Guards (NVG) and their commander Yusuf al-Rashidi. Tolos blames Marvanian artillery. Neither government has let the Seren Valley Water Commission inspect the site, and neither has offered evidence that would survive an independent inquiry.",
	"What is clear is that the people of Tell al-Hamra and Dorna now queue for water trucks run by the Sahel Relief Corps, and that the armies on both banks are moving closer to the river.",
	"Every road in this conflict leads back to the Tell al-Hamra pumping station, where a few engines decide whether forty thousand people can drink. In the second part of this series we will ask who gains from a thirsty valley.",
}

func main() {
	out := flag.String("out", "demo/05_northgate_review.pdf", "PDF to write")
	flag.Parse()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(title, true)
	pdf.SetAuthor("Amira Solberg", true)
	pdf.SetCreator("Parallax demo generator", true)
	// A fixed date and catalogue order keep the generated file byte-stable.
	pdf.SetCreationDate(time.Date(2025, 3, 16, 9, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2025, 3, 16, 9, 0, 0, 0, time.UTC))
	pdf.SetCatalogSort(true)
	pdf.SetMargins(25, 25, 25)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 18)
	pdf.MultiCell(0, 9, title, "", "L", false)
	pdf.Ln(2)
	pdf.SetFont("Helvetica", "I", 10)
	pdf.MultiCell(0, 6, byline, "", "L", false)
	pdf.Ln(4)
	pdf.SetFont("Times", "", 12)
	for _, p := range paragraphs {
		pdf.MultiCell(0, 6, p, "", "J", false)
		pdf.Ln(3)
	}
	pdf.Ln(6)
	pdf.SetFont("Helvetica", "", 8)
	pdf.MultiCell(0, 4, strings.TrimSpace(footer), "T", "L", false)
	if err := pdf.OutputFileAndClose(*out); err != nil {
		log.Fatalf("write %s: %v", *out, err)
	}
}
