# Convenience targets; each is also a plain shell command (see README.md),
# because a fresh machine may not have make.

.PHONY: run test bench cli app package generate lint clean

run:            ## set up, build and open the demo project
	sh scripts/run-demo.sh

test:           ## set up and run every check (what CI runs)
	sh scripts/test.sh

bench:          ## run the benchmarks on the shared corpora
	sh scripts/bench.sh

cli:            ## build the headless engine (no cgo)
	CGO_ENABLED=0 go build -o bin/parallax-cli ./cmd/parallax-cli

app:
	go build -o bin/parallax ./cmd/parallax

package:        ## Linux desktop package (binary, .desktop entry, icon) with the fyne tool
	sh scripts/package.sh

generate:       ## regenerate committed generated files (confusables table, icon, demo PDF)
	go generate ./...

lint:
	gofmt -l $$(git ls-files '*.go')
	go vet -tags ci ./...
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

clean:
	rm -rf bin dist
