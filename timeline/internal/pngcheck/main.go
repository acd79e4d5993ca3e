// Command pngcheck fails when a screenshot is blank: it decodes a PNG and
// counts the pixels that are not white, for
// scripts/screenshot-svg.sh (for check-timeline-svg.sh and
// check-picture-svg.sh).
//
//	go run ./timeline/internal/pngcheck -min 1 shot.png
package main

import (
	"flag"
	"fmt"
	"image/png"
	"os"
)

func main() {
	minPercent := flag.Float64("min", 1, "the least share of non-white pixels, in percent")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pngcheck [-min percent] file.png")
		os.Exit(2)
	}
	share, err := nonWhite(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "pngcheck:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %.2f%% of pixels are not white\n", flag.Arg(0), share)
	if share < *minPercent {
		fmt.Fprintf(os.Stderr, "pngcheck: %s looks blank (less than %.2f%% non-white)\n", flag.Arg(0), *minPercent)
		os.Exit(1)
	}
}

// nonWhite returns the percentage of pixels of a PNG that are not (nearly)
// white.
func nonWhite(path string) (float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return 0, err
	}
	b := img.Bounds()
	if b.Empty() {
		return 0, fmt.Errorf("%s: empty image", path)
	}
	count := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				count++
			}
		}
	}
	return 100 * float64(count) / float64(b.Dx()*b.Dy()), nil
}
