// Command gendemo writes the PDF articles of the demo project. The demo's
// other articles are plain files; 05 is generated so that the product ships
// a real, text-bearing PDF made by our own code. With -office it instead
// makes the PDFs of office/*.txt with LibreOffice Writer (07, 08), as an
// analyst saving an article would: TrueType subset fonts with a ToUnicode
// map, and a right-to-left article in Arabic.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"os/exec"
	"path/filepath"
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
	office := flag.String("office", "", "make the LibreOffice PDFs of this folder's *.txt into -outdir instead")
	outDir := flag.String("outdir", "demo", "folder for the -office PDFs")
	flag.Parse()
	if *office != "" {
		if err := officePDFs(*office, *outDir); err != nil {
			log.Fatal(err)
		}
		return
	}
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

// officePDFs converts every dir/*.txt (first line the headline, blank
// lines between paragraphs) to an HTML page and then to PDF with soffice.
func officePDFs(dir, outDir string) error {
	txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(txts) == 0 {
		return fmt.Errorf("no texts in %s", dir)
	}
	tmp, err := os.MkdirTemp("", "gendemo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, txt := range txts {
		data, err := os.ReadFile(txt)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(txt), ".txt")
		page := officeHTML(string(data))
		src := filepath.Join(tmp, name+".html")
		if err := os.WriteFile(src, []byte(page), 0o644); err != nil {
			return err
		}
		cmd := exec.Command("soffice", "--headless", "--infilter=HTML (StarWriter)",
			"--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("soffice %s: %v: %s", name, err, out)
		}
		pdf, err := os.ReadFile(filepath.Join(tmp, name+".pdf"))
		if err != nil {
			return fmt.Errorf("soffice made no PDF of %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(outDir, name+".pdf"), pdf, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// officeHTML is the page given to Writer: the headline as a heading, each
// paragraph as one, right to left when the text is Arabic.
func officeHTML(text string) string {
	lang, dir, font := "en", "ltr", "Noto Serif"
	for _, r := range text {
		if r >= 0x600 && r <= 0x6ff {
			lang, dir, font = "ar", "rtl", "Noto Naskh Arabic"
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="%s" dir="%s"><head><meta charset="utf-8">`, lang, dir)
	fmt.Fprintf(&b, `<style>body{font-family:"%s";font-size:12pt}</style></head><body>`+"\n", font)
	for i, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		p = html.EscapeString(strings.Join(strings.Fields(p), " "))
		if i == 0 {
			fmt.Fprintf(&b, "<h1>%s</h1>\n", p)
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}
